import { prisma, type Transaction } from '../db/index.ts';
import { ForbiddenError, PennantError } from '../errors.ts';
import type { Session, User } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import { recordEvent } from './events.ts';
import { writeRotation } from './rotation-writer.ts';
import { sessionSettings } from './session-settings.ts';
import {
  hashToken,
  issueTokens,
  type SessionTokens,
  sessionIsActive,
  successorRefreshToken,
} from './session-tokens.ts';
import { type ActiveSigningKey, activeSigningKey } from './signing-keys.ts';
import { commitChange } from './transaction.ts';
import { validId } from './validation.ts';

/**
 * Refresh-token rotation: the usual case signs, then writes the rotation in one statement that
 * checks what the refresh was decided on (shared with concurrent refreshes, `rotation-writer.ts`);
 * everything else (retries in the grace window, reuse, ended sessions, lost memberships) goes
 * through one locked transaction. The new refresh token is derived from the presented one
 * (`successorRefreshToken`), so a retry gets the same one again and no token is ever stored.
 */

function invalidGrant(message = 'The refresh token is not valid.'): PennantError {
  return new PennantError('INVALID_GRANT', message);
}

type RotationOutcome =
  | { kind: 'ok'; tokens: SessionTokens }
  | { kind: 'spent' }
  | { kind: 'reused' }
  | { kind: 'inactive' }
  | { kind: 'forbidden' };

async function lockRefreshToken(tx: Transaction, id: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "RefreshToken" WHERE id = ${id} FOR UPDATE`;
}

/**
 * Everything the usual refresh needs, read in one statement: the token, its session, the user,
 * and the user's role in the organization asked for (null: no active membership there).
 */
interface RefreshCandidate {
  tokenId: string;
  /** When the token was spent (its successor stored), or null. */
  spentAt: Date | null;
  session: Pick<Session, 'id' | 'userId' | 'organizationId' | 'environmentId' | 'expiresAt' | 'revokedAt'>;
  user: User;
  /** The role in the requested organization (else the session's), when an active member. */
  roleSlug: string | null;
}

interface RefreshCandidateRow {
  tokenId: string;
  usedAt: Date | null;
  successorCreatedAt: Date | null;
  sessionId: string;
  sessionOrganizationId: string;
  environmentId: string;
  sessionExpiresAt: Date;
  sessionRevokedAt: Date | null;
  roleSlug: string | null;
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  emailVerified: boolean;
  profilePictureUrl: string | null;
  externalId: string | null;
  lastSignInAt: Date | null;
  userCreatedAt: Date;
  userUpdatedAt: Date;
}

/**
 * Why one hand-written join: through Prisma the same answer takes four statements (token,
 * session, membership, user), and on the embedded database every statement costs the server's
 * own core a fixed amount, whatever it reads.
 */
async function findRefreshCandidate(
  tokenHash: string,
  successorHash: string,
  requestedOrganizationId: string | undefined,
): Promise<RefreshCandidate | null> {
  const rows = await prisma.$queryRaw<RefreshCandidateRow[]>`
    SELECT t."id" AS "tokenId", t."usedAt", n."createdAt" AS "successorCreatedAt",
           s."id" AS "sessionId", s."organizationId" AS "sessionOrganizationId", s."environmentId",
           s."expiresAt" AS "sessionExpiresAt", s."revokedAt" AS "sessionRevokedAt",
           m."roleSlug",
           u."id" AS "userId", u."email", u."firstName", u."lastName", u."emailVerified",
           u."profilePictureUrl", u."externalId", u."lastSignInAt",
           u."createdAt" AS "userCreatedAt", u."updatedAt" AS "userUpdatedAt"
    FROM "RefreshToken" t
    JOIN "Session" s ON s."id" = t."sessionId"
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "OrganizationMembership" m
      ON m."userId" = s."userId" AND m."status" = 'ACTIVE' AND m."environmentId" = s."environmentId"
      AND m."organizationId" = COALESCE(${requestedOrganizationId ?? null}::text, s."organizationId")
    LEFT JOIN "RefreshToken" n ON n."tokenHash" = ${successorHash}::text AND n."sessionId" = t."sessionId"
    WHERE t."tokenHash" = ${tokenHash}::text`;
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    spentAt: row.usedAt ?? row.successorCreatedAt,
    session: {
      id: row.sessionId,
      userId: row.userId,
      organizationId: row.sessionOrganizationId,
      environmentId: row.environmentId,
      expiresAt: row.sessionExpiresAt,
      revokedAt: row.sessionRevokedAt,
    },
    user: {
      id: row.userId,
      // A user belongs to one environment, the one of its sessions.
      environmentId: row.environmentId,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      emailVerified: row.emailVerified,
      profilePictureUrl: row.profilePictureUrl,
      externalId: row.externalId,
      lastSignInAt: row.lastSignInAt,
      createdAt: row.userCreatedAt,
      updatedAt: row.userUpdatedAt,
    },
    roleSlug: row.roleSlug,
  };
}

/** The presented refresh token, its hash, and the successor it is rotated to (and its hash). */
export interface PresentedToken {
  tokenHash: string;
  successor: string;
  successorHash: string;
}

export function presentedToken(refreshToken: string): PresentedToken {
  const successor = successorRefreshToken(refreshToken);
  return { tokenHash: hashToken(refreshToken), successor, successorHash: hashToken(successor) };
}

/**
 * Signs the new access token from `claims` and writes the rotation, which checks every claim
 * against the database in the same statement (`rotation-writer.ts`). Null when a claim no longer
 * holds or a concurrent refresh won the token: the caller then takes the locked path.
 */
async function signAndRotate(
  presented: PresentedToken,
  claims: {
    sessionId: string;
    environmentId: string;
    user: User;
    fromOrganizationId: string;
    organizationId: string;
    role: string;
  },
  signingKey: ActiveSigningKey,
): Promise<SessionTokens | null> {
  const tokens = await issueTokens(
    signingKey,
    { id: claims.sessionId, environmentId: claims.environmentId },
    claims.user,
    claims.organizationId,
    claims.role,
    presented.successor,
  );
  const rotated = await writeRotation({
    tokenHash: presented.tokenHash,
    sessionId: claims.sessionId,
    userId: claims.user.id,
    environmentId: claims.environmentId,
    fromOrganizationId: claims.fromOrganizationId,
    organizationId: claims.organizationId,
    role: claims.role,
    userUpdatedAt: claims.user.updatedAt,
    newTokenId: newId('rt'),
    newTokenHash: presented.successorHash,
  });
  return rotated ? tokens : null;
}

/**
 * The usual refresh after one read (`findRefreshCandidate`), with no interactive transaction: an
 * unspent token of an active session whose user is an active member of the organization.
 *
 * Why: a refresh is the hot path after every dashboard change, and the transactional path costs
 * about a dozen round trips (BEGIN, lock, reads, writes, COMMIT, change-feed read), each one
 * paid on the server's own core with the embedded database.
 */
async function rotateUnspentToken(
  presented: PresentedToken,
  candidate: RefreshCandidate,
  requestedOrganizationId: string | undefined,
  signingKey: ActiveSigningKey,
): Promise<SessionTokens | null> {
  const { session } = candidate;
  if (candidate.spentAt !== null || !sessionIsActive(session)) return null;
  if (candidate.roleSlug === null) return null;
  return signAndRotate(
    presented,
    {
      sessionId: session.id,
      environmentId: session.environmentId,
      user: candidate.user,
      fromOrganizationId: session.organizationId,
      organizationId: requestedOrganizationId ?? session.organizationId,
      role: candidate.roleSlug,
    },
    signingKey,
  );
}

/** What a sealed session says about itself, trusted only as far as the rotation verifies it. */
export interface SealedClaims {
  sessionId: string;
  /** The seal does not say the environment: it comes from the session (`rotateAsSealed`). */
  user: Omit<User, 'environmentId'>;
  organizationId: string;
  role: string;
}

// A session's environment never changes, and the flags of the new access token need it before
// the rotation's one statement. Bounded: at worst a forgotten session takes the two-statement path.
const sessionEnvironments = new Map<string, string>();
const rememberedSessionEnvironments = 100_000;

export function rememberSessionEnvironment(sessionId: string, environmentId: string): void {
  if (sessionEnvironments.size >= rememberedSessionEnvironments && !sessionEnvironments.has(sessionId)) {
    const oldest = sessionEnvironments.keys().next().value;
    if (oldest !== undefined) sessionEnvironments.delete(oldest);
  }
  sessionEnvironments.set(sessionId, environmentId);
}

/**
 * The usual refresh of a sealed session in one statement: the seal (which only holders of the
 * cookie password can make) already names the session, user, organization and role, so the
 * access token is signed from it, and the rotation's statement checks every one of them against
 * the database (the token unused and of that session; the session active, of that user,
 * organization and environment; the membership active with that role; the user unchanged since
 * the seal, by its updatedAt). Null when anything differs or is unknown here: the caller then
 * reads the database. The user's profile in the answer is the seal's own, which its holder could
 * have sealed anyway; nothing the access token asserts comes from the seal unchecked.
 *
 * Why: the read before the rotation is as costly as the rotation itself, and on the embedded
 * database each statement costs the server's own core a fixed amount.
 */
async function rotateAsSealed(
  presented: PresentedToken,
  sealed: SealedClaims,
  requestedOrganizationId: string | undefined,
): Promise<SessionTokens | null> {
  if (requestedOrganizationId !== undefined && requestedOrganizationId !== sealed.organizationId) return null;
  const environmentId = sessionEnvironments.get(sealed.sessionId);
  if (environmentId === undefined) return null;
  return signAndRotate(
    presented,
    {
      sessionId: sealed.sessionId,
      environmentId,
      user: { ...sealed.user, environmentId },
      fromOrganizationId: sealed.organizationId,
      organizationId: sealed.organizationId,
      role: sealed.role,
    },
    // Each environment signs with its own key (signing-keys.ts).
    await activeSigningKey(environmentId),
  );
}

/**
 * The tokens for the session's user in `organizationId`, when still an active member there:
 * what both a rotation and a retry in the locked path answer.
 */
async function issueForMember(
  tx: Transaction,
  session: Session,
  organizationId: string,
  refreshToken: string,
  signingKey: ActiveSigningKey,
): Promise<RotationOutcome> {
  const membership = await tx.organizationMembership.findFirst({
    where: { userId: session.userId, organizationId, environmentId: session.environmentId, status: 'ACTIVE' },
  });
  if (!membership) return { kind: 'forbidden' };
  const user = await tx.user.findUnique({ where: { id: session.userId } });
  if (!user) return { kind: 'inactive' };
  const tokens = await issueTokens(
    signingKey,
    session,
    user,
    organizationId,
    membership.roleSlug,
    refreshToken,
  );
  return { kind: 'ok', tokens };
}

/**
 * The answer to a retry in the grace window: the same new refresh token (derived again from the
 * presented one) and a new access token for the session as it is now. 'spent' when that token is
 * not stored for this session (the token was spent before successors were derived): refused,
 * not treated as a reuse.
 */
async function retryAnswer(
  tx: Transaction,
  session: Session,
  presented: PresentedToken,
  successorStored: boolean,
  signingKey: ActiveSigningKey,
): Promise<RotationOutcome> {
  if (!successorStored) return { kind: 'spent' };
  return issueForMember(tx, session, session.organizationId, presented.successor, signingKey);
}

/**
 * When `token` was spent, and whether its derived successor (by `successorHash`) is stored for
 * its session. A token with `usedAt` was spent by an earlier version: its successor was random.
 */
export async function spendingOf(
  db: Transaction,
  token: { usedAt: Date | null; sessionId: string },
  successorHash: string,
): Promise<{ spentAt: Date | null; successorStored: boolean }> {
  if (token.usedAt) return { spentAt: token.usedAt, successorStored: false };
  const successor = await db.refreshToken.findUnique({
    where: { tokenHash: successorHash },
    select: { sessionId: true, createdAt: true },
  });
  return successor?.sessionId === token.sessionId
    ? { spentAt: successor.createdAt, successorStored: true }
    : { spentAt: null, successorStored: false };
}

/**
 * Refreshes by raw refresh token (the credential the WorkOS-compatible REST API receives): the
 * token is rotated (the old one becomes unusable), the flags are recomputed and a new access
 * token is signed. `organizationId` switches organization when the user is a member there.
 *
 * - Unknown, revoked or expired, or from another environment: INVALID_GRANT.
 * - Already spent: within the grace window (`PENNANT_REFRESH_GRACE`), the same new refresh token
 *   again with a new access token (a lost response, two tabs, a retry of the SDK whatever its
 *   Idempotency-Key); after it, the whole session is revoked and the reuse is logged (RFC 9700).
 * - No active membership in the organization: FORBIDDEN.
 */
export async function refreshWithRefreshToken(input: {
  refreshToken: string;
  /** The environment of the caller's API key; a session of another environment is refused. */
  environmentId?: string;
  organizationId?: string | null;
  /** From a sealed session: lets the usual case skip the read (see `rotateAsSealed`). */
  sealed?: SealedClaims | null;
}): Promise<SessionTokens> {
  const requestedOrganizationId =
    input.organizationId === undefined || input.organizationId === null || input.organizationId === ''
      ? undefined
      : validId('organizationId', input.organizationId, 'org');
  if (typeof input.refreshToken !== 'string' || input.refreshToken.length === 0) {
    throw invalidGrant('A refresh token is required.');
  }
  if (input.refreshToken.length > 512) throw invalidGrant();
  const presented = presentedToken(input.refreshToken);
  const settings = sessionSettings();
  if (input.sealed && input.environmentId === undefined) {
    const rotated = await rotateAsSealed(presented, input.sealed, requestedOrganizationId);
    if (rotated) return rotated;
  }
  const found = await findRefreshCandidate(
    presented.tokenHash,
    presented.successorHash,
    requestedOrganizationId,
  );
  if (!found) throw invalidGrant();
  if (input.environmentId !== undefined && found.session.environmentId !== input.environmentId) {
    throw invalidGrant();
  }
  rememberSessionEnvironment(found.session.id, found.session.environmentId);
  // The session's environment's key, fetched before the transaction (see signAccessToken).
  const signingKey = await activeSigningKey(found.session.environmentId);

  const rotated = await rotateUnspentToken(presented, found, requestedOrganizationId, signingKey);
  if (rotated) return rotated;

  const outcome = await commitChange(async (tx): Promise<RotationOutcome> => {
    // Serializes the locked path's refreshes of one token (a rotation in the shared statement
    // is serialized by the successor's unique hash instead).
    await lockRefreshToken(tx, found.tokenId);
    const token = await tx.refreshToken.findUnique({
      where: { id: found.tokenId },
      include: { session: true },
    });
    if (!token) return { kind: 'inactive' };
    const session = token.session;
    const now = Date.now();
    const { spentAt, successorStored } = await spendingOf(tx, token, presented.successorHash);

    if (spentAt) {
      const withinGrace = now - spentAt.getTime() <= settings.refreshGraceSeconds * 1000;
      // Any retry in the window gets the answer, whatever its Idempotency-Key: concurrent
      // requests of one browser (two tabs, middleware and page) present the same token with
      // different keys, and must not sign the user out. Asking for another organization than
      // the rotation's (now the session's) is a different request, not a retry.
      const sameRequest =
        requestedOrganizationId === undefined || requestedOrganizationId === session.organizationId;
      if (withinGrace && sameRequest && sessionIsActive(session, now)) {
        return retryAnswer(tx, session, presented, successorStored, signingKey);
      }
      if (session.revokedAt === null) {
        await tx.session.update({
          where: { id: session.id },
          data: { revokedAt: new Date(now), revokedReason: 'refresh_token_reused' },
        });
        await recordEvent(tx, {
          type: 'session.refresh_token_reused',
          actor: { type: 'user', id: session.userId },
          environmentId: session.environmentId,
          userId: session.userId,
          organizationId: session.organizationId,
          after: { sessionId: session.id, refreshTokenId: token.id, revokedReason: 'refresh_token_reused' },
        });
      }
      return { kind: 'reused' };
    }

    if (!sessionIsActive(session, now)) return { kind: 'inactive' };
    const organizationId = requestedOrganizationId ?? session.organizationId;
    const issued = await issueForMember(tx, session, organizationId, presented.successor, signingKey);
    if (issued.kind !== 'ok') return issued;
    const stored = await tx.refreshToken.createMany({
      data: [{ id: newId('rt'), sessionId: session.id, tokenHash: presented.successorHash }],
      skipDuplicates: true,
    });
    // A rotation in the shared statement stored the successor meanwhile: this is its retry.
    if (stored.count === 0) return retryAnswer(tx, session, presented, true, signingKey);
    await tx.session.update({
      where: { id: session.id },
      data: { organizationId, expiresAt: new Date(now + settings.sessionTtlSeconds * 1000) },
    });
    return issued;
  });

  switch (outcome.kind) {
    case 'ok':
      return outcome.tokens;
    case 'spent':
      throw invalidGrant('The refresh token was already used.');
    case 'reused':
      throw invalidGrant('The refresh token was already used; the session has been revoked.');
    case 'inactive':
      throw invalidGrant('The session has ended (revoked or expired).');
    case 'forbidden':
      throw new ForbiddenError('The user is not an active member of this organization.');
  }
}

import { decodeProtectedHeader } from 'jose';
import { prisma, type Transaction } from '../db/index.ts';
import { ConflictError, ForbiddenError, PennantError } from '../errors.ts';
import type { Session, User } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import { recordEvent } from './events.ts';
import { writeRotation } from './rotation-writer.ts';
import { accessTokenClaimsOf, type SealedSessionData, type SealOpener, unsealSessionData } from './seal.ts';
import { sessionSettings } from './session-settings.ts';
import {
  hashToken,
  issueTokens,
  type SessionTokens,
  sealTokens,
  sessionIsActive,
  successorRefreshToken,
} from './session-tokens.ts';
import { activeSigningKey, environmentOfLoadedKey } from './signing-keys.ts';
import { commitChange } from './transaction.ts';
import { userFromSeal } from './users.ts';
import { validId } from './validation.ts';

/**
 * The one refresh path. Every refresh (GraphQL `refreshSession` with a seal or the session
 * cookie, REST `/user_management/authenticate` with `grant_type=refresh_token`) goes through
 * `refreshSession` below, which reads top to bottom:
 *
 * 1. the credential: a sealed session is opened (iron's MAC, checked in constant time) and
 *    gives its refresh token; a raw refresh token is taken as it is;
 * 2. the state the refresh depends on (`RefreshState`): read in one statement
 *    (`readRefreshState`), or, for a seal, first taken from what the seal claims
 *    (`stateClaimedBySeal`, the one fast path, trusted for nothing: see step 4);
 * 3. one pure decision on that state (`decideRefresh`): unknown token, other environment, a seal
 *    of another user, a spent token (a retry in the grace window, or a reuse: the session is
 *    revoked), an ended session, no active membership, or rotate;
 * 4. for a rotation, the new access token is signed (flags through the one evaluation function,
 *    `issueTokens`) and the rotation is written only if every fact of the state still holds, in
 *    the same statement (`writeRotation`). When one does not (a concurrent refresh of the same
 *    token won, the membership or the user changed, the seal claimed something untrue), nothing
 *    is written or answered, and the refresh goes back to step 2 with a fresh read: what a
 *    refresh answers always held in the database when its rotation was written.
 *
 * A token is spent once its successor is stored; the successor is derived from the presented
 * token (`successorRefreshToken`), so a retry in the grace window gets the same new refresh
 * token without any token ever being stored.
 */

/** A refresh token or a sealed session (which carries one), and what the caller asks for. */
export type RefreshRequest = ({ refreshToken: string } | { sealedSession: string }) & {
  /** The environment of the caller's API key (REST): a session of another environment is refused. */
  environmentId?: string;
  /** Switch to this organization (the user must be an active member there). */
  organizationId?: string | null;
};

/** The new tokens and, for a sealed session, the new seal. */
export interface RefreshedSession {
  tokens: SessionTokens;
  sealedSession: string | null;
}

const maxRefreshTokenLength = 512;
// The seal's claims, then up to two reads: a rotation whose facts changed between read and write
// is decided again on a fresh read, which sees a newer state; a third failure means the session
// keeps changing.
const maxAttempts = 3;

function invalidGrant(message = 'The refresh token is not valid.'): PennantError {
  return new PennantError('INVALID_GRANT', message);
}

/** Everything a refresh is decided on. */
export interface RefreshState {
  tokenId: string;
  /** When the token was spent (its successor stored, or `usedAt` by an earlier version), or null. */
  spentAt: Date | null;
  /** Whether the derived successor is stored for this session (a retry can be answered). */
  successorStored: boolean;
  session: Pick<Session, 'id' | 'userId' | 'organizationId' | 'environmentId' | 'expiresAt' | 'revokedAt'>;
  user: User;
  /** The user's role in the organization asked for (else the session's), when an active member. */
  roleSlug: string | null;
}

interface RefreshStateRow {
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
 * The presented token (by its hash, an indexed equality: no secret-dependent comparison in our
 * code), its session, user, the membership in the organization asked for, and its successor.
 * One statement rather than Prisma's four (token, session, membership, user): on the embedded
 * database every statement costs the server's own core a fixed amount, whatever it reads.
 */
async function readRefreshState(
  tokenHash: string,
  successorHash: string,
  requestedOrganizationId: string | undefined,
): Promise<RefreshState | null> {
  const rows = await prisma.$queryRaw<RefreshStateRow[]>`
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
    // A token with `usedAt` was spent by an earlier version: its successor was random.
    successorStored: row.usedAt === null && row.successorCreatedAt !== null,
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

/**
 * The state a seal claims for its session: session, user, organization and role from its access
 * token and user (not verified here), the environment from the key that signed that token. Null
 * when the seal does not claim all of it consistently, or asks for another organization.
 *
 * Why a fast path at all: a refresh is the hot path after every dashboard change, and on the
 * embedded database each statement costs the server's own core a fixed amount, as much as the
 * read is worth. The claims decide nothing on their own: the rotation's statement checks every one
 * of them (token unspent and of that session; session active, of that user, organization and
 * environment; membership active with that role; user unchanged since the seal, by `updatedAt`),
 * and any difference sends the refresh to the read. The user's profile in the answer is the
 * seal's own, which its holder could have sealed anyway.
 */
async function stateClaimedBySeal(
  sealed: SealedSessionData,
  requestedOrganizationId: string | undefined,
): Promise<RefreshState | null> {
  const claims = accessTokenClaimsOf(sealed);
  const user = userFromSeal(sealed.user);
  if (!claims || !user) return null;
  const { sid, sub, org_id: organizationId, role } = claims;
  if (typeof sid !== 'string' || typeof organizationId !== 'string' || typeof role !== 'string') return null;
  if (sub !== user.id || (sealed.organizationId !== undefined && sealed.organizationId !== organizationId)) {
    return null;
  }
  if (requestedOrganizationId !== undefined && requestedOrganizationId !== organizationId) return null;
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(sealed.accessToken).kid;
  } catch {
    return null;
  }
  const environmentId = typeof kid === 'string' ? await environmentOfLoadedKey(kid) : null;
  if (environmentId === null) return null;
  return {
    // Known only to the read; a claimed state is never spent, so it is never needed.
    tokenId: '',
    spentAt: null,
    successorStored: false,
    // Claimed active: the rotation's statement checks that it is.
    session: {
      id: sid,
      userId: user.id,
      organizationId,
      environmentId,
      expiresAt: endOfTime,
      revokedAt: null,
    },
    user: { ...user, environmentId },
    roleSlug: role,
  };
}

const endOfTime = new Date(8.64e15);

/** What to do with a refresh, decided from its state alone. */
export type RefreshDecision =
  | { kind: 'rotate'; organizationId: string; role: string }
  /** A retry within the grace window: the same successor again, with a new access token. */
  | { kind: 'retry'; organizationId: string; role: string }
  /** A spent token presented after the grace window: the whole session ends (RFC 9700). */
  | { kind: 'reused' }
  | { kind: 'refused'; error: PennantError };

/**
 * Every rule of a refresh, in one place and in order:
 * - an unknown token, or a session of another environment than the caller's: INVALID_GRANT;
 * - a seal whose user is not the session's user: INVALID_SESSION (the seal is not this session's);
 * - a spent token: within the grace window (`PENNANT_REFRESH_GRACE`), for the same request and an
 *   active session, answered again (a lost response, two tabs, a retry of the SDK whatever its
 *   Idempotency-Key); a token spent by an earlier version (no derived successor) is refused
 *   without ending the session; otherwise a reuse: the session is revoked;
 * - a revoked or expired session: INVALID_GRANT;
 * - no active membership in the organization (the one asked for, else the session's): FORBIDDEN;
 * - otherwise: rotate.
 */
export function decideRefresh(
  state: RefreshState | null,
  request: { environmentId?: string; requestedOrganizationId?: string; sealedUserId?: string },
  now: number,
  graceMs: number,
): RefreshDecision {
  if (!state) return { kind: 'refused', error: invalidGrant() };
  const { session } = state;
  if (request.environmentId !== undefined && session.environmentId !== request.environmentId) {
    return { kind: 'refused', error: invalidGrant() };
  }
  if (request.sealedUserId !== undefined && request.sealedUserId !== session.userId) {
    return {
      kind: 'refused',
      error: new PennantError('INVALID_SESSION', 'The sealed session is not valid.'),
    };
  }
  const active = sessionIsActive(session, now);
  // A function, not a value: an error captures a stack trace, and nearly every refresh rotates.
  const forbidden = (): RefreshDecision => ({
    kind: 'refused',
    error: new ForbiddenError('The user is not an active member of this organization.'),
  });
  if (state.spentAt) {
    // Asking for another organization than the rotation's (now the session's) is a different
    // request, not a retry.
    const sameRequest =
      request.requestedOrganizationId === undefined ||
      request.requestedOrganizationId === session.organizationId;
    if (now - state.spentAt.getTime() <= graceMs && sameRequest && active) {
      if (!state.successorStored) {
        return { kind: 'refused', error: invalidGrant('The refresh token was already used.') };
      }
      if (state.roleSlug === null) return forbidden();
      return { kind: 'retry', organizationId: session.organizationId, role: state.roleSlug };
    }
    return { kind: 'reused' };
  }
  if (!active) return { kind: 'refused', error: invalidGrant('The session has ended (revoked or expired).') };
  if (state.roleSlug === null) return forbidden();
  return {
    kind: 'rotate',
    organizationId: request.requestedOrganizationId ?? session.organizationId,
    role: state.roleSlug,
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
 * Refreshes a session: the refresh token is rotated (the old one becomes unusable), the flags are
 * recomputed and a new access token is signed; for a sealed session, the new tokens are sealed.
 * See the top of this file for the steps and `decideRefresh` for the rules.
 */
export async function refreshSession(
  request: RefreshRequest,
  openSeal: SealOpener = unsealSessionData,
): Promise<RefreshedSession> {
  const requestedOrganizationId =
    request.organizationId === undefined || request.organizationId === null || request.organizationId === ''
      ? undefined
      : validId('organizationId', request.organizationId, 'org');
  const sealed = 'sealedSession' in request ? await openSeal(request.sealedSession) : null;
  const refreshToken = sealed ? sealed.refreshToken : 'refreshToken' in request ? request.refreshToken : '';
  if (typeof refreshToken !== 'string' || refreshToken.length === 0) {
    throw invalidGrant('A refresh token is required.');
  }
  if (refreshToken.length > maxRefreshTokenLength) throw invalidGrant();
  const presented = presentedToken(refreshToken);
  const graceMs = sessionSettings().refreshGraceSeconds * 1000;

  // A seal's claims come first; they can lead to nothing but a rotation that the write checks.
  let claimed = sealed ? await stateClaimedBySeal(sealed, requestedOrganizationId) : null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const state =
      claimed ??
      (await readRefreshState(presented.tokenHash, presented.successorHash, requestedOrganizationId));
    const decision = decideRefresh(
      state,
      {
        ...(request.environmentId === undefined ? {} : { environmentId: request.environmentId }),
        ...(requestedOrganizationId === undefined ? {} : { requestedOrganizationId }),
        ...(sealed ? { sealedUserId: sealed.user.id } : {}),
      },
      Date.now(),
      graceMs,
    );
    if (claimed !== null && decision.kind !== 'rotate') {
      claimed = null;
      continue;
    }
    claimed = null;
    if (decision.kind === 'refused' || state === null) {
      throw decision.kind === 'refused' ? decision.error : invalidGrant();
    }
    const { session, user, tokenId } = state;
    if (decision.kind === 'reused') {
      await revokeForReuse(session, tokenId);
      throw invalidGrant('The refresh token was already used; the session has been revoked.');
    }
    // Each environment signs with its own key (signing-keys.ts).
    const signingKey = await activeSigningKey(session.environmentId);
    const tokens = await issueTokens(
      signingKey,
      session,
      user,
      decision.organizationId,
      decision.role,
      presented.successor,
    );
    const written =
      decision.kind !== 'rotate' ||
      (await writeRotation({
        tokenHash: presented.tokenHash,
        sessionId: session.id,
        userId: user.id,
        environmentId: session.environmentId,
        fromOrganizationId: session.organizationId,
        organizationId: decision.organizationId,
        role: decision.role,
        userUpdatedAt: user.updatedAt,
        newTokenId: newId('rt'),
        newTokenHash: presented.successorHash,
      }));
    // Not written: something the decision rested on no longer holds; decide again on a fresh read.
    if (written) return { tokens, sealedSession: sealed ? await sealTokens(tokens) : null };
  }
  throw new ConflictError('The session kept changing during the refresh; try again.');
}

/** Ends the session whose spent refresh token came back after the grace window, once. */
async function revokeForReuse(session: RefreshState['session'], tokenId: string): Promise<void> {
  if (session.revokedAt !== null) return;
  await commitChange(async (tx) => {
    const revoked = await tx.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: 'refresh_token_reused' },
    });
    if (revoked.count === 0) return;
    await recordEvent(tx, {
      type: 'session.refresh_token_reused',
      actor: { type: 'user', id: session.userId },
      environmentId: session.environmentId,
      userId: session.userId,
      organizationId: session.organizationId,
      after: { sessionId: session.id, refreshTokenId: tokenId, revokedReason: 'refresh_token_reused' },
    });
  });
}

/** `refreshSession` with a raw refresh token, for callers that want the tokens alone (the tests). */
export async function refreshWithRefreshToken(input: {
  refreshToken: string;
  environmentId?: string;
  organizationId?: string | null;
}): Promise<SessionTokens> {
  return (await refreshSession(input)).tokens;
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

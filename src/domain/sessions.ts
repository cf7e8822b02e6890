import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { type Prisma, prisma, type Transaction } from '../db/index.ts';
import { BadUserInputError, ForbiddenError, NotFoundError, PennantError } from '../errors.ts';
import type { Session, User } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import { logger } from '../logger.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import { flagState } from './flag-state.ts';
import { type SealOpener, sealSessionData, unsealSessionData } from './seal.ts';
import {
  decryptWithServerSecret,
  encryptWithServerSecret,
  loadServerSecrets,
  setServerSecrets,
} from './secrets.ts';
import { type SessionSettings, sessionSettings, setSessionSettings } from './session-settings.ts';
import {
  type ActiveSigningKey,
  activeSigningKey,
  ensureActiveSigningKey,
  publicJwks,
  setSigningKeyTokenTtl,
} from './signing-keys.ts';
import { signAccessToken, verifyAccessToken } from './tokens.ts';
import { commitChange } from './transaction.ts';
import { sealedUser } from './users.ts';
import { validId } from './validation.ts';

/** Who a session credential (access token or sealed session) belongs to. */
export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  organizationId: string;
  environmentId: string;
}

/** A session as its holder sees it after signing in or refreshing. */
export interface AuthenticatedSession {
  id: string;
  user: User;
  organizationId: string;
  role: string;
  permissions: string[];
  featureFlags: string[];
  accessToken: string;
  /** When the access token expires. */
  expiresAt: Date;
}

/** An authenticated session with its new refresh token (the REST layer's answer). */
export interface SessionTokens extends AuthenticatedSession {
  refreshToken: string;
}

// ---------------------------------------------------------------------------------------------
// Start-up

/**
 * Loads (or generates into the data folder) the server secret and cookie passwords, sets the
 * token settings and makes sure an active signing key exists. `app.ts` calls it at start.
 */
export async function initializeSessions(
  config: Pick<
    Config,
    | 'dataDir'
    | 'secret'
    | 'cookiePasswords'
    | 'cookieName'
    | 'accessTokenTtlSeconds'
    | 'sessionTtlSeconds'
    | 'refreshGraceSeconds'
    | 'signingAlgorithm'
  > & { issuer: string },
): Promise<void> {
  setServerSecrets(await loadServerSecrets(config));
  const settings: SessionSettings = {
    issuer: config.issuer,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    sessionTtlSeconds: config.sessionTtlSeconds,
    refreshGraceSeconds: config.refreshGraceSeconds,
    signingAlgorithm: config.signingAlgorithm,
    cookieName: config.cookieName,
  };
  setSessionSettings(settings);
  setSigningKeyTokenTtl(config.accessTokenTtlSeconds);
  await ensureActiveSigningKey(config.signingAlgorithm);
}

/** The issuer is known only once the server listens (the default names the port). */
export function setAccessTokenIssuer(issuer: string): void {
  setSessionSettings({ issuer });
}

// ---------------------------------------------------------------------------------------------
// Refresh tokens

const retryResultPurpose = 'refresh-retry-result';

function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Refresh tokens are 256 random bits, so SHA-256 is the right hash: nothing to brute-force, and
 * lookups are an indexed equality on the hash (no secret-dependent comparison in our code).
 */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function invalidGrant(message = 'The refresh token is not valid.'): PennantError {
  return new PennantError('INVALID_GRANT', message);
}

function invalidSession(message = 'The session is not valid.'): PennantError {
  return new PennantError('INVALID_SESSION', message);
}

function sessionIsActive(session: Pick<Session, 'revokedAt' | 'expiresAt'>, now = Date.now()): boolean {
  return session.revokedAt === null && session.expiresAt.getTime() > now;
}

/** What a used refresh token remembers, encrypted, so a retry in the grace window gets it again. */
interface StoredRefreshResult {
  sessionId: string;
  userId: string;
  organizationId: string;
  role: string;
  permissions: string[];
  featureFlags: string[];
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
}

async function encryptRetryResult(result: SessionTokens): Promise<string> {
  const stored: StoredRefreshResult = {
    sessionId: result.id,
    userId: result.user.id,
    organizationId: result.organizationId,
    role: result.role,
    permissions: result.permissions,
    featureFlags: result.featureFlags,
    accessToken: result.accessToken,
    expiresAt: result.expiresAt.toISOString(),
    refreshToken: result.refreshToken,
  };
  return encryptWithServerSecret(JSON.stringify(stored), retryResultPurpose);
}

async function decryptRetryResult(encrypted: string, user: User): Promise<SessionTokens> {
  const stored = JSON.parse(
    await decryptWithServerSecret(encrypted, retryResultPurpose),
  ) as StoredRefreshResult;
  return {
    id: stored.sessionId,
    user,
    organizationId: stored.organizationId,
    role: stored.role,
    permissions: stored.permissions,
    featureFlags: stored.featureFlags,
    accessToken: stored.accessToken,
    expiresAt: new Date(stored.expiresAt),
    refreshToken: stored.refreshToken,
  };
}

/** Signs the access token for a session in an organization, with the flags of its environment. */
async function issueTokens(
  signingKey: ActiveSigningKey,
  session: { id: string; environmentId: string },
  user: User,
  organizationId: string,
  role: string,
  refreshToken: string,
): Promise<SessionTokens> {
  const permissions: string[] = [];
  const featureFlags = flagState.enabledFlagSlugs(session.environmentId, organizationId);
  const signed = await signAccessToken(
    { userId: user.id, sessionId: session.id, organizationId, role, permissions, featureFlags },
    signingKey,
  );
  return {
    id: session.id,
    user,
    organizationId,
    role,
    permissions,
    featureFlags,
    accessToken: signed.accessToken,
    expiresAt: signed.expiresAt,
    refreshToken,
  };
}

type RotationOutcome =
  | { kind: 'ok'; tokens: SessionTokens }
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
  usedAt: Date | null;
  session: Pick<Session, 'id' | 'userId' | 'organizationId' | 'environmentId' | 'expiresAt' | 'revokedAt'>;
  user: User;
  /** The role in the requested organization (else the session's), when an active member. */
  roleSlug: string | null;
}

interface RefreshCandidateRow {
  tokenId: string;
  usedAt: Date | null;
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
 * Why one hand-written join: through Prisma the same answer took four statements (token,
 * session, membership, user), and on the embedded database every statement costs a few hundred
 * microseconds of the server's own core.
 */
async function findRefreshCandidate(
  tokenHash: string,
  requestedOrganizationId: string | undefined,
): Promise<RefreshCandidate | null> {
  const rows = await prisma.$queryRaw<RefreshCandidateRow[]>`
    SELECT t."id" AS "tokenId", t."usedAt",
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
      ON m."userId" = s."userId" AND m."status" = 'ACTIVE'
      AND m."organizationId" = COALESCE(${requestedOrganizationId ?? null}::text, s."organizationId")
    WHERE t."tokenHash" = ${tokenHash}::text`;
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    usedAt: row.usedAt,
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
 * The usual refresh, in one read (`findRefreshCandidate`) and one statement, with no
 * interactive transaction: an unused token of an active session whose user is an active member
 * of the organization. The write is one statement (atomic on its own) that marks the token used
 * only if it still is unused and its session still active, and in the same step stores the new
 * token, the retry answer and the session's new expiry. Null when it is not that case or a
 * concurrent refresh won the token: the locked transaction in `refreshWithRefreshToken` then
 * decides (grace-window retry, reuse, revoked, forbidden) exactly as before.
 *
 * Why: a refresh is the hot path after every dashboard change, and the transactional path costs
 * about a dozen round trips (BEGIN, lock, reads, four writes, COMMIT, change-feed read); on the
 * embedded database the CPU profile of the refresh benchmark was two thirds PGlite and Prisma.
 */
async function rotateUnusedToken(
  candidate: RefreshCandidate,
  requestedOrganizationId: string | undefined,
  idempotencyKeyHash: string | null,
  signingKey: ActiveSigningKey,
): Promise<SessionTokens | null> {
  const { session } = candidate;
  const now = Date.now();
  if (candidate.usedAt !== null || !sessionIsActive(session, now)) return null;
  if (candidate.roleSlug === null) return null;
  const organizationId = requestedOrganizationId ?? session.organizationId;
  const settings = sessionSettings();
  const refreshToken = newRefreshToken();
  const tokens = await issueTokens(
    signingKey,
    session,
    candidate.user,
    organizationId,
    candidate.roleSlug,
    refreshToken,
  );
  const retryResult = await encryptRetryResult(tokens);
  const usedAt = new Date(now).toISOString();
  const graceCutoff = new Date(now - settings.refreshGraceSeconds * 1000).toISOString();
  const expiresAt = new Date(now + settings.sessionTtlSeconds * 1000).toISOString();
  const rows = await prisma.$queryRaw<{ rotated: bigint | number }[]>`
    WITH used AS (
      UPDATE "RefreshToken"
      SET "usedAt" = ${usedAt}::timestamp(3), "retryResult" = ${retryResult}::text,
          "idempotencyKeyHash" = ${idempotencyKeyHash}::text
      WHERE "id" = ${candidate.tokenId}::text AND "usedAt" IS NULL
        AND EXISTS (
          SELECT 1 FROM "Session"
          WHERE "id" = ${session.id}::text AND "revokedAt" IS NULL AND "expiresAt" > ${usedAt}::timestamp(3)
        )
      RETURNING "sessionId"
    ), fresh AS (
      INSERT INTO "RefreshToken" ("id", "sessionId", "tokenHash", "createdAt")
      SELECT ${newId('rt')}::text, "sessionId", ${hashToken(refreshToken)}::text, ${usedAt}::timestamp(3)
      FROM used
    ), swept AS (
      UPDATE "RefreshToken" SET "retryResult" = NULL
      WHERE "sessionId" = ${session.id}::text AND "id" <> ${candidate.tokenId}::text AND "retryResult" IS NOT NULL
        AND "usedAt" < ${graceCutoff}::timestamp(3) AND EXISTS (SELECT 1 FROM used)
    ), extended AS (
      UPDATE "Session"
      SET "organizationId" = ${organizationId}::text, "expiresAt" = ${expiresAt}::timestamp(3),
          "updatedAt" = ${usedAt}::timestamp(3)
      WHERE "id" = ${session.id}::text AND EXISTS (SELECT 1 FROM used)
    )
    SELECT count(*) AS rotated FROM used`;
  return Number(rows[0]?.rotated ?? 0) === 1 ? tokens : null;
}

/**
 * Refreshes by raw refresh token (the credential the WorkOS-compatible REST API receives): the
 * token is rotated (the old one becomes unusable), the flags are recomputed and a new access
 * token is signed. `organizationId` switches organization when the user is a member there.
 *
 * - Unknown, revoked or expired, or from another environment: INVALID_GRANT.
 * - Already used: within the grace window (`PENNANT_REFRESH_GRACE`), the same answer again (a
 *   lost response); after it, the whole session is revoked and the reuse is logged (RFC 9700).
 * - No active membership in the organization: FORBIDDEN.
 */
export async function refreshWithRefreshToken(input: {
  refreshToken: string;
  /** The environment of the caller's API key; a session of another environment is refused. */
  environmentId?: string;
  organizationId?: string | null;
  idempotencyKey?: string | null;
}): Promise<SessionTokens> {
  const requestedOrganizationId =
    input.organizationId === undefined || input.organizationId === null || input.organizationId === ''
      ? undefined
      : validId('organizationId', input.organizationId, 'org');
  if (typeof input.refreshToken !== 'string' || input.refreshToken.length === 0) {
    throw invalidGrant('A refresh token is required.');
  }
  if (input.refreshToken.length > 512) throw invalidGrant();
  const tokenHash = hashToken(input.refreshToken);
  const idempotencyKeyHash = input.idempotencyKey ? hashToken(input.idempotencyKey) : null;
  const found = await findRefreshCandidate(tokenHash, requestedOrganizationId);
  if (!found) throw invalidGrant();
  if (input.environmentId !== undefined && found.session.environmentId !== input.environmentId) {
    throw invalidGrant();
  }
  const settings = sessionSettings();
  // Fetched before the transaction (see signAccessToken).
  const signingKey = await activeSigningKey();

  const rotated = await rotateUnusedToken(found, requestedOrganizationId, idempotencyKeyHash, signingKey);
  if (rotated) {
    await sweepExpiredRetryResults(settings.refreshGraceSeconds);
    return rotated;
  }

  const outcome = await commitChange(async (tx): Promise<RotationOutcome> => {
    await lockRefreshToken(tx, found.tokenId);
    const token = await tx.refreshToken.findUnique({ where: { id: found.tokenId }, include: { session: true } });
    if (!token) return { kind: 'inactive' };
    const session = token.session;
    const now = Date.now();

    if (token.usedAt) {
      const withinGrace = now - token.usedAt.getTime() <= settings.refreshGraceSeconds * 1000;
      if (withinGrace && token.retryResult && sessionIsActive(session, now)) {
        const user = await tx.user.findUnique({ where: { id: session.userId } });
        if (!user) return { kind: 'inactive' };
        const previous = await decryptRetryResult(token.retryResult, user);
        // Any retry in the window gets the answer, whatever its Idempotency-Key: concurrent
        // requests of one browser (two tabs, middleware and page) present the same token with
        // different keys, and must not sign the user out. Asking for another organization is
        // a different request, not a retry.
        const sameRequest =
          requestedOrganizationId === undefined || requestedOrganizationId === previous.organizationId;
        if (sameRequest) return { kind: 'ok', tokens: previous };
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
    const membership = await tx.organizationMembership.findFirst({
      where: { userId: session.userId, organizationId, status: 'ACTIVE' },
    });
    if (!membership) return { kind: 'forbidden' };
    const user = await tx.user.findUnique({ where: { id: session.userId } });
    if (!user) return { kind: 'inactive' };

    const refreshToken = newRefreshToken();
    const tokens = await issueTokens(
      signingKey,
      session,
      user,
      organizationId,
      membership.roleSlug,
      refreshToken,
    );
    await tx.refreshToken.create({
      data: { id: newId('rt'), sessionId: session.id, tokenHash: hashToken(refreshToken) },
    });
    await tx.refreshToken.update({
      where: { id: token.id },
      data: { usedAt: new Date(now), retryResult: await encryptRetryResult(tokens), idempotencyKeyHash },
    });
    // Answers kept for retries are only needed during the grace window.
    await tx.refreshToken.updateMany({
      where: {
        sessionId: session.id,
        id: { not: token.id },
        retryResult: { not: null },
        usedAt: { lt: new Date(now - settings.refreshGraceSeconds * 1000) },
      },
      data: { retryResult: null },
    });
    await tx.session.update({
      where: { id: session.id },
      data: { organizationId, expiresAt: new Date(now + settings.sessionTtlSeconds * 1000) },
    });
    return { kind: 'ok', tokens };
  });

  switch (outcome.kind) {
    case 'ok':
      await sweepExpiredRetryResults(settings.refreshGraceSeconds);
      return outcome.tokens;
    case 'reused':
      throw invalidGrant('The refresh token was already used; the session has been revoked.');
    case 'inactive':
      throw invalidGrant('The session has ended (revoked or expired).');
    case 'forbidden':
      throw new ForbiddenError('The user is not an active member of this organization.');
  }
}

const sweepIntervalMs = 60_000;
let lastSweep = 0;

/**
 * Answers kept for retries hold live tokens (encrypted): once their grace window has passed they
 * are dropped, for every session, at most once a minute per instance. (A session's own refresh
 * also drops its older ones at once.)
 */
export async function sweepExpiredRetryResults(
  graceSeconds = sessionSettings().refreshGraceSeconds,
  options: { force?: boolean } = {},
): Promise<void> {
  const now = Date.now();
  if (!options.force && now - lastSweep < sweepIntervalMs) return;
  lastSweep = now;
  try {
    await prisma.refreshToken.updateMany({
      where: { retryResult: { not: null }, usedAt: { lt: new Date(now - graceSeconds * 1000) } },
      data: { retryResult: null },
    });
  } catch (error) {
    logger.warn({ err: error }, 'could not drop expired refresh retry answers; will try again');
  }
}

// ---------------------------------------------------------------------------------------------
// Sessions

/**
 * Creates a session for a user in an organization, in the caller's environment. A trusted
 * backend calls it after it has authenticated the user; the user must be an active member.
 */
export async function createSession(
  actor: Actor,
  environmentId: string,
  input: { userId: string; organizationId: string; ipAddress?: string | null; userAgent?: string | null },
): Promise<SessionTokens & { session: Session; sealedSession: string }> {
  const userId = validId('userId', input.userId, 'user');
  const organizationId = validId('organizationId', input.organizationId, 'org');
  const settings = sessionSettings();
  const refreshToken = newRefreshToken();
  // Fetched before the transaction (see signAccessToken).
  const signingKey = await activeSigningKey();
  const { session, tokens } = await commitChange(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError('User', userId);
    const organization = await tx.organization.findUnique({ where: { id: organizationId } });
    if (!organization) throw new NotFoundError('Organization', organizationId);
    const membership = await tx.organizationMembership.findFirst({
      where: { userId, organizationId, status: 'ACTIVE' },
    });
    if (!membership) throw new ForbiddenError('The user is not an active member of this organization.');
    const now = new Date();
    const session = await tx.session.create({
      data: {
        id: newId('session'),
        userId,
        organizationId,
        environmentId,
        expiresAt: new Date(now.getTime() + settings.sessionTtlSeconds * 1000),
        ipAddress: input.ipAddress?.slice(0, 100) ?? null,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
      },
    });
    await tx.refreshToken.create({
      data: { id: newId('rt'), sessionId: session.id, tokenHash: hashToken(refreshToken) },
    });
    const signedInUser = await tx.user.update({ where: { id: userId }, data: { lastSignInAt: now } });
    const tokens = await issueTokens(
      signingKey,
      session,
      signedInUser,
      organizationId,
      membership.roleSlug,
      refreshToken,
    );
    await recordEvent(tx, {
      type: 'session.created',
      actor,
      environmentId,
      userId,
      organizationId,
      after: { id: session.id, expiresAt: session.expiresAt.toISOString() },
    });
    return { session, tokens };
  });
  return { ...tokens, session, sealedSession: await sealTokens(tokens) };
}

function sealTokens(tokens: SessionTokens): Promise<string> {
  return sealSessionData({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    user: sealedUser(tokens.user),
    organizationId: tokens.organizationId,
  });
}

/**
 * Refreshes a sealed session (the seal is the credential): unseals it, rotates its refresh
 * token (see `refreshWithRefreshToken`) and returns a new seal with the new tokens.
 */
export async function refreshSealedSession(
  input: { sealedSession: string; organizationId?: string | null },
  openSeal: SealOpener = unsealSessionData,
): Promise<{ sealedSession: string; session: AuthenticatedSession }> {
  const data = await openSeal(input.sealedSession);
  const tokens = await refreshWithRefreshToken({
    refreshToken: data.refreshToken,
    organizationId: input.organizationId,
  });
  const { refreshToken: _refreshToken, ...session } = tokens;
  return { sealedSession: await sealTokens(tokens), session };
}

/** The session a sealed session belongs to (by its refresh token), or INVALID_SESSION. */
async function sessionOfSeal(
  sealedSession: string,
  openSeal: SealOpener = unsealSessionData,
): Promise<{ session: Session; tokenUsedAt: Date | null }> {
  const data = await openSeal(sealedSession);
  const token = await prisma.refreshToken.findUnique({
    where: { tokenHash: hashToken(data.refreshToken) },
    include: { session: true },
  });
  if (!token || token.session.userId !== data.user.id) throw invalidSession();
  return { session: token.session, tokenUsedAt: token.usedAt };
}

/**
 * Authenticates a session credential (WebSocket connections, REST): an access token (verified
 * with Pennant's keys only, pinned algorithms and issuer, unexpired) or a sealed session whose
 * refresh token is current (or rotated within the grace window). Either way the session must
 * be active. Anything else is INVALID_SESSION.
 */
export async function authenticateSessionCredential(
  credential: { accessToken?: string; sealedSession?: string },
  openSeal: SealOpener = unsealSessionData,
): Promise<SessionPrincipal> {
  const now = Date.now();
  if (credential.accessToken !== undefined) {
    const claims = await verifyAccessToken(credential.accessToken);
    const session = await prisma.session.findUnique({ where: { id: claims.sid } });
    if (!session || session.userId !== claims.sub || !sessionIsActive(session, now)) {
      throw invalidSession('The session has ended.');
    }
    return {
      sessionId: session.id,
      userId: session.userId,
      organizationId: claims.org_id,
      environmentId: session.environmentId,
    };
  }
  if (credential.sealedSession !== undefined) {
    const { session, tokenUsedAt } = await sessionOfSeal(credential.sealedSession, openSeal);
    const graceMs = sessionSettings().refreshGraceSeconds * 1000;
    if (tokenUsedAt && now - tokenUsedAt.getTime() > graceMs)
      throw invalidSession('The session is outdated.');
    if (!sessionIsActive(session, now)) throw invalidSession('The session has ended.');
    return {
      sessionId: session.id,
      userId: session.userId,
      organizationId: session.organizationId,
      environmentId: session.environmentId,
    };
  }
  throw invalidSession('A session credential is required.');
}

async function revoke(actor: Actor, session: Session, reason: string): Promise<Session> {
  if (session.revokedAt) return session;
  return commitChange(async (tx) => {
    const revoked = await tx.session.update({
      where: { id: session.id },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    await recordEvent(tx, {
      type: 'session.revoked',
      actor,
      environmentId: session.environmentId,
      userId: session.userId,
      organizationId: session.organizationId,
      after: { id: session.id, revokedReason: reason },
    });
    return revoked;
  });
}

/** Ends a session of the caller's environment (API key). */
export async function revokeSession(
  actor: Actor,
  environmentId: string,
  sessionId: string,
): Promise<Session> {
  const id = validId('id', sessionId, 'session');
  const session = await prisma.session.findUnique({ where: { id } });
  if (!session || session.environmentId !== environmentId) throw new NotFoundError('Session', id);
  return revoke(actor, session, 'revoked');
}

/** Ends the session a sealed session belongs to (its holder signs out). */
export async function signOut(
  input: { sealedSession: string },
  openSeal: SealOpener = unsealSessionData,
): Promise<Session> {
  const { session } = await sessionOfSeal(input.sealedSession, openSeal);
  return revoke({ type: 'user', id: session.userId }, session, 'signed_out');
}

/**
 * The filter for active sessions of a user and/or an organization in an environment (the
 * GraphQL layer adds its selection to it). At least one of the two is required.
 */
export function activeSessionsWhere(
  environmentId: string,
  filter: { userId?: string | null; organizationId?: string | null },
): Prisma.SessionWhereInput {
  if (!filter.userId && !filter.organizationId) {
    throw new BadUserInputError('userId', 'Pass userId, organizationId or both.');
  }
  return {
    environmentId,
    revokedAt: null,
    expiresAt: { gt: new Date() },
    ...(filter.userId ? { userId: validId('userId', filter.userId, 'user') } : {}),
    ...(filter.organizationId
      ? { organizationId: validId('organizationId', filter.organizationId, 'org') }
      : {}),
  };
}

/** Active sessions of a user and/or an organization in an environment, newest first. */
export function listActiveSessions(
  environmentId: string,
  filter: { userId?: string | null; organizationId?: string | null },
): Promise<Session[]> {
  return prisma.session.findMany({
    where: activeSessionsWhere(environmentId, filter),
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

/**
 * The JWK Set that verifies access tokens of an environment. Signing keys are server-wide, so
 * every environment serves the same set; the parameter keeps REST routes per environment honest.
 */
export function publicJwksForEnvironment(_environmentId?: string): Promise<{ keys: object[] }> {
  return publicJwks();
}

export { publicJwks };

import type { Config } from '../config.ts';
import { type Prisma, prisma } from '../db/index.ts';
import { BadUserInputError, ForbiddenError, NotFoundError, PennantError } from '../errors.ts';
import type { Session } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import { presentedToken, spendingOf } from './refresh.ts';
import { type SealOpener, unsealSessionData } from './seal.ts';
import { loadServerSecrets, setServerSecrets } from './secrets.ts';
import { type SessionSettings, sessionSettings, setSessionSettings } from './session-settings.ts';
import {
  hashToken,
  issueTokens,
  newRefreshToken,
  type SessionTokens,
  sealTokens,
  sessionIsActive,
} from './session-tokens.ts';
import {
  activeSigningKey,
  ensureActiveSigningKey,
  publicJwks,
  setSigningKeyTokenTtl,
} from './signing-keys.ts';
import { verifyAccessToken } from './tokens.ts';
import { commitChange } from './transaction.ts';
import { validId } from './validation.ts';

/** Who a session credential (access token or sealed session) belongs to. */
export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  organizationId: string;
  environmentId: string;
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
// Sessions

function invalidSession(message = 'The session is not valid.'): PennantError {
  return new PennantError('INVALID_SESSION', message);
}

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
  const signingKey = await activeSigningKey(environmentId);
  const { session, tokens } = await commitChange(async (tx) => {
    // Users and organizations of other environments are unknown here (NOT_FOUND).
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user || user.environmentId !== environmentId) throw new NotFoundError('User', userId);
    const organization = await tx.organization.findUnique({ where: { id: organizationId } });
    if (!organization || organization.environmentId !== environmentId) {
      throw new NotFoundError('Organization', organizationId);
    }
    const membership = await tx.organizationMembership.findFirst({
      where: { userId, organizationId, environmentId, status: 'ACTIVE' },
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

/** The session a sealed session belongs to (by its refresh token), or INVALID_SESSION. */
async function sessionOfSeal(
  sealedSession: string,
  openSeal: SealOpener = unsealSessionData,
): Promise<{ session: Session; tokenSpentAt: Date | null }> {
  const data = await openSeal(sealedSession);
  const presented = presentedToken(data.refreshToken);
  const token = await prisma.refreshToken.findUnique({
    where: { tokenHash: presented.tokenHash },
    include: { session: true },
  });
  if (!token || token.session.userId !== data.user.id) throw invalidSession();
  const { spentAt } = await spendingOf(prisma, token, presented.successorHash);
  return { session: token.session, tokenSpentAt: spentAt };
}

/**
 * Authenticates a session credential (WebSocket connections, REST): an access token (verified
 * with its environment's keys only, pinned algorithms and issuer, unexpired) or a sealed session
 * whose refresh token is current (or rotated within the grace window). Either way the session
 * must be active and of the environment whose key signed the token. With `environmentId` (a path
 * that serves one environment), a credential of any other environment is INVALID_SESSION, like
 * anything else that does not authenticate.
 */
export async function authenticateSessionCredential(
  credential: { accessToken?: string; sealedSession?: string },
  openSeal: SealOpener = unsealSessionData,
  environmentId?: string,
): Promise<SessionPrincipal> {
  const now = Date.now();
  if (credential.accessToken !== undefined) {
    const verified = await verifyAccessToken(credential.accessToken, environmentId);
    const { claims } = verified;
    const session = await prisma.session.findUnique({ where: { id: claims.sid } });
    if (!session || session.userId !== claims.sub || !sessionIsActive(session, now)) {
      throw invalidSession('The session has ended.');
    }
    if (
      (verified.environmentId !== null && session.environmentId !== verified.environmentId) ||
      (environmentId !== undefined && session.environmentId !== environmentId)
    ) {
      throw invalidSession();
    }
    return {
      sessionId: session.id,
      userId: session.userId,
      organizationId: claims.org_id,
      environmentId: session.environmentId,
    };
  }
  if (credential.sealedSession !== undefined) {
    const { session, tokenSpentAt } = await sessionOfSeal(credential.sealedSession, openSeal);
    const graceMs = sessionSettings().refreshGraceSeconds * 1000;
    if (tokenSpentAt && now - tokenSpentAt.getTime() > graceMs)
      throw invalidSession('The session is outdated.');
    if (!sessionIsActive(session, now)) throw invalidSession('The session has ended.');
    if (environmentId !== undefined && session.environmentId !== environmentId) throw invalidSession();
    return {
      sessionId: session.id,
      userId: session.userId,
      organizationId: session.organizationId,
      environmentId: session.environmentId,
    };
  }
  throw invalidSession('A session credential is required.');
}

/**
 * Checks that the user of a session principal is still an active member of the organization
 * the credential is for, in its environment. An access token names its organization until it
 * expires, and the user may have switched organization (the session now names another) and
 * then been removed from the first: the session is not revoked then, so only this check stops
 * the old token. FORBIDDEN otherwise.
 */
export async function assertActiveMembership(principal: SessionPrincipal): Promise<void> {
  const membership = await prisma.organizationMembership.findFirst({
    where: {
      userId: principal.userId,
      organizationId: principal.organizationId,
      environmentId: principal.environmentId,
      status: 'ACTIVE',
    },
    select: { id: true },
  });
  if (!membership) throw new ForbiddenError('The user is not an active member of this organization.');
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

/**
 * The JWK Set that verifies access tokens of an environment (`/sso/jwks/<clientId>`): its own
 * keys, and keys made before environments had their own until their tokens expire.
 */
export function publicJwksForEnvironment(environmentId: string): Promise<{ keys: object[] }> {
  return publicJwks(environmentId);
}

export { publicJwks };

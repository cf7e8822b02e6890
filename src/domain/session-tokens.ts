import { createHash, randomBytes } from 'node:crypto';
import type { Session, User } from '../generated/prisma/client.ts';
import { flagState } from './flag-state.ts';
import { sealSessionData } from './seal.ts';
import { macWithServerSecret } from './secrets.ts';
import type { ActiveSigningKey } from './signing-keys.ts';
import { signAccessToken } from './tokens.ts';
import { sealedUser } from './users.ts';

/**
 * What signing in (`sessions.ts`) and refreshing (`refresh.ts`) share: the tokens a session
 * holder gets, and how they are made.
 */

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

/** The first refresh token of a session: 256 random bits. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The token that replaces `presented` when it is rotated: HMAC-SHA256 of it under a key derived
 * from the server secret, as unpredictable as a random one to anyone without that secret.
 * Why derived: a retry of the same refresh (a lost response, two tabs) must get the same new
 * token, and deriving it again means no token is ever stored, not even encrypted; every
 * instance derives the same one.
 */
export function successorRefreshToken(presented: string): string {
  return macWithServerSecret(presented, 'refresh-token-successor');
}

/**
 * Refresh tokens are 256 random bits, so SHA-256 is the right hash: nothing to brute-force, and
 * lookups are an indexed equality on the hash (no secret-dependent comparison in our code).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionIsActive(
  session: Pick<Session, 'revokedAt' | 'expiresAt'>,
  now = Date.now(),
): boolean {
  return session.revokedAt === null && session.expiresAt.getTime() > now;
}

/** Signs the access token for a session in an organization, with the flags of its environment. */
export async function issueTokens(
  signingKey: ActiveSigningKey,
  session: { id: string; environmentId: string },
  user: User,
  organizationId: string,
  role: string,
  refreshToken: string,
): Promise<SessionTokens> {
  const permissions: string[] = [];
  const featureFlags = flagState.enabledFlagSlugs(session.environmentId, organizationId, user.id);
  const signed = await signAccessToken(
    {
      environmentId: session.environmentId,
      userId: user.id,
      sessionId: session.id,
      organizationId,
      role,
      permissions,
      featureFlags,
    },
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

/** The sealed session a holder keeps (the cookie's content): the tokens, the user, the organization. */
export function sealTokens(tokens: SessionTokens): Promise<string> {
  return sealSessionData({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    user: sealedUser(tokens.user),
    organizationId: tokens.organizationId,
  });
}

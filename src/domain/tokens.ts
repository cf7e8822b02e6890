import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { PennantError } from '../errors.ts';
import { sessionSettings } from './session-settings.ts';
import {
  type ActiveSigningKey,
  activeSigningKey,
  signingAlgorithms,
  verificationKey,
} from './signing-keys.ts';

/** The claims of a Pennant access token (WorkOS's shape). */
export interface AccessTokenClaims {
  iss: string;
  /** The user id. */
  sub: string;
  /** The session id. */
  sid: string;
  org_id: string;
  role: string;
  permissions: string[];
  /** Slugs of the flags enabled for the organization in the session's environment. */
  feature_flags: string[];
  iat: number;
  exp: number;
  jti: string;
}

export interface SignedAccessToken {
  accessToken: string;
  expiresAt: Date;
  claims: AccessTokenClaims;
}

/** Signs an access token with the active key (`kid` in the header). */
export async function signAccessToken(
  input: {
    userId: string;
    sessionId: string;
    organizationId: string;
    role: string;
    permissions: string[];
    featureFlags: string[];
  },
  signingKey?: ActiveSigningKey,
): Promise<SignedAccessToken> {
  const settings = sessionSettings();
  // Inside a database transaction, pass the key fetched before it: loading keys uses another
  // connection, which on PGlite (one connection) would wait for the transaction forever.
  const key = signingKey ?? (await activeSigningKey());
  const iat = Math.floor(Date.now() / 1000);
  const claims: AccessTokenClaims = {
    iss: settings.issuer,
    sub: input.userId,
    sid: input.sessionId,
    org_id: input.organizationId,
    role: input.role,
    permissions: input.permissions,
    feature_flags: input.featureFlags,
    iat,
    exp: iat + settings.accessTokenTtlSeconds,
    jti: randomBytes(16).toString('base64url'),
  };
  const accessToken = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
  return { accessToken, expiresAt: new Date(claims.exp * 1000), claims };
}

function invalidToken(message = 'The access token is not valid.'): PennantError {
  return new PennantError('INVALID_SESSION', message);
}

/**
 * Verifies an access token: only Pennant's keys (by `kid`, each pinned to its algorithm), the
 * configured issuer, and an unexpired `exp`. Every failure is INVALID_SESSION.
 */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) throw invalidToken();
  try {
    const { payload } = await jwtVerify(token, verificationKey, {
      algorithms: signingAlgorithms,
      issuer: sessionSettings().issuer,
      requiredClaims: ['sub', 'sid', 'exp', 'iat'],
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') throw invalidToken();
    return payload as unknown as AccessTokenClaims;
  } catch (error) {
    if (error instanceof PennantError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw invalidToken('The access token has expired.');
    // Any other jose error (bad signature, malformed token, wrong issuer…) says the same thing.
    throw invalidToken();
  }
}

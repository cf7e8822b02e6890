import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { PennantError } from '../errors.ts';
import { sessionSettings } from './session-settings.ts';
import { type ActiveSigningKey, activeSigningKey, verificationKeyOf } from './signing-keys.ts';

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

/**
 * The issuer of an environment's access tokens: the server's issuer and the environment's client
 * id, in WorkOS's shape (`https://api.workos.com/user_management/<clientId>`), so a verifier that
 * pins the issuer also pins the environment.
 */
export function environmentIssuer(clientId: string): string {
  return `${sessionSettings().issuer.replace(/\/+$/, '')}/user_management/${clientId}`;
}

/**
 * Signs an access token with the active key of the session's environment (`kid` in the
 * header) and that environment's issuer.
 */
export async function signAccessToken(
  input: {
    environmentId: string;
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
  const key = signingKey ?? (await activeSigningKey(input.environmentId));
  if (key.environmentId !== input.environmentId) {
    throw new Error('An access token must be signed with its own environment’s key.');
  }
  const iat = Math.floor(Date.now() / 1000);
  const claims: AccessTokenClaims = {
    iss: environmentIssuer(key.clientId),
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

/** A verified access token and the environment whose key signed it. */
export interface VerifiedAccessToken {
  claims: AccessTokenClaims;
  /** Null for a token signed before environments had their own keys (see signing-keys.ts). */
  environmentId: string | null;
}

/**
 * Verifies an access token: only Pennant's keys (by `kid`, each pinned to its algorithm), the
 * issuer of the key's environment, and an unexpired `exp`. With `environmentId`, a token signed
 * by another environment's key is refused. Every failure is INVALID_SESSION.
 */
export async function verifyAccessToken(token: string, environmentId?: string): Promise<VerifiedAccessToken> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) throw invalidToken();
  try {
    const { key, clientId } = await verificationKeyOf(decodeProtectedHeader(token));
    if (environmentId !== undefined && key.environmentId !== null && key.environmentId !== environmentId) {
      throw invalidToken();
    }
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [key.algorithm],
      issuer: clientId === null ? sessionSettings().issuer : environmentIssuer(clientId),
      requiredClaims: ['sub', 'sid', 'exp', 'iat'],
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') throw invalidToken();
    return { claims: payload as unknown as AccessTokenClaims, environmentId: key.environmentId };
  } catch (error) {
    if (error instanceof PennantError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw invalidToken('The access token has expired.');
    // Any other jose error (bad signature, malformed token, wrong issuer…) says the same thing.
    throw invalidToken();
  }
}

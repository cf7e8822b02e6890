import { defaults, seal, unseal } from 'iron-webcrypto';
import { decodeJwt, type JWTPayload } from 'jose';
import { PennantError } from '../errors.ts';
import { serverSecrets } from './secrets.ts';

/** The camelCase user inside a sealed session, as the WorkOS SDK's `User`. */
export interface SealedUser {
  object: 'user';
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  profilePictureUrl: string | null;
  lastSignInAt: string | null;
  locale: string | null;
  createdAt: string;
  updatedAt: string;
  externalId: string | null;
  metadata: Record<string, string>;
}

/** WorkOS's sealed-session content (`SessionCookieData`). */
export interface SealedSessionData {
  accessToken: string;
  refreshToken: string;
  user: SealedUser;
  organizationId?: string;
}

/**
 * The WorkOS SDK seals and unseals with the password id "1" (`{ 1: password }`); a password
 * configured without an id gets that id so both sides open each other's seals.
 */
const defaultPasswordId = '1';
// The SDK appends its "major version" to the iron seal.
const versionSuffix = '~2';
// A real seal is a few kilobytes; anything far larger is not one and is refused before any work.
const maximumSealLength = 16_384;

function invalidSession(): PennantError {
  return new PennantError('INVALID_SESSION', 'The sealed session is not valid.');
}

/** Seals with the first cookie password: `Fe26.2*<id>*…~2`, never expiring (like the SDK). */
export async function sealSessionData(data: SealedSessionData): Promise<string> {
  const [password] = serverSecrets().cookiePasswords;
  if (!password) throw new Error('No cookie password is configured.');
  const sealed = await seal(
    data,
    { id: password.id || defaultPasswordId, secret: password.secret },
    { ...defaults, ttl: 0, encode: JSON.stringify },
  );
  return sealed + versionSuffix;
}

/** Opens a seal made by Pennant or a WorkOS SDK with one of the passwords; INVALID_SESSION otherwise. */
export async function unsealSessionData(sealed: string): Promise<SealedSessionData> {
  if (typeof sealed !== 'string' || sealed.length === 0 || sealed.length > maximumSealLength) {
    throw invalidSession();
  }
  const [iron, version] = sealed.split('~');
  if (!iron || (version !== undefined && version !== '2')) throw invalidSession();
  const passwords = Object.fromEntries(
    serverSecrets().cookiePasswords.map((password) => [password.id || defaultPasswordId, password.secret]),
  );
  let data: unknown;
  try {
    data = await unseal(iron, passwords, { ...defaults, ttl: 0 });
  } catch {
    // Bad MAC, unknown password id, wrong component count, bad base64 or JSON: all one answer.
    throw invalidSession();
  }
  if (!isSealedSessionData(data)) throw invalidSession();
  return data;
}

/** Opens a seal; `sealOpener()` makes one that opens each seal only once. */
export type SealOpener = (sealed: string) => Promise<SealedSessionData>;

/**
 * An opener that remembers what it opened (failures included), for one request: the rate
 * limiter, the context's cookie session and refreshSession all need the content of the same
 * seal, and each iron unseal is a fifth of a refresh's unavoidable cryptography. Keep it no
 * longer than the request: it holds refresh tokens in memory.
 */
export function sealOpener(): SealOpener {
  const opened = new Map<string, Promise<SealedSessionData>>();
  return (sealed) => {
    let content = opened.get(sealed);
    if (!content) {
      content = unsealSessionData(sealed);
      opened.set(sealed, content);
    }
    return content;
  };
}

const decodedClaims = new WeakMap<SealedSessionData, JWTPayload | null>();

/**
 * The claims of the access token inside an opened seal, not verified (null when it does not
 * decode). Decoded once per opened seal: the session rate limit and the refresh both read them,
 * and a token carrying every flag of its organization is a few kilobytes of base64 and JSON.
 */
export function accessTokenClaimsOf(data: SealedSessionData): JWTPayload | null {
  let claims = decodedClaims.get(data);
  if (claims === undefined) {
    try {
      claims = decodeJwt(data.accessToken);
    } catch {
      claims = null;
    }
    decodedClaims.set(data, claims);
  }
  return claims;
}

function isSealedSessionData(value: unknown): value is SealedSessionData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  const user = data.user as Record<string, unknown> | null | undefined;
  return (
    typeof data.accessToken === 'string' &&
    typeof data.refreshToken === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    (data.organizationId === undefined || typeof data.organizationId === 'string')
  );
}

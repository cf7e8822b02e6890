import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { SigningAlgorithm } from '../config.ts';
import { prisma } from '../db/index.ts';
import { PennantError } from '../errors.ts';
import type { SigningKey } from '../generated/prisma/client.ts';
import { logger } from '../logger.ts';
import { decryptWithServerSecret, encryptWithServerSecret } from './secrets.ts';

/**
 * Access-token signing keys. One key is active (signs); a retired key stays in the JWKS and
 * keeps verifying until the last token it signed has expired (retiredAt + access-token TTL).
 * Private keys are stored as JWKs encrypted with the server secret.
 */

type CryptoKeyLike = Awaited<ReturnType<typeof importJWK>>;

const encryptionPurpose = 'signing-key';
// Other instances (or `npm run keys:rotate-signing` against PostgreSQL) may add keys: the cache
// is reread after this long, and at once (but at most once a second) for an unknown `kid`.
const cacheMaxAgeMs = 30_000;
const reloadRetryMs = 5_000;
const unknownKidReloadMs = 1_000;

export interface PublicSigningKey {
  kid: string;
  algorithm: SigningAlgorithm;
  retiredAt: Date | null;
  publicJwk: JWK;
  publicKey: CryptoKeyLike;
}

export interface ActiveSigningKey {
  kid: string;
  algorithm: SigningAlgorithm;
  privateKey: CryptoKeyLike;
}

interface KeyCache {
  loadedAt: number;
  keys: Map<string, PublicSigningKey>;
  active: ActiveSigningKey | undefined;
}

let cache: KeyCache | undefined;
let lastReload = 0;
/** The load under way, shared by every caller that needs it (one query, not one per request). */
let loading: Promise<KeyCache> | undefined;
/** Bumped by every clear: a load that began before it must not put back what it read. */
let generation = 0;

export function clearSigningKeyCache(): void {
  cache = undefined;
  lastReload = 0;
  loading = undefined;
  generation++;
}

/** Creates a key pair, stores it (private part encrypted) and returns the row. */
async function createSigningKey(algorithm: SigningAlgorithm): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(algorithm, {
    extractable: true,
    ...(algorithm === 'RS256' ? { modulusLength: 2048 } : {}),
    ...(algorithm === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const fullPublicJwk: JWK = { ...publicJwk, kid, alg: algorithm, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: algorithm };
  return prisma.signingKey.create({
    data: {
      id: kid,
      algorithm,
      publicJwk: fullPublicJwk as object,
      privateKeyEncrypted: await encryptWithServerSecret(JSON.stringify(privateJwk), encryptionPurpose),
    },
  });
}

/**
 * At start: makes sure an active key of the configured algorithm exists. On the first start it
 * creates one; when the configured algorithm changed, the new key takes over and the old one
 * retires like in a rotation.
 */
export async function ensureActiveSigningKey(algorithm: SigningAlgorithm): Promise<void> {
  const active = await prisma.signingKey.findFirst({
    where: { retiredAt: null },
    orderBy: { createdAt: 'desc' },
  });
  if (!active) {
    const created = await createSigningKey(algorithm);
    logger.info({ kid: created.id, algorithm }, 'created the first access-token signing key');
  } else if (active.algorithm !== algorithm) {
    await rotateSigningKey(algorithm);
  }
  clearSigningKeyCache();
  await loadKeys();
}

/** Adds a new active key and retires the previous ones (they keep verifying until tokens expire). */
export async function rotateSigningKey(algorithm: SigningAlgorithm): Promise<SigningKey> {
  const created = await createSigningKey(algorithm);
  await prisma.signingKey.updateMany({
    where: { retiredAt: null, id: { not: created.id } },
    data: { retiredAt: new Date() },
  });
  logger.info({ kid: created.id, algorithm }, 'rotated the access-token signing key');
  clearSigningKeyCache();
  return created;
}

/** Keys that verify: the active ones, and retired ones whose tokens may still be unexpired. */
function stillVerifying(key: SigningKey, accessTokenTtlSeconds: number, now: number): boolean {
  // A minute of margin for clock skew between instances.
  return !key.retiredAt || key.retiredAt.getTime() + (accessTokenTtlSeconds + 60) * 1000 > now;
}

let accessTokenTtlSeconds = 300;

export function setSigningKeyTokenTtl(seconds: number): void {
  accessTokenTtlSeconds = seconds;
}

function loadKeys(): Promise<KeyCache> {
  loading ??= readKeys(generation).finally(() => {
    loading = undefined;
  });
  return loading;
}

async function readKeys(startedIn: number): Promise<KeyCache> {
  const now = Date.now();
  const rows = await prisma.signingKey.findMany({ orderBy: { createdAt: 'desc' } });
  const keys = new Map<string, PublicSigningKey>();
  for (const row of rows) {
    if (!stillVerifying(row, accessTokenTtlSeconds, now)) continue;
    const publicJwk = row.publicJwk as JWK;
    keys.set(row.id, {
      kid: row.id,
      algorithm: row.algorithm as SigningAlgorithm,
      retiredAt: row.retiredAt,
      publicJwk,
      publicKey: await importJWK(publicJwk, row.algorithm),
    });
  }
  const activeRow = rows.find((row) => !row.retiredAt);
  let active: KeyCache['active'];
  if (activeRow) {
    let decrypted: string;
    try {
      decrypted = await decryptWithServerSecret(activeRow.privateKeyEncrypted, encryptionPurpose);
    } catch {
      // Typically instances sharing a database, each with its own generated secret.
      throw new Error(
        `The signing key ${activeRow.id} cannot be decrypted with this server secret: every instance on this database needs the same PENNANT_SECRET (or the same data folder).`,
      );
    }
    const privateJwk = JSON.parse(decrypted) as JWK;
    active = {
      kid: activeRow.id,
      algorithm: activeRow.algorithm as SigningAlgorithm,
      privateKey: await importJWK(privateJwk, activeRow.algorithm),
    };
  }
  const loaded = { loadedAt: now, keys, active };
  if (startedIn === generation) {
    cache = loaded;
    lastReload = now;
  }
  return loaded;
}

/**
 * The cached keys. When they are older than `cacheMaxAgeMs`, one reload starts and callers keep
 * the keys they have until it lands: under load, every request used to start its own reload
 * (dozens of queries, decryptions and key imports at once, every 30 s).
 */
async function currentKeys(): Promise<KeyCache> {
  if (!cache) return loadKeys();
  // Only the caller that starts the reload handles its failure: one warning, not one per request.
  if (Date.now() - cache.loadedAt > cacheMaxAgeMs && loading === undefined) {
    const stale = cache;
    loadKeys().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not reload the signing keys; using the ones loaded before');
      // Try again in a few seconds, not on every request meanwhile.
      if (cache === stale) cache = { ...stale, loadedAt: Date.now() - cacheMaxAgeMs + reloadRetryMs };
    });
  }
  return cache;
}

/** The key that signs new access tokens. */
export async function activeSigningKey(): Promise<ActiveSigningKey> {
  const keys = await currentKeys();
  if (!keys.active) throw new Error('No active signing key: the server did not finish starting.');
  return keys.active;
}

/** The public keys that verify Pennant's tokens, as a JWK Set (`/.well-known/jwks.json`). */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  const keys = await currentKeys();
  const now = Date.now();
  return {
    keys: [...keys.keys.values()]
      .filter((key) => !key.retiredAt || key.retiredAt.getTime() + (accessTokenTtlSeconds + 60) * 1000 > now)
      .map((key) => key.publicJwk),
  };
}

function invalidToken(): PennantError {
  return new PennantError('INVALID_SESSION', 'The access token is not valid.');
}

/**
 * A jose key resolver that accepts only Pennant's keys, each only with its own algorithm: a
 * token with `alg: none`, an unknown `kid` or an algorithm other than its key's is refused.
 */
export const verificationKey: JWTVerifyGetKey = async (header) => {
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 128) throw invalidToken();
  let keys = await currentKeys();
  let key = keys.keys.get(kid);
  if (!key && Date.now() - lastReload > unknownKidReloadMs) {
    keys = await loadKeys();
    key = keys.keys.get(kid);
  }
  if (!key || header.alg !== key.algorithm) throw invalidToken();
  if (key.retiredAt && key.retiredAt.getTime() + (accessTokenTtlSeconds + 60) * 1000 <= Date.now()) {
    throw invalidToken();
  }
  return key.publicKey;
};

/** Every algorithm Pennant may sign with; verification still pins each key to its own. */
export const signingAlgorithms: SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

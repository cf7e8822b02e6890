import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { SigningAlgorithm } from '../config.ts';
import { prisma } from '../db/index.ts';
import { PennantError } from '../errors.ts';
import type { SigningKey } from '../generated/prisma/client.ts';
import { logger } from '../logger.ts';
import { decryptWithServerSecret, encryptWithServerSecret } from './secrets.ts';

/**
 * Access-token signing keys, each of one environment: every environment signs with its own
 * active key and names itself in the issuer (`<issuer>/user_management/<clientId>`, as WorkOS
 * does), so a token of one environment verifies against no other's JWKS. A retired key stays in
 * its environment's JWKS and keeps verifying until the last token it signed has expired
 * (retiredAt + access-token TTL). Keys made before environments had their own (environmentId
 * null) were retired by that migration and verify what they signed, with the server-wide issuer,
 * until it expires. Private keys are stored as JWKs encrypted with the server secret.
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
  /** Null for a key made before environments had their own (see above). */
  environmentId: string | null;
  algorithm: SigningAlgorithm;
  retiredAt: Date | null;
  publicJwk: JWK;
  publicKey: CryptoKeyLike;
}

export interface ActiveSigningKey {
  kid: string;
  environmentId: string;
  /** The environment's WorkOS-style client id, which its issuer names. */
  clientId: string;
  algorithm: SigningAlgorithm;
  privateKey: CryptoKeyLike;
}

interface KeyCache {
  loadedAt: number;
  keys: Map<string, PublicSigningKey>;
  /** environmentId → its active key */
  active: Map<string, ActiveSigningKey>;
  /** environmentId → clientId */
  clientIds: Map<string, string>;
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

/**
 * A new key pair for an environment as the row to store (private part encrypted). Made apart
 * from the insert so that a transaction (creating an environment) does not wait for the key
 * generation.
 */
export async function newSigningKeyRow(algorithm: SigningAlgorithm, environmentId: string) {
  const { publicKey, privateKey } = await generateKeyPair(algorithm, {
    extractable: true,
    ...(algorithm === 'RS256' ? { modulusLength: 2048 } : {}),
    ...(algorithm === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const fullPublicJwk: JWK = { ...publicJwk, kid, alg: algorithm, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: algorithm };
  return {
    id: kid,
    environmentId,
    algorithm,
    publicJwk: fullPublicJwk as object,
    privateKeyEncrypted: await encryptWithServerSecret(JSON.stringify(privateJwk), encryptionPurpose),
  };
}

async function createSigningKey(algorithm: SigningAlgorithm, environmentId: string): Promise<SigningKey> {
  return prisma.signingKey.create({ data: await newSigningKeyRow(algorithm, environmentId) });
}

let configuredAlgorithm: SigningAlgorithm = 'RS256';

/** The algorithm new keys (of new environments, rotations) are made with. */
export function signingAlgorithm(): SigningAlgorithm {
  return configuredAlgorithm;
}

/**
 * At start: makes sure every environment has an active key of the configured algorithm. A new
 * environment (or the first start) gets one; when the configured algorithm changed, the new key
 * takes over and the old one retires like in a rotation.
 */
export async function ensureActiveSigningKey(algorithm: SigningAlgorithm): Promise<void> {
  configuredAlgorithm = algorithm;
  const environments = await prisma.environment.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  for (const environment of environments) {
    const active = await prisma.signingKey.findFirst({
      where: { environmentId: environment.id, retiredAt: null },
      orderBy: { createdAt: 'desc' },
    });
    if (!active) {
      const created = await createSigningKey(algorithm, environment.id);
      logger.info(
        { kid: created.id, algorithm, environmentId: environment.id },
        'created the access-token signing key of an environment',
      );
    } else if (active.algorithm !== algorithm) {
      await rotateEnvironmentKey(algorithm, environment.id);
    }
  }
  clearSigningKeyCache();
  await loadKeys();
}

async function rotateEnvironmentKey(algorithm: SigningAlgorithm, environmentId: string): Promise<SigningKey> {
  const created = await createSigningKey(algorithm, environmentId);
  await prisma.signingKey.updateMany({
    where: { environmentId, retiredAt: null, id: { not: created.id } },
    data: { retiredAt: new Date() },
  });
  logger.info({ kid: created.id, algorithm, environmentId }, 'rotated the access-token signing key');
  return created;
}

/**
 * Gives every environment a new active key and retires its previous ones (they keep verifying
 * until their tokens expire). Returns the new keys, one per environment.
 */
export async function rotateSigningKeys(algorithm: SigningAlgorithm): Promise<SigningKey[]> {
  const environments = await prisma.environment.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const created: SigningKey[] = [];
  for (const environment of environments) created.push(await rotateEnvironmentKey(algorithm, environment.id));
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
  const [rows, environments] = await Promise.all([
    prisma.signingKey.findMany({ orderBy: { createdAt: 'desc' } }),
    prisma.environment.findMany({ select: { id: true, clientId: true } }),
  ]);
  const clientIds = new Map(environments.map((environment) => [environment.id, environment.clientId]));
  const keys = new Map<string, PublicSigningKey>();
  const active = new Map<string, ActiveSigningKey>();
  for (const row of rows) {
    if (!stillVerifying(row, accessTokenTtlSeconds, now)) continue;
    const publicJwk = row.publicJwk as JWK;
    keys.set(row.id, {
      kid: row.id,
      environmentId: row.environmentId,
      algorithm: row.algorithm as SigningAlgorithm,
      retiredAt: row.retiredAt,
      publicJwk,
      publicKey: await importJWK(publicJwk, row.algorithm),
    });
    // Rows are newest first: the first unretired key of an environment signs.
    const clientId = row.environmentId === null ? undefined : clientIds.get(row.environmentId);
    if (row.retiredAt || row.environmentId === null || !clientId || active.has(row.environmentId)) continue;
    let decrypted: string;
    try {
      decrypted = await decryptWithServerSecret(row.privateKeyEncrypted, encryptionPurpose);
    } catch {
      // Typically instances sharing a database, each with its own generated secret.
      throw new Error(
        `The signing key ${row.id} cannot be decrypted with this server secret: every instance on this database needs the same PENNANT_SECRET (or the same data folder).`,
      );
    }
    const privateJwk = JSON.parse(decrypted) as JWK;
    active.set(row.environmentId, {
      kid: row.id,
      environmentId: row.environmentId,
      clientId,
      algorithm: row.algorithm as SigningAlgorithm,
      privateKey: await importJWK(privateJwk, row.algorithm),
    });
  }
  const loaded = { loadedAt: now, keys, active, clientIds };
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

/** The key that signs an environment's new access tokens. */
export async function activeSigningKey(environmentId: string): Promise<ActiveSigningKey> {
  let keys = await currentKeys();
  let key = keys.active.get(environmentId);
  // An environment created since the last load (here or by another instance).
  if (!key && Date.now() - lastReload > unknownKidReloadMs) {
    keys = await loadKeys();
    key = keys.active.get(environmentId);
  }
  if (!key) throw new Error(`No active signing key for the environment ${environmentId}.`);
  return key;
}

/**
 * The environment of a loaded key, without reloading: null for an unknown or pre-migration key.
 * Only a hint for a caller that checks the environment against the database anyway.
 */
export async function environmentOfLoadedKey(kid: string): Promise<string | null> {
  return (await currentKeys()).keys.get(kid)?.environmentId ?? null;
}

function verifiesNow(key: PublicSigningKey, now: number): boolean {
  return !key.retiredAt || key.retiredAt.getTime() + (accessTokenTtlSeconds + 60) * 1000 > now;
}

/**
 * Public keys that verify Pennant's tokens, as a JWK Set: an environment's own keys (and the
 * pre-migration keys until their tokens expire), or with no environment every key
 * (`/.well-known/jwks.json`).
 */
export async function publicJwks(environmentId?: string): Promise<{ keys: JWK[] }> {
  let keys = await currentKeys();
  // An environment created since the last load (here or by another instance).
  if (
    environmentId !== undefined &&
    !keys.active.has(environmentId) &&
    Date.now() - lastReload > unknownKidReloadMs
  ) {
    keys = await loadKeys();
  }
  const now = Date.now();
  return {
    keys: [...keys.keys.values()]
      .filter(
        (key) =>
          verifiesNow(key, now) &&
          (environmentId === undefined || key.environmentId === null || key.environmentId === environmentId),
      )
      .map((key) => key.publicJwk),
  };
}

function invalidToken(): PennantError {
  return new PennantError('INVALID_SESSION', 'The access token is not valid.');
}

/** A verification key with what the token must say to be verified by it. */
export interface VerificationKey {
  key: PublicSigningKey;
  /** The client id of the key's environment (null for a pre-migration key). */
  clientId: string | null;
}

/**
 * The key a token's header names, only with its own algorithm: a token with `alg: none`, an
 * unknown `kid` or an algorithm other than its key's is refused (INVALID_SESSION).
 */
export async function verificationKeyOf(header: { kid?: unknown; alg?: unknown }): Promise<VerificationKey> {
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 128) throw invalidToken();
  let keys = await currentKeys();
  let key = keys.keys.get(kid);
  if (!key && Date.now() - lastReload > unknownKidReloadMs) {
    keys = await loadKeys();
    key = keys.keys.get(kid);
  }
  if (!key || header.alg !== key.algorithm || !verifiesNow(key, Date.now())) throw invalidToken();
  const clientId = key.environmentId === null ? null : (keys.clientIds.get(key.environmentId) ?? null);
  if (key.environmentId !== null && clientId === null) throw invalidToken();
  return { key, clientId };
}

/** Every algorithm Pennant may sign with; verification still pins each key to its own. */
export const signingAlgorithms: SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

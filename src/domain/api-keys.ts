import { hash, randomBytes } from 'node:crypto';
import { prisma } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import type { ApiKey, Environment } from '../generated/prisma/client.ts';
import type { ApiKeyRole } from '../generated/prisma/enums.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import type { ChangeFeed } from './change-feed.ts';
import { recordEvent } from './events.ts';
import { commitChange } from './transaction.ts';
import { validName } from './validation.ts';

export interface AuthenticatedApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  environment: Environment;
}

export type { ApiKeyRole };

/**
 * Roles in increasing order: READ_ONLY reads (queries and subscriptions); MEMBER, the default,
 * does everything within its own environment, flag definitions included; ADMIN also what
 * reaches other environments (deleting a flag, creating environments, keys of other environments).
 */
const roleRank: Record<ApiKeyRole, number> = { READ_ONLY: 0, MEMBER: 1, ADMIN: 2 };

/** The role as people write it (CLI, docs, error messages): `read-only`, `member`, `admin`. */
export function apiKeyRoleName(role: ApiKeyRole): string {
  return role.toLowerCase().replace('_', '-');
}

/** `read-only`, `member` or `admin` (as written on the command line) to a role; undefined otherwise. */
export function parseApiKeyRole(name: string): ApiKeyRole | undefined {
  const role = name.trim().toUpperCase().replace('-', '_');
  return Object.hasOwn(roleRank, role) ? (role as ApiKeyRole) : undefined;
}

export function apiKeyRoleAllows(role: ApiKeyRole, needed: ApiKeyRole): boolean {
  return roleRank[role] >= roleRank[needed];
}

const secretPattern = /^sk_(test|live)_[A-Za-z0-9_-]{43}$/;

/**
 * Secrets are 256 random bits, so a plain SHA-256 is the right hash: nothing to brute-force,
 * and it lets a key be found by an indexed equality lookup on the hash, which compares no
 * secret-dependent bytes in application code.
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function isApiKeySecretShape(value: string): boolean {
  return secretPattern.test(value);
}

export async function createApiKey(
  actor: Actor,
  environment: Environment,
  name: string,
  role: ApiKeyRole = 'MEMBER',
): Promise<{ apiKey: ApiKey; secret: string }> {
  const prefix = environment.kind === 'PRODUCTION' ? 'sk_live_' : 'sk_test_';
  const secret = prefix + randomBytes(32).toString('base64url');
  const apiKey = await commitChange(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id: newId('key'),
        environmentId: environment.id,
        name: validName('name', name, 100),
        secretHash: hashSecret(secret),
        secretLast4: secret.slice(-4),
        role,
      },
    });
    await recordEvent(tx, {
      type: 'api_key.created',
      actor,
      environmentId: environment.id,
      after: { id: created.id, name: created.name, role: created.role },
    });
    return created;
  });
  return { apiKey, secret };
}

/**
 * Revokes a key. Who may (its environment, its role) is decided by the caller through
 * src/auth/authorize.ts.
 */
export async function revokeApiKey(actor: Actor, id: string): Promise<ApiKey> {
  const existing = await prisma.apiKey.findUnique({ where: { id } });
  if (!existing) throw new NotFoundError('API key', id);
  if (existing.revokedAt) return existing;
  return commitChange(async (tx) => {
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordEvent(tx, {
      type: 'api_key.revoked',
      actor,
      environmentId: revoked.environmentId,
      before: { id, name: revoked.name },
    });
    return revoked;
  });
}

const cacheTtlMs = 10_000;
const lastUsedResolutionMs = 60_000;

/**
 * Authenticates API keys with a short in-memory cache, so reads on the hot path cost no
 * database query. Revocations reach every instance through the change feed and evict at once.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { key: AuthenticatedApiKey; expiresAt: number }>();
  private readonly lastUsedWrites = new Map<string, number>();

  follow(feed: ChangeFeed): () => void {
    return feed.onEvent((event) => {
      if (event.type === 'api_key.revoked') this.evictKeyId((event.before as { id: string }).id);
    });
  }

  async authenticate(secret: string): Promise<AuthenticatedApiKey | null> {
    if (!isApiKeySecretShape(secret)) return null;
    const hash = hashSecret(secret);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > now) {
      this.touch(cached.key.id, now);
      return cached.key;
    }
    const row = await prisma.apiKey.findUnique({
      where: { secretHash: hash },
      include: { environment: true },
    });
    if (!row || row.revokedAt) {
      this.cache.delete(hash);
      return null;
    }
    const key = { id: row.id, name: row.name, role: row.role, environment: row.environment };
    this.cache.set(hash, { key, expiresAt: now + cacheTtlMs });
    this.touch(row.id, now);
    return key;
  }

  private evictKeyId(id: string): void {
    for (const [hash, entry] of this.cache) if (entry.key.id === id) this.cache.delete(hash);
  }

  /** `lastUsedAt` is kept to the minute: a write per request would cost more than it tells. */
  private touch(id: string, now: number): void {
    if ((this.lastUsedWrites.get(id) ?? 0) > now - lastUsedResolutionMs) return;
    this.lastUsedWrites.set(id, now);
    prisma.apiKey
      .update({ where: { id }, data: { lastUsedAt: new Date(now) } })
      .catch(() => this.lastUsedWrites.delete(id));
  }
}

export const apiKeyAuthenticator = new ApiKeyAuthenticator();

import path from 'node:path';
import type { DatabaseTarget } from './db/client.ts';
import type { RetentionSettings } from './domain/retention.ts';
import { registerSecret } from './security/redact.ts';

export type SigningAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

/** Everything Pennant reads from its environment, parsed and validated once at start. */
export interface Config {
  /** `PORT`, default 4000. 0 picks a free port (tests). */
  port: number;
  /** `HOST`; unset, every interface (IPv4 and IPv6). */
  host: string | undefined;
  /** `PENNANT_DATA_DIR`, default `./.pennant`: the PGlite database and generated secrets. */
  dataDir: string;
  /** `PENNANT_DASHBOARD_DIR`: the built dashboard (`npm run build:dashboard`), default `dist/dashboard`. */
  dashboardDir: string | undefined;
  /** `DATABASE_URL` (PostgreSQL) or, when unset, embedded PGlite in `dataDir`. */
  database: DatabaseTarget;
  /** `REDIS_URL`: when set, change messages cross instances through Redis pub/sub. */
  redisUrl: string | undefined;
  /** `PENNANT_WS_INIT_TIMEOUT_MS`: a WebSocket that sends no `connection_init` in time is closed with 4408, default 3000. */
  webSocketInitTimeoutMs: number;
  /** `PENNANT_REDIS_PREFIX`, default `pennant`: prefix of Redis keys and channels, so runs can share a Redis. */
  redisPrefix: string;
  /**
   * `PENNANT_TRUST_PROXY`, default 0: how many proxies in front of the server append to
   * `X-Forwarded-For`; the client address is the entry that many places from the right (entries
   * further left are written by the client). `true` means 1 (its former meaning), `false` 0.
   */
  trustProxyHops: number;
  /** `PENNANT_SECRET`: encrypts signing keys at rest; generated into `dataDir` when unset. */
  secret: string | undefined;
  /** `PENNANT_COOKIE_PASSWORD` (≥ 32 characters; `id:password,…` for rotation, first seals). */
  cookiePasswords: { id: string; secret: string }[] | undefined;
  /** `PENNANT_COOKIE_NAME`, default `wos-session`. */
  cookieName: string;
  /** `PENNANT_ISSUER`: the `iss` of access tokens, default `http://localhost:<port>`. */
  issuer: string | undefined;
  /** `PENNANT_ACCESS_TOKEN_TTL` seconds, default 300. */
  accessTokenTtlSeconds: number;
  /** `PENNANT_SESSION_TTL` seconds a session lives without refresh, default 30 days. */
  sessionTtlSeconds: number;
  /** `PENNANT_REFRESH_GRACE` seconds a retried refresh gets the same new refresh token, default 10. */
  refreshGraceSeconds: number;
  /** `PENNANT_SIGNING_ALG`: RS256 (default), ES256 or EdDSA. */
  signingAlgorithm: SigningAlgorithm;
  /** `PENNANT_ALLOWED_ORIGINS`: comma-separated origins allowed to use cookies over WebSocket. */
  allowedOrigins: string[];
  /** `PENNANT_INTROSPECTION`, default true (tooling depends on it). */
  introspection: boolean;
  /** `NODE_ENV === 'production'`: hides field suggestions and GraphiQL. */
  production: boolean;
  /** `LOG_LEVEL`, default `info`. */
  logLevel: string;
  /** `PENNANT_CHANGE_POLL_MS`: how often each instance also polls the event log, default 2000. */
  changePollMs: number;
  /** `PENNANT_WEBHOOK_RETRY_BASE_MS`: first webhook retry delay, doubling per attempt; default 10000. */
  webhookRetryBaseMs: number;
  /**
   * `PENNANT_WEBHOOK_ALLOW_PRIVATE`, default false: webhooks may go to loopback, private and
   * link-local addresses, and over plain http for production environments. For development and
   * tests only: refused when NODE_ENV=production (src/domain/webhook-targets.ts).
   */
  webhookAllowPrivate: boolean;
  /** Request and query limits (see `src/security/limits.ts`). */
  limits: Limits;
  /** Rate limits (see `src/security/rate-limit.ts`). */
  rateLimits: RateLimits;
  /** `PENNANT_SHUTDOWN_TIMEOUT_MS`: how long SIGTERM waits for in-flight requests, default 10000. */
  shutdownTimeoutMs: number;
  /** `PENNANT_METRICS_TOKEN`: when set, `GET /metrics` needs `Authorization: Bearer <it>`. */
  metricsToken: string | undefined;
  /** `PENNANT_RETENTION_*`: what is purged, and after how long (see src/domain/retention.ts). */
  retention: RetentionSettings;
  /** `PENNANT_PUBLIC_URL`: the server's address as browsers reach it, for setup and invitation links; default `http://<host>:<port>`. */
  publicUrl: string | undefined;
  /** Operators' sign-in sessions and one-time links (see src/domain/operator-sessions.ts). */
  operators: OperatorSettings;
}

export interface OperatorSettings {
  /** `PENNANT_OPERATOR_SESSION_IDLE` seconds: a session unused this long ends, default 12 hours. */
  sessionIdleSeconds: number;
  /** `PENNANT_OPERATOR_SESSION_MAX` seconds: a session ends this long after sign-in whatever its use, default 7 days. */
  sessionMaxSeconds: number;
  /** `PENNANT_OPERATOR_LINK_TTL` seconds: how long a setup or invitation link works, default 48 hours. */
  linkTtlSeconds: number;
}

export interface Limits {
  /** `PENNANT_MAX_BODY_BYTES`, default 1 MiB: larger request bodies get HTTP 413. */
  maxBodyBytes: number;
  /** `PENNANT_MAX_DEPTH`, default 10: field nesting of an operation (introspection exempt). */
  maxDepth: number;
  /** `PENNANT_MAX_COST`, default 20000: graphql-armor's cost estimate (a page of 100 flags with two rules is ~10000). */
  maxCost: number;
  /** `PENNANT_MAX_ALIASES`, default 15 per operation. */
  maxAliases: number;
  /** `PENNANT_MAX_TOKENS`, default 2000 per document (GraphiQL's introspection query uses ~400). */
  maxTokens: number;
  /** `PENNANT_MAX_DIRECTIVES`, default 50 per operation. */
  maxDirectives: number;
  /** `PENNANT_MAX_SOCKET_OPERATIONS`, default 100: operations open at once on one WebSocket. */
  maxSocketOperations: number;
}

export interface RateLimits {
  /** `PENNANT_RATE_LIMIT_CREATE_SESSION`: createSession calls per minute per API key and per address, default 600. */
  createSessionPerMinute: number;
  /** `PENNANT_RATE_LIMIT_REFRESH_SESSION`: refreshSession calls per minute per session, default 60 (per address: 20×). */
  refreshSessionPerMinute: number;
  /** `PENNANT_RATE_LIMIT_FAILED_API_KEY`: failed API-key attempts per 10 minutes per key and per address, default 30. */
  failedApiKeyPer10Minutes: number;
  /** `PENNANT_RATE_LIMIT_SIGN_IN`: failed operator sign-ins per 10 minutes per (e-mail, address), default 10; five times it per address and per e-mail. */
  failedSignInPer10Minutes: number;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}.`);
}

/** `PENNANT_TRUST_PROXY`: a number of hops, or the former boolean (true = 1 hop). */
function proxyHops(env: Env, name: string): number {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 0;
  if (['true', 'yes', 'on'].includes(raw)) return 1;
  if (['false', 'no', 'off'].includes(raw)) return 0;
  return integer(env, name, 0, 0, 20);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}.`);
  }
  return raw;
}

/**
 * One entry of PENNANT_ALLOWED_ORIGINS, as browsers send it in `Origin` (scheme, host, port; no
 * path): an entry with a path, or a trailing slash, would silently never match.
 */
function allowedOrigin(entry: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(entry);
  } catch {
    parsed = undefined;
  }
  if (
    parsed === undefined ||
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    parsed.origin !== entry
  ) {
    throw new ConfigError(
      `PENNANT_ALLOWED_ORIGINS: "${entry}" is not an origin; write scheme://host[:port], e.g. https://app.example.com, separated by commas.`,
    );
  }
  return parsed.origin;
}

export const minimumCookiePasswordLength = 32;

function cookiePasswords(env: Env): Config['cookiePasswords'] {
  const raw = env.PENNANT_COOKIE_PASSWORD;
  if (raw === undefined || raw === '') return undefined;
  // A password may itself contain ':' or ',', so rotation syntax is only used when every part
  // has the `id:secret` shape with a short id.
  const parts = raw.split(',');
  const rotated = parts.length > 1 && parts.every((part) => /^[A-Za-z0-9_-]{1,16}:.+$/.test(part));
  const passwords = rotated
    ? parts.map((part) => {
        const index = part.indexOf(':');
        return { id: part.slice(0, index), secret: part.slice(index + 1) };
      })
    : [{ id: '', secret: raw }];
  for (const password of passwords) {
    if (password.secret.length < minimumCookiePasswordLength) {
      throw new ConfigError(
        `PENNANT_COOKIE_PASSWORD must be at least ${minimumCookiePasswordLength} characters${password.id ? ` (password id ${password.id})` : ''}.`,
      );
    }
  }
  for (const password of passwords) registerSecret(password.secret);
  return passwords;
}

function redisPrefix(env: Env): string {
  const prefix = env.PENNANT_REDIS_PREFIX || 'pennant';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    throw new ConfigError('PENNANT_REDIS_PREFIX must be 1 to 64 letters, digits, or _ . : -');
  }
  return prefix;
}

function logLevel(env: Env): string {
  const level = env.LOG_LEVEL || 'info';
  if (!logLevels.includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got ${JSON.stringify(level)}.`);
  }
  return level;
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const dataDir = path.resolve(env.PENNANT_DATA_DIR || './.pennant');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgresql:', 'postgres:']);
  const signingAlgorithm = (env.PENNANT_SIGNING_ALG || 'RS256') as SigningAlgorithm;
  if (!['RS256', 'ES256', 'EdDSA'].includes(signingAlgorithm)) {
    throw new ConfigError('PENNANT_SIGNING_ALG must be RS256, ES256 or EdDSA.');
  }
  const secret = env.PENNANT_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('PENNANT_SECRET must be at least 32 characters.');
  }
  registerSecret(secret);
  const metricsToken = env.PENNANT_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError('PENNANT_METRICS_TOKEN must be at least 16 characters.');
  }
  registerSecret(metricsToken);
  const allowedOrigins = (env.PENNANT_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map(allowedOrigin);
  const webhookAllowPrivate = boolean(env, 'PENNANT_WEBHOOK_ALLOW_PRIVATE', false);
  if (webhookAllowPrivate && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'PENNANT_WEBHOOK_ALLOW_PRIVATE is for development and tests; it cannot be set with NODE_ENV=production.',
    );
  }
  return {
    port,
    host: env.HOST || undefined,
    dataDir,
    dashboardDir: env.PENNANT_DASHBOARD_DIR ? path.resolve(env.PENNANT_DASHBOARD_DIR) : undefined,
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    webSocketInitTimeoutMs: integer(env, 'PENNANT_WS_INIT_TIMEOUT_MS', 3000, 100, 60_000),
    redisPrefix: redisPrefix(env),
    trustProxyHops: proxyHops(env, 'PENNANT_TRUST_PROXY'),
    secret,
    cookiePasswords: cookiePasswords(env),
    cookieName: env.PENNANT_COOKIE_NAME || 'wos-session',
    issuer: url(env, 'PENNANT_ISSUER', ['http:', 'https:']),
    accessTokenTtlSeconds: integer(env, 'PENNANT_ACCESS_TOKEN_TTL', 300, 10, 86_400),
    sessionTtlSeconds: integer(env, 'PENNANT_SESSION_TTL', 30 * 86_400, 60, 365 * 86_400),
    refreshGraceSeconds: integer(env, 'PENNANT_REFRESH_GRACE', 10, 0, 60),
    signingAlgorithm,
    allowedOrigins,
    introspection: boolean(env, 'PENNANT_INTROSPECTION', true),
    production: env.NODE_ENV === 'production',
    logLevel: logLevel(env),
    changePollMs: integer(env, 'PENNANT_CHANGE_POLL_MS', 2000, 50, 60_000),
    webhookRetryBaseMs: integer(env, 'PENNANT_WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
    webhookAllowPrivate,
    limits: {
      maxBodyBytes: integer(env, 'PENNANT_MAX_BODY_BYTES', 1_048_576, 1024, 104_857_600),
      maxDepth: integer(env, 'PENNANT_MAX_DEPTH', 10, 2, 100),
      maxCost: integer(env, 'PENNANT_MAX_COST', 20_000, 10, 1_000_000),
      maxAliases: integer(env, 'PENNANT_MAX_ALIASES', 15, 0, 1000),
      maxTokens: integer(env, 'PENNANT_MAX_TOKENS', 2000, 100, 100_000),
      maxDirectives: integer(env, 'PENNANT_MAX_DIRECTIVES', 50, 0, 1000),
      maxSocketOperations: integer(env, 'PENNANT_MAX_SOCKET_OPERATIONS', 100, 1, 10_000),
    },
    rateLimits: {
      createSessionPerMinute: integer(env, 'PENNANT_RATE_LIMIT_CREATE_SESSION', 600, 1, 1_000_000),
      refreshSessionPerMinute: integer(env, 'PENNANT_RATE_LIMIT_REFRESH_SESSION', 60, 1, 1_000_000),
      failedApiKeyPer10Minutes: integer(env, 'PENNANT_RATE_LIMIT_FAILED_API_KEY', 30, 1, 1_000_000),
      failedSignInPer10Minutes: integer(env, 'PENNANT_RATE_LIMIT_SIGN_IN', 10, 1, 1_000_000),
    },
    shutdownTimeoutMs: integer(env, 'PENNANT_SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    metricsToken,
    retention: {
      sessionsDays: integer(env, 'PENNANT_RETENTION_SESSIONS_DAYS', 7, 1, 36_500),
      refreshTokensDays: integer(env, 'PENNANT_RETENTION_REFRESH_TOKENS_DAYS', 7, 1, 36_500),
      eventsDays: integer(env, 'PENNANT_RETENTION_EVENTS_DAYS', 0, 0, 36_500),
      batchSize: integer(env, 'PENNANT_RETENTION_BATCH', 500, 1, 100_000),
      intervalMs: integer(env, 'PENNANT_RETENTION_INTERVAL_MS', 60_000, 100, 86_400_000),
    },
    publicUrl: url(env, 'PENNANT_PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, ''),
    operators: {
      sessionIdleSeconds: integer(env, 'PENNANT_OPERATOR_SESSION_IDLE', 12 * 3600, 60, 365 * 86_400),
      sessionMaxSeconds: integer(env, 'PENNANT_OPERATOR_SESSION_MAX', 7 * 86_400, 60, 365 * 86_400),
      linkTtlSeconds: integer(env, 'PENNANT_OPERATOR_LINK_TTL', 48 * 3600, 60, 30 * 86_400),
    },
  };
}

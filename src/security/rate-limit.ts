import { hash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Config } from '../config.ts';
import { PennantError } from '../errors.ts';
import { logger } from '../logger.ts';
import { rateLimited } from '../metrics.ts';

/** `RATE_LIMITED`, with `retryAfter` in whole seconds (and `Retry-After` over HTTP). */
export class RateLimitedError extends PennantError {
  constructor(what: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many ${what}. Retry after ${retryAfterSeconds} seconds.`, {
      retryAfter: retryAfterSeconds,
      retryAfterSeconds,
    });
  }
}

/** HTTP status and headers for errors that have their own (yoga reads `extensions.http`). */
export function httpExtensionOf(error: PennantError): Record<string, unknown> {
  if (error.code !== 'RATE_LIMITED') return {};
  return { http: { status: 429, headers: { 'Retry-After': String(error.details.retryAfter) } } };
}

type LimitName =
  | 'failedApiKeyByKey'
  | 'failedApiKeyByAddress'
  | 'createSessionByKey'
  | 'createSessionByAddress'
  | 'refreshSessionBySession'
  | 'refreshSessionByAddress'
  | 'failedSignInByPair'
  | 'failedSignInByAddress'
  | 'failedSignInByAccount'
  | 'failedOperatorLinkByAddress';

interface LimitSpec {
  points: number;
  durationSeconds: number;
  /** What the client did too often, for the error message. */
  what: string;
}

function specs(config: Config): Record<LimitName, LimitSpec> {
  const { rateLimits } = config;
  const failedApiKey = {
    points: rateLimits.failedApiKeyPer10Minutes,
    durationSeconds: 600,
    what: 'failed API-key attempts',
  };
  const createSession = {
    points: rateLimits.createSessionPerMinute,
    durationSeconds: 60,
    what: 'createSession calls',
  };
  const refresh = {
    points: rateLimits.refreshSessionPerMinute,
    durationSeconds: 60,
    what: 'refreshSession calls',
  };
  const failedSignIn = {
    points: rateLimits.failedSignInPer10Minutes,
    durationSeconds: 600,
    what: 'failed sign-in attempts',
  };
  return {
    // See docs/security.md, "Sign-in limits": the pair (e-mail, address) is held to the
    // configured number; an address (many e-mails, or an office behind NAT) and an account (many
    // addresses) to five times it, and the account's limit spares the addresses it signed in from.
    failedSignInByPair: failedSignIn,
    failedSignInByAddress: { ...failedSignIn, points: failedSignIn.points * 5 },
    failedSignInByAccount: { ...failedSignIn, points: failedSignIn.points * 5 },
    failedOperatorLinkByAddress: { ...failedSignIn, what: 'invalid setup or invitation links' },
    failedApiKeyByKey: failedApiKey,
    failedApiKeyByAddress: failedApiKey,
    createSessionByKey: createSession,
    createSessionByAddress: createSession,
    refreshSessionBySession: refresh,
    // Many users can share an address (an office behind NAT).
    refreshSessionByAddress: { ...refresh, points: refresh.points * 20 },
  };
}

/** A credential is never a key as it is: only a short hash of it is stored (memory or Redis). */
export function credentialKey(credential: string): string {
  return hash('sha256', credential, 'base64url').slice(0, 22);
}

/**
 * Rate limits, in memory by default and in Redis (shared by every instance) when `REDIS_URL`
 * is set. When Redis cannot answer, each instance falls back to its own memory limits rather
 * than refusing or letting everything through.
 */
export class RateLimits {
  private limiters = new Map<LimitName, { limiter: RateLimiterAbstract; spec: LimitSpec }>();
  private redis: Redis | undefined;

  /**
   * Resolves once the Redis client is ready (or after `redisReadyTimeoutMs`, limiting in memory
   * until it is): commands sent before then would fail at once (no offline queue) and count in
   * this instance's memory only, so the first requests after start would escape the shared limit.
   */
  async configure(config: Config): Promise<void> {
    let lastRedisWarning = 0;
    if (config.redisUrl) {
      // Loaded only when Redis is configured: it is not needed otherwise (start-up, BENCHMARKS.md).
      const { Redis } = await import('ioredis');
      this.redis = new Redis(config.redisUrl, {
        // Fail fast to the in-memory insurance limiter instead of queueing while Redis is away.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
      });
      this.redis.on('error', (error: Error) => {
        if (Date.now() - lastRedisWarning < 30_000) return;
        lastRedisWarning = Date.now();
        logger.warn(
          { err: { message: error.message } },
          'rate limits: Redis unavailable, using memory limits',
        );
      });
    }
    for (const [name, spec] of Object.entries(specs(config)) as [LimitName, LimitSpec][]) {
      const options = {
        points: spec.points,
        duration: spec.durationSeconds,
        keyPrefix: `${config.redisPrefix}:rl:${name}`,
      };
      const memory = new RateLimiterMemory(options);
      const limiter = this.redis
        ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: memory })
        : memory;
      this.limiters.set(name, { limiter, spec });
    }
    if (this.redis) await untilReady(this.redis, redisReadyTimeoutMs);
  }

  async close(): Promise<void> {
    const redis = this.redis;
    this.redis = undefined;
    this.limiters.clear();
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  /** Counts one call against each named limit; throws RateLimitedError when one is exceeded. */
  async consume(entries: [LimitName, string][]): Promise<void> {
    for (const [name, key] of entries) {
      const entry = this.limiters.get(name);
      if (!entry) continue;
      try {
        await entry.limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw this.refusal(name, entry.spec, rejection);
        // The store failed and so did its insurance: let the call through, but say so.
        logger.warn({ err: rejection, limit: name }, 'rate limit could not be checked');
      }
    }
  }

  private refusal(name: LimitName, spec: LimitSpec, state: RateLimiterRes): RateLimitedError {
    rateLimited.inc({ limit: name });
    return new RateLimitedError(spec.what, Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
  }

  /**
   * After an API key failed to authenticate: counts the failure against the key and the
   * address, and throws RateLimitedError once either failed too often. Only failures are
   * counted and refused: a valid key is served whatever failed before it.
   */
  failedApiKey(credential: string, address: string): Promise<void> {
    return this.consume([
      ['failedApiKeyByKey', credentialKey(credential)],
      ['failedApiKeyByAddress', address],
    ]);
  }

  /** The first of `entries` whose budget is spent (without counting anything), or null. */
  private async exhausted(entries: [LimitName, string][]): Promise<RateLimitedError | null> {
    for (const [name, key] of entries) {
      const entry = this.limiters.get(name);
      if (!entry) continue;
      let state: RateLimiterRes | null = null;
      try {
        state = await entry.limiter.get(key);
      } catch (error) {
        logger.warn({ err: error, limit: name }, 'rate limit could not be checked');
      }
      if (state && state.consumedPoints >= entry.spec.points) return this.refusal(name, entry.spec, state);
    }
    return null;
  }

  /** Counts a failure against each of `entries`; reaching a limit is for the next check to refuse. */
  private async countFailure(entries: [LimitName, string][]): Promise<void> {
    try {
      await this.consume(entries);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
    }
  }

  /**
   * Before an operator's password is checked: RATE_LIMITED, even for the right password, once
   * this e-mail failed too often from this address, or this address failed too often with any
   * e-mail. Both refuse only the guesser's own address, never the account elsewhere.
   */
  async assertSignInAllowed(email: string, address: string): Promise<void> {
    const refusal = await this.exhausted([
      ['failedSignInByPair', `${credentialKey(email)}:${address}`],
      ['failedSignInByAddress', address],
    ]);
    if (refusal) throw refusal;
  }

  /**
   * The account's own limit, over every address (a guesser with many addresses): the refusal
   * once it is spent, or null. The caller spares the addresses the operator signed in from.
   */
  signInAccountRefusal(email: string): Promise<RateLimitedError | null> {
    return this.exhausted([['failedSignInByAccount', credentialKey(email)]]);
  }

  /** After a failed sign-in: counts it against the pair, the address and the e-mail. */
  failedSignIn(email: string, address: string): Promise<void> {
    const account = credentialKey(email);
    return this.countFailure([
      ['failedSignInByPair', `${account}:${address}`],
      ['failedSignInByAddress', address],
      ['failedSignInByAccount', account],
    ]);
  }

  /**
   * A successful sign-in clears the pair's failures (the person's own typos), not the address's
   * nor the account's: those may be someone else's guesses.
   */
  async signedIn(email: string, address: string): Promise<void> {
    await this.limiters
      .get('failedSignInByPair')
      ?.limiter.delete(`${credentialKey(email)}:${address}`)
      .catch(() => undefined);
  }

  /** Before a setup or invitation link is tried: RATE_LIMITED once this address sent too many invalid ones. */
  async assertOperatorLinkAllowed(address: string): Promise<void> {
    const refusal = await this.exhausted([['failedOperatorLinkByAddress', address]]);
    if (refusal) throw refusal;
  }

  /** After a setup or invitation link was refused as invalid. */
  failedOperatorLink(address: string): Promise<void> {
    return this.countFailure([['failedOperatorLinkByAddress', address]]);
  }

  createSession(apiKeyId: string | null, address: string): Promise<void> {
    return this.consume([
      ...(apiKeyId ? [['createSessionByKey', apiKeyId] as [LimitName, string]] : []),
      ['createSessionByAddress', address],
    ]);
  }

  /** `session` identifies the session (its id, or a hash of the credential presented). */
  refreshSession(session: string | null, address: string): Promise<void> {
    return this.consume([
      ...(session ? [['refreshSessionBySession', session] as [LimitName, string]] : []),
      ['refreshSessionByAddress', address],
    ]);
  }
}

export const rateLimits = new RateLimits();

const redisReadyTimeoutMs = 3000;

/** Waits for the client's `ready` event, at most `timeoutMs`. */
function untilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(() => {
      logger.warn('rate limits: Redis is not ready yet; limiting in memory until it is');
      done();
    }, timeoutMs);
    redis.once('ready', done);
  });
}

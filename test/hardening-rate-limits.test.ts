import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, testDatabaseUrl } from './helpers/database.ts';
import { postGraphQL, seedSession, spawnServer } from './helpers/process.ts';
import { hasProgram, PrivateRedis, runPrefix } from './helpers/realtime-processes.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

/**
 * Rate limits with small numbers. PENNANT_TRUST_PROXY lets the test speak from several client
 * addresses (X-Forwarded-For), so per-address and per-key/per-session limits can be told apart.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      PENNANT_TRUST_PROXY: 'true',
      PENNANT_RATE_LIMIT_FAILED_API_KEY: '3',
      PENNANT_RATE_LIMIT_CREATE_SESSION: '3',
      PENNANT_RATE_LIMIT_REFRESH_SESSION: '2',
    },
  });
});
afterAll(async () => {
  await server?.close();
});

const wrongKey = () => `sk_test_${randomBytes(32).toString('base64url')}`;

function expectRateLimited(result: Awaited<ReturnType<typeof postGraphQL>>, maxSeconds: number) {
  expect(result.status).toBe(429);
  const error = result.body.errors?.[0];
  expect(error?.extensions?.code).toBe('RATE_LIMITED');
  const retryAfter = error?.extensions?.retryAfter as number;
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(result.headers.get('retry-after')).toBe(String(retryAfter));
  expect(error?.message).toMatch(/Retry after \d+ seconds/);
  // The http extension is for the server, not the client.
  expect(error?.extensions?.http).toBeUndefined();
}

const currentEnvironment = { query: '{ currentEnvironment { slug } }' };

describe('failed API-key attempts', () => {
  it('per address: after 3 failures from one address, the next attempt is refused with RATE_LIMITED', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await postGraphQL(server.graphqlUrl, currentEnvironment, {
        ...from,
        authorization: `Bearer ${wrongKey()}`,
      });
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const refused = await postGraphQL(server.graphqlUrl, currentEnvironment, {
      ...from,
      authorization: `Bearer ${wrongKey()}`,
    });
    expectRateLimited(refused, 600);
    // Failures never lock a valid key out: from the same address it is served.
    const valid = await postGraphQL(server.graphqlUrl, currentEnvironment, {
      ...from,
      authorization: `Bearer ${server.keys.sandbox}`,
    });
    expect(valid.status).toBe(200);
    expect(valid.body.data).toEqual({ currentEnvironment: { slug: 'sandbox' } });
    // …while more failures from it are still refused.
    expectRateLimited(
      await postGraphQL(server.graphqlUrl, currentEnvironment, {
        ...from,
        authorization: `Bearer ${wrongKey()}`,
      }),
      600,
    );
    // Another address is not affected.
    const other = await postGraphQL(server.graphqlUrl, currentEnvironment, {
      'x-forwarded-for': '203.0.113.8',
      authorization: `Bearer ${server.keys.sandbox}`,
    });
    expect(other.body.data).toEqual({ currentEnvironment: { slug: 'sandbox' } });
  });

  it('per key: one wrong key tried from many addresses is refused after 3 failures', async () => {
    const key = wrongKey();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await postGraphQL(server.graphqlUrl, currentEnvironment, {
        'x-forwarded-for': `198.51.100.${attempt + 1}`,
        authorization: `Bearer ${key}`,
      });
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const refused = await postGraphQL(server.graphqlUrl, currentEnvironment, {
      'x-forwarded-for': '198.51.100.99',
      authorization: `Bearer ${key}`,
    });
    expectRateLimited(refused, 600);
  });
});

describe('failed API-key attempts on the WorkOS REST edge', () => {
  it('count per address too: after 3 failures from one address it is refused with 429, another address is served', async () => {
    const get = (address: string, key: string) =>
      fetch(`${server.url}/feature-flags`, {
        headers: { 'x-forwarded-for': address, authorization: `Bearer ${key}` },
      });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await get('203.0.113.30', wrongKey())).status).toBe(401);
    }
    const refused = await get('203.0.113.30', wrongKey());
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { code?: string }).code).toBe('rate_limit_exceeded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Failures never lock a valid key out, from that address either.
    expect((await get('203.0.113.30', server.keys.sandbox)).status).toBe(200);
    expect((await get('203.0.113.31', server.keys.sandbox)).status).toBe(200);
  });
});

describe('createSession and refreshSession', () => {
  const createSession =
    'mutation($input: CreateSessionInput!) { createSession(input: $input) { sealedSession } }';
  const refreshSession =
    'mutation($s: String) { refreshSession(input: { sealedSession: $s }) { sealedSession } }';

  it('createSession: 3 per minute per API key, then RATE_LIMITED with retryAfter ≤ 60', async () => {
    const from = { 'x-forwarded-for': '192.0.2.10' };
    // seedSession makes the first createSession call.
    const seeded = await seedSession(server.graphqlUrl, server.keys.sandbox);
    const auth = { ...from, authorization: `Bearer ${server.keys.sandbox}` };
    const input = { userId: seeded.userId, organizationId: seeded.organizationId };
    for (let call = 0; call < 2; call += 1) {
      const result = await postGraphQL(
        server.graphqlUrl,
        { query: createSession, variables: { input } },
        auth,
      );
      expect(result.body.errors).toBeUndefined();
    }
    const refused = await postGraphQL(
      server.graphqlUrl,
      { query: createSession, variables: { input } },
      auth,
    );
    expectRateLimited(refused, 60);
    // The production key has its own budget (the address budget is per address).
    const production = await postGraphQL(
      server.graphqlUrl,
      { query: '{ currentEnvironment { slug } }' },
      { 'x-forwarded-for': '192.0.2.11', authorization: `Bearer ${server.keys.production}` },
    );
    expect(production.body.data).toEqual({ currentEnvironment: { slug: 'production' } });
  });

  it('refreshSession: 2 per minute per session (across its rotating seals), other sessions unaffected', async () => {
    const from = { 'x-forwarded-for': '192.0.2.20' };
    const seeder = { 'x-forwarded-for': '192.0.2.21' };
    const first = await seedSession(server.graphqlUrl, server.keys.production, 'First', seeder);
    const second = await seedSession(server.graphqlUrl, server.keys.production, 'Second', seeder);
    let seal = first.sealedSession;
    for (let call = 0; call < 2; call += 1) {
      const result = await postGraphQL(
        server.graphqlUrl,
        { query: refreshSession, variables: { s: seal } },
        from,
      );
      expect(result.body.errors).toBeUndefined();
      seal = (result.body.data as { refreshSession: { sealedSession: string } }).refreshSession.sealedSession;
    }
    const refused = await postGraphQL(
      server.graphqlUrl,
      { query: refreshSession, variables: { s: seal } },
      from,
    );
    expectRateLimited(refused, 60);
    const other = await postGraphQL(
      server.graphqlUrl,
      { query: refreshSession, variables: { s: second.sealedSession } },
      from,
    );
    expect(other.body.errors).toBeUndefined();
  });
});

// A Redis of the test's own (redis-server), so that it can be stopped: it needs no configured
// Redis, only the program, and runs wherever that is installed.
const redisTests = await hasProgram('redis-server');
if (!redisTests) {
  console.warn(
    'hardening-rate-limits.test.ts: install redis-server to run "rate limits shared by instances through Redis" (NOT run).',
  );
}

describe.skipIf(!redisTests)('rate limits shared by instances through Redis', () => {
  let redis: PrivateRedis;
  let a: Awaited<ReturnType<typeof spawnServer>>;
  let b: Awaited<ReturnType<typeof spawnServer>>;

  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = {
      REDIS_URL: redis.url,
      PENNANT_REDIS_PREFIX: runPrefix(),
      PENNANT_TRUST_PROXY: 'true',
      PENNANT_RATE_LIMIT_FAILED_API_KEY: '3',
    };
    if (testDatabaseUrl) {
      // One migrated PostgreSQL database for both (each would otherwise migrate a PGlite of its
      // own): A starts first and makes the environments, B finds them.
      database = await createTestDatabase();
      // One database needs one server secret (it encrypts the signing keys stored there).
      const shared = { ...env, DATABASE_URL: database.url, PENNANT_SECRET: randomBytes(32).toString('hex') };
      a = await spawnServer({ env: shared });
      b = await spawnServer({ env: shared, waitForKeys: false });
    } else {
      [a, b] = await Promise.all([spawnServer({ env }), spawnServer({ env })]);
    }
  }, 120_000);
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
    await redis?.kill();
    await database?.drop();
  });

  it('counts failures on every instance together, and falls back to memory limits when Redis is down', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address, authorization: `Bearer ${wrongKey()}` });
    // Two failures on A and one on B from one address: the next, on B, is refused.
    for (const server of [a, a, b]) {
      const result = await postGraphQL(server.graphqlUrl, currentEnvironment, from('203.0.113.50'));
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expectRateLimited(await postGraphQL(b.graphqlUrl, currentEnvironment, from('203.0.113.50')), 600);
    expectRateLimited(await postGraphQL(a.graphqlUrl, currentEnvironment, from('203.0.113.50')), 600);

    // Redis gone, and it stays gone: each instance still answers (a request that waited for
    // Redis would never answer, whatever the machine's speed), and limits in its own memory.
    await redis.kill();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await postGraphQL(a.graphqlUrl, currentEnvironment, from('203.0.113.60'));
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expectRateLimited(await postGraphQL(a.graphqlUrl, currentEnvironment, from('203.0.113.60')), 600);
    const healthy = await postGraphQL(a.graphqlUrl, currentEnvironment, {
      'x-forwarded-for': '203.0.113.61',
      authorization: `Bearer ${a.keys.sandbox}`,
    });
    expect(healthy.body.data).toEqual({ currentEnvironment: { slug: 'sandbox' } });
  }, 60_000);
});

describe('failed API keys over WebSocket', () => {
  it('count against the same limits: after 3 failed connection_init from one address, the reason says when to retry', async () => {
    const attempt = async () => {
      const socket = new WebSocket(server.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', {
        headers: { 'x-forwarded-for': '198.51.100.200' },
      });
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey: wrongKey() } }));
      return closed;
    };
    for (let index = 0; index < 3; index += 1)
      expect(await attempt()).toEqual({ code: 4403, reason: 'Forbidden' });
    const refused = await attempt();
    expect(refused.code).toBe(4403);
    expect(refused.reason).toMatch(/^Too many failed API-key attempts\. Retry after \d+ seconds\.$/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from './helpers/database.ts';
import { type ServerProcess, spawnServer } from './helpers/process.ts';
import { realtimeFixtures } from './helpers/realtime.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { sleep } from './helpers/ws.ts';

if (!testDatabaseUrl) {
  console.warn(
    'memory-reads-instances.test.ts: set TEST_DATABASE_URL to run "in-memory reads on two instances" (NOT run).',
  );
}

/** Both instances must seal, sign and verify alike. No Redis: the feed's poll carries changes. */
const sharedEnv = {
  PENNANT_SECRET: 'memory-reads-instances-secret-0123456789abcdef',
  PENNANT_COOKIE_PASSWORD: 'memory-reads-instances-cookie-password-0123456789',
  PENNANT_ISSUER: 'http://pennant.test',
  PENNANT_CHANGE_POLL_MS: '100',
};

interface FlagWire {
  slug: string;
  enabled: boolean;
}

describe.skipIf(!testDatabaseUrl)('in-memory reads on two instances', { timeout: 60_000 }, () => {
  let a: TestServer;
  let b: ServerProcess & { cleanup(): Promise<void> };

  beforeAll(async () => {
    a = await startTestServer({ env: sharedEnv });
    const database = a.config.database;
    if (database.kind !== 'postgres') throw new Error('two instances need PostgreSQL');
    b = await spawnServer({ env: { ...sharedEnv, DATABASE_URL: database.url }, waitForKeys: false });
  }, 120_000);
  afterAll(async () => {
    await b?.stop();
    await b?.cleanup();
    await a?.close();
  });

  const rest = (base: string, path: string, method = 'GET') =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${a.keys.sandbox}` } });
  const slugsAt = async (base: string, path: string) =>
    ((await (await rest(base, path)).json()) as { data: FlagWire[] }).data.map((flag) => flag.slug);

  async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
    // The feed's delay is its 100 ms poll here; the deadline only bounds a failing test.
    const deadline = Date.now() + 25_000;
    for (;;) {
      const value = await read();
      if (JSON.stringify(value) === JSON.stringify(expected)) return;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await sleep(20);
    }
  }

  it('a write on one instance is read at once there, and on the other within the feed’s delay', async () => {
    const fixtures = realtimeFixtures(a);
    const organization = await fixtures.organization('Seen by both');
    await fixtures.flag('two-instances');
    // Made on A: B knows the organization and the flag once its feed has read the log.
    await eventually(
      async () => (await rest(b.url, `/organizations/${organization}/feature-flags`)).status,
      200,
      'B knows A’s new organization',
    );
    await eventually(
      async () => (await rest(b.url, '/feature-flags/two-instances')).status,
      200,
      'B knows A’s new flag',
    );

    // Written on B: B's own answers have it as soon as the write is acknowledged.
    expect((await rest(b.url, `/feature-flags/two-instances/targets/${organization}`, 'POST')).status).toBe(
      204,
    );
    const enabled = (await (
      await rest(b.url, '/feature-flags/two-instances/enable', 'PUT')
    ).json()) as FlagWire;
    expect(enabled.enabled).toBe(true);
    expect(await slugsAt(b.url, `/organizations/${organization}/feature-flags`)).toEqual(['two-instances']);
    // …and A's within the feed's delay.
    await eventually(
      () => slugsAt(a.url, `/organizations/${organization}/feature-flags`),
      ['two-instances'],
      'A sees B’s change',
    );

    // The same state gives the same validator on every instance (SHA-256 of the same body).
    await eventually(
      async () => {
        const [fromA, fromB] = await Promise.all(
          [a.url, b.url].map(async (base) => (await rest(base, '/sdk/feature-flags')).headers.get('etag')),
        );
        return fromA === fromB;
      },
      true,
      'both instances give the same ETag',
    );
    const etag = (await rest(a.url, '/sdk/feature-flags')).headers.get('etag') ?? '';
    const fromB = await fetch(`${b.url}/sdk/feature-flags`, {
      headers: { authorization: `Bearer ${a.keys.sandbox}`, 'if-none-match': etag },
    });
    expect(fromB.status).toBe(304);
  });
});

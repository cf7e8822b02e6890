import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSecrets, setServerSecrets } from '../src/domain/secrets.ts';
import { decodeChangeNotice, encodeChangeNotice } from '../src/realtime/change-notice.ts';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { testDatabaseUrl } from './helpers/database.ts';
import { type ServerProcess, spawnServer } from './helpers/process.ts';
import {
  EventsStream,
  FeatureFlagsChanged,
  OrganizationFlags,
  realtimeFixtures,
  SetEnabled,
} from './helpers/realtime.ts';
import { PrivateRedis, runPrefix } from './helpers/realtime-processes.ts';
import {
  dataOf,
  type GraphQLResponse,
  metricValue,
  startTestServer,
  type TestServer,
} from './helpers/server.ts';
import { connectWs, sleep, type WsConnection } from './helpers/ws.ts';

const redisUrl = process.env.TEST_REDIS_URL || undefined;
const runnable = Boolean(testDatabaseUrl && redisUrl);
if (!runnable) {
  console.warn(
    'realtime-instances.test.ts: set TEST_DATABASE_URL and TEST_REDIS_URL to run "two instances sharing PostgreSQL and Redis" (NOT run).',
  );
}

/** Both instances must seal, sign and verify alike. */
const sharedSecrets = {
  PENNANT_SECRET: 'realtime-instances-test-secret-0123456789abcdef',
  PENNANT_COOKIE_PASSWORD: 'realtime-instances-test-cookie-password-0123456789',
  PENNANT_ISSUER: 'http://pennant.test',
  // Only Redis (or a reconnect) can make the other instance notice a change within the test:
  // the safety-net poll is a minute.
  PENNANT_CHANGE_POLL_MS: '60000',
  PENNANT_RATE_LIMIT_CREATE_SESSION: '100000',
};

async function requestTo<T, V>(
  graphqlUrl: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
  apiKey: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** `timeoutMs` may be infinite: then the test's timeout bounds the wait. */
async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(10);
  }
}

/** A counter of an instance's `/metrics`, by its `outcome` label (0 before it is first counted). */
async function counter(server: { url: string }, name: string, outcome: string): Promise<number> {
  return (await metricValue(server.url, `${name}{outcome="${outcome}"}`)) ?? 0;
}

/** A on this process (the test server), B in another process, on one database and one Redis. */
function twoInstances(redis: () => string) {
  const state = {} as {
    a: TestServer;
    b: ServerProcess & { cleanup(): Promise<void> };
    prefix: string;
    connections: WsConnection[];
  };
  beforeAll(async () => {
    state.prefix = runPrefix();
    state.connections = [];
    state.a = await startTestServer({
      env: { ...sharedSecrets, REDIS_URL: redis(), PENNANT_REDIS_PREFIX: state.prefix },
    });
    const database = state.a.config.database;
    if (database.kind !== 'postgres') throw new Error('two instances need PostgreSQL');
    state.b = await spawnServer({
      env: {
        ...sharedSecrets,
        DATABASE_URL: database.url,
        REDIS_URL: redis(),
        PENNANT_REDIS_PREFIX: state.prefix,
      },
      waitForKeys: false,
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(state.connections.map((connection) => connection.dispose()));
    await state.b?.stop();
    await state.b?.cleanup();
    await state.a?.close();
  });
  return state;
}

describe.skipIf(!runnable)('two instances sharing PostgreSQL and Redis', { timeout: 60_000 }, () => {
  const instances = twoInstances(() => redisUrl as string);

  it('a mutation on instance A reaches subscribers on instance B', async () => {
    const { a, b } = instances;
    const fixtures = realtimeFixtures(a);
    const organization = await fixtures.organization('Two Instances');
    await fixtures.flag('cross-instance');
    await fixtures.setEnabled('cross-instance', true);
    const session = await fixtures.session(organization);
    const cursor = await fixtures.latestCursor();
    // Subscribing after a cursor makes "registered yet?" irrelevant: nothing after it is lost.
    const flagsConnection = connectWs(b.graphqlUrl, {
      connectionParams: { sealedSession: session.sealedSession },
    });
    const eventsConnection = connectWs(b.graphqlUrl, { connectionParams: { apiKey: a.keys.sandbox } });
    instances.connections.push(flagsConnection, eventsConnection);
    const flags = flagsConnection.subscribe(FeatureFlagsChanged, { after: cursor });
    const events = eventsConnection.subscribe(EventsStream, { environment: 'sandbox', after: cursor });
    // Both open on B before the change, so that the latency below is delivery, not set-up.
    await waitUntil(
      async () => (await metricValue(b.url, 'pennant_active_subscriptions')) === 2,
      Number.POSITIVE_INFINITY,
      'both subscriptions open on B',
    );

    const started = performance.now();
    let arrived = 0;
    void flags.waitForCount(1).then(
      () => {
        arrived = performance.now();
      },
      () => {},
    );
    await fixtures.addOrganization('cross-instance', organization);
    const answeredMs = performance.now() - started;
    const [message] = await flags.waitForCount(1);
    await sleep(0);
    const latencyMs = arrived - started;
    const [event] = await events.waitForCount(1);
    expect(message?.featureFlagsChanged).toMatchObject({
      organizationId: organization,
      featureFlags: ['cross-instance'],
      added: ['cross-instance'],
      reason: 'rule.updated',
    });
    expect(event?.events).toMatchObject({ type: 'rule.updated', flagSlug: 'cross-instance' });
    console.info(
      `A → Redis → B: mutation answered by A in ${answeredMs.toFixed(1)} ms; featureFlagsChanged arrived from B ${latencyMs.toFixed(1)} ms after it was sent`,
    );
  });

  it('a mutation on instance B invalidates instance A’s in-memory rules', async () => {
    const { a, b } = instances;
    const fixtures = realtimeFixtures(a);
    const organization = await fixtures.organization('Cache');
    await fixtures.flag('cache-flag');
    await fixtures.setRule('cache-flag', 'ALL');
    const before = dataOf(await a.request(OrganizationFlags, { id: organization, environment: 'sandbox' }))
      .organization?.featureFlags;
    expect(before).toEqual([]);
    const started = performance.now();
    dataOf(
      await requestTo(
        b.graphqlUrl,
        SetEnabled,
        { input: { slug: 'cache-flag', environment: 'sandbox', enabled: true } },
        a.keys.sandbox,
      ),
    );
    await waitUntil(
      async () =>
        JSON.stringify(
          dataOf(await a.request(OrganizationFlags, { id: organization, environment: 'sandbox' }))
            .organization?.featureFlags,
        ) === JSON.stringify(['cache-flag']),
      3000,
      'instance A answers from its cache with B’s change',
    );
    console.info(
      `B → Redis → A: cache current ${(performance.now() - started).toFixed(1)} ms after the mutation`,
    );
  });
});

describe.skipIf(!runnable)('change notices between instances', { timeout: 60_000 }, () => {
  const instances = twoInstances(() => redisUrl as string);
  const redis: Redis[] = [];
  afterAll(() => {
    for (const connection of redis) connection.disconnect();
  });

  it('B takes A’s change from its sealed notice; Redis carries no event in the clear, and a notice sealed with another secret is not taken', async () => {
    const { a, b, prefix } = instances;
    const channel = `${prefix}:changes`;
    const observer = new Redis(redisUrl as string);
    const intruder = new Redis(redisUrl as string);
    redis.push(observer, intruder);
    const notices: string[] = [];
    observer.on('message', (_channel: string, message: string) => notices.push(message));
    await observer.subscribe(channel);

    const fixtures = realtimeFixtures(a);
    const organization = await fixtures.organization('Sealed Notices');
    await fixtures.flag('sealed-notice-flag');
    await fixtures.setRule('sealed-notice-flag', 'ALL');
    const flagsOnB = async () =>
      dataOf(
        await requestTo(
          b.graphqlUrl,
          OrganizationFlags,
          { id: organization, environment: 'sandbox' },
          a.keys.sandbox,
        ),
      ).organization?.featureFlags;
    const takenBefore = await counter(b, 'pennant_change_notices_received_total', 'taken');
    notices.length = 0;
    await fixtures.setEnabled('sealed-notice-flag', true);
    await waitUntil(
      async () => JSON.stringify(await flagsOnB()) === '["sealed-notice-flag"]',
      3000,
      'B answers with A’s change',
    );
    expect(await counter(b, 'pennant_change_notices_received_total', 'taken')).toBeGreaterThan(takenBefore);
    const sealed = notices.find((notice) => 'segment' in JSON.parse(notice));
    expect(sealed, `a notice with a segment among ${notices.length}`).toBeDefined();
    for (const notice of notices) {
      expect(notice).not.toContain('sealed-notice-flag');
      expect(notice).not.toContain('flag.toggled');
    }

    // Someone who can publish on the channel but lacks the secret claims the flag went off.
    const decoded = decodeChangeNotice(sealed as string, channel);
    if (decoded.kind !== 'notice' || !decoded.notice.segment) throw new Error('A’s own notice did not open');
    const toggle = decoded.notice.segment.events.find((event) => event.type === 'flag.toggled');
    if (!toggle) throw new Error('no flag.toggled event in the segment');
    const position = BigInt(await fixtures.latestCursor());
    const claim = { ...toggle, id: position + 1n, before: toggle.after, after: toggle.before };
    const shared = serverSecrets();
    let forged: string;
    try {
      // Synchronous: instance A, in this process, sees the shared secret again before any await.
      setServerSecrets({ ...shared, secret: 'not-the-shared-secret-0123456789abcdef' });
      forged = encodeChangeNotice(
        { instance: 'intruder', cursor: position + 1n, segment: { from: position, events: [claim] } },
        channel,
      );
    } finally {
      setServerSecrets(shared);
    }
    const unopenableBefore = await counter(b, 'pennant_change_notices_received_total', 'unopenable');
    await intruder.publish(channel, forged);
    await waitUntil(
      async () =>
        (await counter(b, 'pennant_change_notices_received_total', 'unopenable')) > unopenableBefore,
      3000,
      'B received the forged notice',
    );
    expect(await flagsOnB()).toEqual(['sealed-notice-flag']);
    // B's log line comes over its stdout pipe, which may trail the counter read over HTTP.
    await expect.poll(() => b.stdout()).toContain('was not sealed with this server secret');
  });
});

describe.skipIf(!runnable)('two instances while Redis is briefly unavailable', { timeout: 60_000 }, () => {
  let redis: PrivateRedis | undefined;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await redis?.kill();
  });
  const instances = twoInstances(() => (redis as PrivateRedis).url);

  it('subscribers on B catch up from the event log once Redis is back', async () => {
    const { a, b } = instances;
    const fixtures = realtimeFixtures(a);
    const organization = await fixtures.organization('Outage');
    await fixtures.flag('outage-cross');
    await fixtures.setEnabled('outage-cross', true);
    const session = await fixtures.session(organization);
    const cursor = await fixtures.latestCursor();
    const connection = connectWs(b.graphqlUrl, {
      connectionParams: { sealedSession: session.sealedSession },
    });
    instances.connections.push(connection);
    const flags = connection.subscribe(FeatureFlagsChanged, { after: cursor });
    await waitUntil(
      async () => (await metricValue(b.url, 'pennant_active_subscriptions')) === 1,
      Number.POSITIVE_INFINITY,
      'the subscription open on B',
    );
    expect(realtimeFanOut.subscriberCount, 'the subscriber is on B, not here').toBe(0);

    await redis?.kill();
    await fixtures.addOrganization('outage-cross', organization); // succeeds on A
    // B cannot know: Redis is down and its poll is a minute away, so only the catch-up after
    // the restart below can bring the change (this holds at any speed, without a wait).
    expect(flags.messages, 'B cannot know yet: no message, next poll in a minute').toHaveLength(0);

    const restarted = performance.now();
    await redis?.restart();
    // B's subscriber connection comes back and pulls the log; A's publisher announces its cursor.
    const [message] = await flags.waitForCount(1);
    expect(message?.featureFlagsChanged).toMatchObject({
      added: ['outage-cross'],
      featureFlags: ['outage-cross'],
    });
    console.info(`caught up ${(performance.now() - restarted).toFixed(0)} ms after Redis restarted`);
  });
});

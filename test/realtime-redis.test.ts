import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { EventsStream, realtimeFixtures } from './helpers/realtime.ts';
import { hasProgram, PrivateRedis, runPrefix } from './helpers/realtime-processes.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { connectWs, sleep, type WsConnection } from './helpers/ws.ts';

const redisAvailable = await hasProgram('redis-server');

/** Polls `done` until it holds; the test's timeout, not a deadline here, bounds the wait. */
async function until(done: () => boolean | Promise<boolean>, intervalMs = 10): Promise<void> {
  while (!(await done())) await sleep(intervalMs);
}
if (!redisAvailable) {
  console.warn(
    'realtime-redis.test.ts: redis-server is not installed; "Redis briefly unavailable" was NOT run.',
  );
}

describe.skipIf(!redisAvailable)(
  'Redis briefly unavailable (one instance, a private redis-server)',
  { timeout: 60_000 },
  () => {
    let redis: PrivateRedis;
    let server: TestServer;
    let observer: Redis;
    const published: { cursor: string }[] = [];
    const prefix = runPrefix();
    let connection: WsConnection;

    beforeAll(async () => {
      redis = await PrivateRedis.start();
      server = await startTestServer({
        env: { REDIS_URL: redis.url, PENNANT_REDIS_PREFIX: prefix, PENNANT_CHANGE_POLL_MS: '60000' },
      });
      observer = new Redis(redis.url, { retryStrategy: () => 100, maxRetriesPerRequest: null });
      observer.on('error', () => {});
      observer.on('message', (_channel, message) => published.push(JSON.parse(message)));
      await observer.subscribe(`${prefix}:changes`);
    });
    afterAll(async () => {
      await connection?.dispose();
      observer?.disconnect();
      await server?.close();
      await redis?.kill();
    });

    it('publishes the latest cursor after each commit', async () => {
      const fixtures = realtimeFixtures(server);
      await fixtures.flag('outage-flag');
      const cursor = await fixtures.latestCursor();
      // No deadline of its own: a loaded machine may be slow, and the test's timeout bounds it.
      await until(() => published.some((message) => message.cursor === cursor));
    });

    it('keeps serving while Redis is down: mutations succeed, local subscribers hear them; publishing resumes when it is back', async () => {
      const fixtures = realtimeFixtures(server);
      const before = realtimeFanOut.subscriberCount;
      connection = connectWs(server.graphqlUrl, { connectionParams: { apiKey: server.keys.sandbox } });
      const stream = connection.subscribe(EventsStream, { environment: 'sandbox' });
      while (realtimeFanOut.subscriberCount < before + 1) await sleep(5);

      await redis.kill();
      // Redis stays down until after these checks, so a mutation that waited for it (a queued
      // publish) would never answer: answering at all is the proof, whatever the machine's speed.
      const started = performance.now();
      await fixtures.setEnabled('outage-flag', true);
      const mutationMs = performance.now() - started;
      const [event] = await stream.waitForCount(1);
      expect(event?.events).toMatchObject({ type: 'flag.toggled', flagSlug: 'outage-flag' });
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      console.info(`mutation with Redis down took ${mutationMs.toFixed(0)} ms`);

      await redis.restart();
      // The publisher reconnects by itself (backoff ≤ 2 s) and announces the latest cursor; a new
      // change is published too.
      await fixtures.setEnabled('outage-flag', false);
      const cursor = await fixtures.latestCursor();
      // The observer may itself still be reconnecting when the publisher first announces, so a
      // change is made each time round until one reaches it; the test's timeout bounds the wait.
      await until(async () => {
        if (published.some((message) => BigInt(message.cursor) >= BigInt(cursor))) return true;
        await fixtures.setEnabled('outage-flag', Math.random() < 0.5);
        return false;
      }, 200);
    });
  },
);

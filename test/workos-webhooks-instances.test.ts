import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { testDatabaseUrl } from './helpers/database.ts';
import { type ServerProcess, spawnServer } from './helpers/process.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';

const CreateEndpoint = graphql(`
  mutation InstancesCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }
  }
`);
const Deliveries = graphql(`
  query InstancesDeliveries {
    webhookEndpoints { deliveries(first: 100) { eventId status attempts } }
  }
`);
const CreateFlag = graphql(`
  mutation InstancesCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

// Two processes on one database need PostgreSQL (embedded PGlite serves one process).
describe.skipIf(!testDatabaseUrl)('webhooks with two instances on one database', () => {
  const secret = 'a-shared-server-secret-for-both-instances-0123';
  let server: TestServer;
  let other: (ServerProcess & { cleanup(): Promise<void> }) | undefined;
  let otherDataDir: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        PENNANT_SECRET: secret,
        PENNANT_WEBHOOK_RETRY_BASE_MS: '100',
        PENNANT_CHANGE_POLL_MS: '100',
        // The receiver listens on 127.0.0.1 (a development setting).
        PENNANT_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    const database = server.config.database;
    if (database.kind !== 'postgres') throw new Error('expected PostgreSQL');
    otherDataDir = await mkdtemp(path.join(tmpdir(), 'pennant-instance-'));
    other = await spawnServer({
      dataDir: otherDataDir,
      env: {
        DATABASE_URL: database.url,
        PENNANT_SECRET: secret,
        PENNANT_WEBHOOK_RETRY_BASE_MS: '100',
        PENNANT_CHANGE_POLL_MS: '100',
        PENNANT_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push((JSON.parse(body) as { id: string }).id);
        // A little latency, so both instances' claims overlap in time.
        setTimeout(() => response.writeHead(200).end(), 20);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  }, 120_000);

  afterAll(async () => {
    await other?.cleanup();
    await rm(otherDataDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await server?.close();
  });

  it('delivers every event exactly once when both dispatch', async () => {
    dataOf(await server.request(CreateEndpoint, { input: { url: receiverUrl, events: ['flag.created'] } }));
    const count = 40;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        server.request(CreateFlag, { input: { slug: `many-${index}`, name: `Many ${index}` } }),
      ),
    );
    // No deadline of its own (the test's timeout bounds it): every event arrives, and every
    // delivery row is finished.
    const deliveriesNow = async () =>
      dataOf(await server.request(Deliveries, {})).webhookEndpoints.flatMap((e) => e.deliveries);
    while (new Set(received).size < count) await new Promise((resolve) => setTimeout(resolve, 50));
    let deliveries = await deliveriesNow();
    while (deliveries.length < count || deliveries.some((d) => d.status === 'pending')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deliveries = await deliveriesNow();
    }
    // Each request follows a claim, and each claim counts an attempt: one attempt per finished
    // row means one request per event, so no duplicate can still be on its way.
    expect(deliveries).toHaveLength(count);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    expect(new Set(received).size).toBe(count);
    expect(received).toHaveLength(count);
  }, 60_000);
});

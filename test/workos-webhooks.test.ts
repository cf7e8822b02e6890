import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureVerificationException, type WorkOS } from '@workos-inc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';

const CreateEndpoint = graphql(`
  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url events enabled environment { slug } } }
  }
`);

const DeleteEndpoint = graphql(`
  mutation WebhooksDeleteEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId }
  }
`);

const Endpoints = graphql(`
  query WebhooksEndpoints {
    webhookEndpoints { id url deliveries { eventId status attempts lastStatusCode lastError deliveredAt } }
  }
`);

const CreateFlag = graphql(`
  mutation WebhooksCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const UpdateFlag = graphql(`
  mutation WebhooksUpdateFlag($input: UpdateFeatureFlagInput!) {
    updateFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const DeleteFlag = graphql(`
  mutation WebhooksDeleteFlag($input: DeleteFeatureFlagInput!) {
    deleteFeatureFlag(input: $input) { deletedFeatureFlagId }
  }
`);

const CreateOrganization = graphql(`
  mutation WebhooksCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

interface Received {
  body: string;
  signature: string;
}

/** A local webhook receiver that can be told to fail the next N requests. */
class Receiver {
  readonly received: Received[] = [];
  failures = 0;
  requests = 0;
  private server: Server | undefined;
  private waiters: (() => void)[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests += 1;
        if (this.failures > 0) {
          this.failures -= 1;
          response.writeHead(500).end('not now');
          return;
        }
        this.received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(request.headers['workos-signature'] ?? ''),
        });
        response.writeHead(200).end('ok');
        for (const waiter of this.waiters.splice(0)) waiter();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
  }

  /** Waits until `count` requests have been accepted. */
  async waitFor(count: number, timeoutMs = 25_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `Expected ${count} webhooks, got ${this.received.length} (${this.requests} requests).`,
        );
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.received.slice(0, count);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let server: TestServer;
let workos: WorkOS;
const receivers: Receiver[] = [];

async function receiver(): Promise<{ receiver: Receiver; url: string }> {
  const created = new Receiver();
  receivers.push(created);
  return { receiver: created, url: await created.start() };
}

async function register(url: string, events: string[], apiKey?: string) {
  const result = await server.request(CreateEndpoint, { input: { url, events } }, apiKey ? { apiKey } : {});
  return dataOf(result).createWebhookEndpoint;
}

beforeAll(async () => {
  // The receivers listen on 127.0.0.1, which webhooks may reach only with this development setting.
  server = await startTestServer({
    env: { PENNANT_WEBHOOK_RETRY_BASE_MS: '100', PENNANT_WEBHOOK_ALLOW_PRIVATE: 'true' },
  });
  workos = workosFor(server);
});

afterAll(async () => {
  await server?.close();
  for (const created of receivers) await created.close();
});

describe('webhooks', () => {
  it('delivers flag events signed so the SDK’s constructEvent verifies them', async () => {
    const { receiver: sink, url } = await receiver();
    const { secret, webhookEndpoint } = await register(url, [
      'flag.created',
      'flag.updated',
      'flag.deleted',
      'flag.rule_updated',
    ]);
    expect(secret).toMatch(/^whsec_/);
    expect(webhookEndpoint).toMatchObject({ url, enabled: true, environment: { slug: 'sandbox' } });

    const organizationId = dataOf(await server.request(CreateOrganization, { input: { name: 'Acme' } }))
      .createOrganization.organization.id;
    dataOf(await server.request(CreateFlag, { input: { slug: 'hooks', name: 'Hooks' } }));
    await workos.featureFlags.enableFeatureFlag('hooks');
    await workos.featureFlags.addFlagTarget({ slug: 'hooks', targetId: organizationId });
    dataOf(await server.request(UpdateFlag, { input: { slug: 'hooks', description: 'Now described' } }));
    dataOf(await server.request(DeleteFlag, { input: { slug: 'hooks' } }, { apiKey: server.keys.admin }));

    const received = await sink.waitFor(5);
    const events = [];
    for (const { body, signature } of received) {
      expect(signature).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);
      events.push(await workos.webhooks.constructEvent({ payload: body, sigHeader: signature, secret }));
    }
    events.sort((a, b) => Number(a.id.slice(6)) - Number(b.id.slice(6)));
    expect(events.map((e) => e.event)).toEqual([
      'flag.created',
      'flag.updated',
      'flag.rule_updated',
      'flag.updated',
      'flag.deleted',
    ]);
    const [created, enabled, targeted, described, deleted] = events.map((e) => e.data) as {
      slug: string;
      enabled: boolean;
      defaultValue: boolean;
      description: string;
    }[];
    expect(created).toMatchObject({ object: 'feature_flag', slug: 'hooks', name: 'Hooks', enabled: false });
    expect(enabled).toMatchObject({ slug: 'hooks', enabled: true, defaultValue: false });
    expect(targeted).toMatchObject({ slug: 'hooks', enabled: true });
    // A definition change carries the environment's rule as it was then.
    expect(described).toMatchObject({ description: 'Now described', enabled: true });
    expect(deleted).toMatchObject({ slug: 'hooks', enabled: true });

    // The wrong secret does not verify.
    const first = received[0] as Received;
    await expect(
      workos.webhooks.constructEvent({
        payload: first.body,
        sigHeader: first.signature,
        secret: 'whsec_wrong',
      }),
    ).rejects.toBeInstanceOf(SignatureVerificationException);

    await server.request(DeleteEndpoint, { input: { id: webhookEndpoint.id } });
  });

  it('retries with back-off: a receiver that fails twice gets the event on the third attempt', async () => {
    const { receiver: flaky, url } = await receiver();
    flaky.failures = 2;
    const { secret } = await register(url, ['flag.created']);
    dataOf(await server.request(CreateFlag, { input: { slug: 'flaky', name: 'Flaky' } }));

    const [delivered] = await flaky.waitFor(1);
    expect(flaky.requests).toBe(3);
    const event = await workos.webhooks.constructEvent({
      payload: delivered?.body ?? '',
      sigHeader: delivered?.signature ?? '',
      secret,
    });
    expect(event).toMatchObject({ event: 'flag.created', data: { slug: 'flaky' } });

    // The dispatcher records the outcome after the receiver's answer: wait for the row to
    // leave 'pending' (the test's timeout bounds it), then check what it recorded.
    const deliveriesOfEndpoint = async () =>
      dataOf(await server.request(Endpoints, {})).webhookEndpoints.find((e) => e.url === url)?.deliveries;
    let deliveries = await deliveriesOfEndpoint();
    while (deliveries?.some((delivery) => delivery.status === 'pending')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      deliveries = await deliveriesOfEndpoint();
    }
    expect(deliveries).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 3, lastStatusCode: 200 }),
    ]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/pennant_webhook_delivery_attempts_total\{outcome="retry"\} 2\b/);
  });

  it('sends an environment only its own rule changes, and flag definitions to all', async () => {
    const { receiver: production, url } = await receiver();
    await register(url, ['flag.created', 'flag.updated'], server.keys.production);
    dataOf(await server.request(CreateFlag, { input: { slug: 'scoped', name: 'Scoped' } }));
    await workos.featureFlags.enableFeatureFlag('scoped'); // sandbox only
    await workosFor(server, { apiKey: server.keys.production }).featureFlags.disableFeatureFlag('scoped'); // no change
    dataOf(await server.request(UpdateFlag, { input: { slug: 'scoped', name: 'Scoped again' } }));

    // Nothing else for production: a follow-up definition change goes to every environment, and
    // the dispatcher enqueues in log order, so once it has arrived every earlier event was
    // either enqueued for this endpoint already or never will be.
    dataOf(await server.request(CreateFlag, { input: { slug: 'scoped-after', name: 'Scoped after' } }));
    const received = await production.waitFor(3);
    const types = received.map(
      (r) => JSON.parse(r.body) as { event: string; data: { slug: string; enabled: boolean } },
    );
    expect(types.map((t) => `${t.event} ${t.data.slug}`).sort()).toEqual([
      'flag.created scoped',
      'flag.created scoped-after',
      'flag.updated scoped',
    ]);
    const endpoints = dataOf(
      await server.request(Endpoints, {}, { apiKey: server.keys.production }),
    ).webhookEndpoints;
    expect(endpoints.find((endpoint) => endpoint.url === url)?.deliveries).toHaveLength(3);
    expect(production.received).toHaveLength(3);
    // Production's copy of the definition change shows production's rule: still off.
    expect(types.find((t) => t.event === 'flag.updated')?.data.enabled).toBe(false);
  });

  it('keeps delivering to healthy endpoints while another one hangs', async () => {
    // Never answers: each request waits for the dispatcher's timeout (or its stop).
    let hangingRequests = 0;
    let hangingEnded = 0;
    let firstHanging: () => void = () => {};
    const hangingReached = new Promise<void>((resolve) => {
      firstHanging = resolve;
    });
    const hanging = createServer((request) => {
      hangingRequests += 1;
      firstHanging();
      request.socket.on('close', () => {
        hangingEnded += 1;
      });
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
    const { receiver: healthy, url } = await receiver();
    try {
      const slow = await register(hangingUrl, ['flag.created']);
      await register(url, ['flag.created']);
      for (let index = 0; index < 8; index += 1) {
        dataOf(await server.request(CreateFlag, { input: { slug: `busy-${index}`, name: `Busy ${index}` } }));
      }
      await hangingReached;
      // No wall-clock bound (a loaded machine is slow): the signal is that all 8 arrived while
      // every request to the hanging endpoint was still held open, none given up by the
      // dispatcher's timeout, so the healthy deliveries did not queue behind them.
      await healthy.waitFor(8, 25_000);
      expect(hangingRequests).toBeGreaterThan(0);
      expect(hangingEnded, 'a hanging request ended before the healthy endpoint had all 8').toBe(0);
      await server.request(DeleteEndpoint, { input: { id: slow.webhookEndpoint.id } });
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('loses nothing across a restart', async () => {
    const { receiver: down, url } = await receiver();
    down.failures = Number.POSITIVE_INFINITY;
    const { secret } = await register(url, ['flag.created']);
    dataOf(await server.request(CreateFlag, { input: { slug: 'durable', name: 'Durable' } }));
    const deadline = Date.now() + 25_000;
    while (down.requests === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(down.requests).toBeGreaterThan(0);

    await server.stop();
    down.failures = 0;
    await server.restart();

    const [delivered] = await down.waitFor(1);
    const event = await workos.webhooks.constructEvent({
      payload: delivered?.body ?? '',
      sigHeader: delivered?.signature ?? '',
      secret,
    });
    expect(event).toMatchObject({ event: 'flag.created', data: { slug: 'durable' } });
  });

  it('rejects bad endpoints and keeps environments apart', async () => {
    const badUrl = await server.request(CreateEndpoint, {
      input: { url: 'ftp://x', events: ['flag.created'] },
    });
    expect(errorCode(badUrl)).toBe('BAD_USER_INPUT');
    const badEvent = await server.request(CreateEndpoint, {
      input: { url: 'http://127.0.0.1:9/x', events: ['user.created'] },
    });
    expect(errorCode(badEvent)).toBe('BAD_USER_INPUT');

    const { webhookEndpoint } = await register('http://127.0.0.1:9/x', ['flag.deleted']);
    const fromProduction = await server.request(
      DeleteEndpoint,
      { input: { id: webhookEndpoint.id } },
      { apiKey: server.keys.production },
    );
    expect(errorCode(fromProduction)).toBe('FORBIDDEN');
    const productionList = dataOf(await server.request(Endpoints, {}, { apiKey: server.keys.production }));
    expect(productionList.webhookEndpoints.map((e) => e.id)).not.toContain(webhookEndpoint.id);
    const deleted = await server.request(DeleteEndpoint, { input: { id: webhookEndpoint.id } });
    expect(dataOf(deleted).deleteWebhookEndpoint.deletedWebhookEndpointId).toBe(webhookEndpoint.id);
  });

  it('manages endpoints through the SDK’s webhooks methods too', async () => {
    const { receiver: sink, url } = await receiver();
    const created = await workos.webhooks.createWebhookEndpoint({
      endpointUrl: url,
      events: ['flag.created'],
    });
    expect(created).toMatchObject({
      object: 'webhook_endpoint',
      id: expect.stringMatching(/^we_/),
      endpointUrl: url,
      status: 'enabled',
      events: ['flag.created'],
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = await workos.webhooks.listWebhookEndpoints();
    const mine = listed.data.find((e) => e.id === created.id);
    // The secret is shown once, at creation.
    expect(mine).toMatchObject({ endpointUrl: url, status: 'enabled' });
    expect(mine?.secret).toBeUndefined();

    const updated = await workos.webhooks.updateWebhookEndpoint({
      id: created.id,
      events: ['flag.created', 'flag.deleted'],
    });
    expect(updated.events).toEqual(['flag.created', 'flag.deleted']);

    dataOf(await server.request(CreateFlag, { input: { slug: 'via-sdk', name: 'Via SDK' } }));
    const [delivered] = await sink.waitFor(1);
    const event = await workos.webhooks.constructEvent({
      payload: delivered?.body ?? '',
      sigHeader: delivered?.signature ?? '',
      secret: created.secret,
    });
    expect(event).toMatchObject({ event: 'flag.created', data: { slug: 'via-sdk' } });

    const disabled = await workos.webhooks.updateWebhookEndpoint({ id: created.id, status: 'disabled' });
    expect(disabled.status).toBe('disabled');
    await workos.webhooks.deleteWebhookEndpoint({ id: created.id });
    const after = await workos.webhooks.listWebhookEndpoints();
    expect(after.data.map((e) => e.id)).not.toContain(created.id);
  });
});

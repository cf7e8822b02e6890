import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PennantClientError } from '../src/client/errors.ts';
import { PennantProvider } from '../src/client/openfeature.ts';
import {
  CreateApiKey,
  DeleteFlag,
  DeleteOrganization,
  OrganizationFlags,
  RevokeApiKey,
  realtimeFixtures,
} from './helpers/realtime.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';

let server: TestServer;
let fixtures: ReturnType<typeof realtimeFixtures>;
let proxy: TcpProxy;
const providers: PennantProvider[] = [];
let acme: string;
let globex: string;

beforeAll(async () => {
  server = await startTestServer();
  fixtures = realtimeFixtures(server);
  proxy = await startTcpProxy(new URL(server.url).port ? Number(new URL(server.url).port) : 80);
  acme = await fixtures.organization('Acme');
  globex = await fixtures.organization('Globex');
  await fixtures.flag('for-everyone');
  await fixtures.setRule('for-everyone', 'ALL');
  await fixtures.setEnabled('for-everyone', true);
  await fixtures.flag('for-acme');
  await fixtures.setRule('for-acme', 'SOME', [acme]);
  await fixtures.setEnabled('for-acme', true);
  await fixtures.flag('switched-off');
  await fixtures.setRule('switched-off', 'ALL');
});

afterAll(async () => {
  await OpenFeature.close();
  await proxy?.close();
  await server?.close();
});

let domains = 0;
/** A provider through the proxy, set in a domain of its own; returns the domain's client. */
async function providerClient(
  options: { apiKey?: string; staleAfterMs?: number; onError?: (error: PennantClientError) => void } = {},
) {
  const provider = new PennantProvider({
    url: `http://127.0.0.1:${proxy.port}/graphql`,
    apiKey: options.apiKey ?? server.keys.sandbox,
    retry: { initialDelayMs: 50, maxDelayMs: 300 },
    ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  providers.push(provider);
  domains += 1;
  const domain = `test-${domains}`;
  await OpenFeature.setProviderAndWait(domain, provider);
  return { provider, client: OpenFeature.getClient(domain) };
}

/** Resolves with the details of the next event of that type on the client. */
function nextEvent(
  client: ReturnType<typeof OpenFeature.getClient>,
  event: ProviderEvents,
  accept: (details: { flagsChanged?: string[] } | undefined) => boolean = () => true,
): Promise<{ flagsChanged?: string[]; message?: string } | undefined> {
  return new Promise((resolve) => {
    const handler = (details?: { flagsChanged?: string[]; message?: string }) => {
      if (!accept(details)) return;
      client.removeHandler(event, handler);
      resolve(details);
    };
    client.addHandler(event, handler);
  });
}

describe('PennantProvider with @openfeature/server-sdk', () => {
  it('is Ready and evaluates locally exactly as the server does', async () => {
    const { client } = await providerClient();
    for (const organizationId of [acme, globex]) {
      const serverAnswer = dataOf(
        await server.request(OrganizationFlags, { id: organizationId, environment: 'sandbox' }),
      ).organization?.featureFlags;
      const local: string[] = [];
      for (const slug of ['for-acme', 'for-everyone', 'switched-off']) {
        if (await client.getBooleanValue(slug, false, { organizationId, targetingKey: 'user_1' }))
          local.push(slug);
      }
      expect(local).toEqual(serverAnswer);
    }
    expect(await client.getBooleanDetails('for-acme', false, { organizationId: acme })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
    });
    expect(await client.getBooleanDetails('for-everyone', false, { organizationId: globex })).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
    expect(await client.getBooleanDetails('switched-off', true, { organizationId: acme })).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
  });

  it('answers FLAG_NOT_FOUND for an unknown flag and TYPE_MISMATCH for other types, with the default', async () => {
    const { client } = await providerClient();
    expect(await client.getBooleanDetails('no-such-flag', true, { organizationId: acme })).toMatchObject({
      value: true,
      errorCode: 'FLAG_NOT_FOUND',
      reason: 'ERROR',
    });
    expect(await client.getStringDetails('for-acme', 'fallback', { organizationId: acme })).toMatchObject({
      value: 'fallback',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(await client.getNumberDetails('for-acme', 7, { organizationId: acme })).toMatchObject({
      value: 7,
      errorCode: 'TYPE_MISMATCH',
    });
    expect(await client.getObjectDetails('for-acme', { a: 1 }, { organizationId: acme })).toMatchObject({
      value: { a: 1 },
      errorCode: 'TYPE_MISMATCH',
    });
  });

  it('emits ConfigurationChanged with the changed flag keys, and evaluates the new rule', async () => {
    const { client } = await providerClient();
    // Listening before the change: its event may arrive before the mutation's answer.
    const created = nextEvent(
      client,
      ProviderEvents.ConfigurationChanged,
      (d) => !!d?.flagsChanged?.includes('rolling-out'),
    );
    await fixtures.flag('rolling-out');
    // Created after the provider loaded: known (disabled), not FLAG_NOT_FOUND, once its event arrived.
    await created;
    expect(await client.getBooleanDetails('rolling-out', true, { organizationId: globex })).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });

    const ruled = nextEvent(client, ProviderEvents.ConfigurationChanged);
    await fixtures.setRule('rolling-out', 'SOME', [globex]);
    expect(await ruled).toMatchObject({ flagsChanged: ['rolling-out'] });
    const enabled = nextEvent(client, ProviderEvents.ConfigurationChanged);
    await fixtures.setEnabled('rolling-out', true);
    expect(await enabled).toMatchObject({ flagsChanged: ['rolling-out'] });
    expect(await client.getBooleanValue('rolling-out', false, { organizationId: globex })).toBe(true);
    expect(await client.getBooleanValue('rolling-out', false, { organizationId: acme })).toBe(false);
  });

  it('serves CACHED answers while Pennant is unreachable, goes Stale, and catches up when it returns', async () => {
    await fixtures.flag('during-outage');
    await fixtures.setRule('during-outage', 'ALL');
    const errors: PennantClientError[] = [];
    const { client } = await providerClient({ staleAfterMs: 200, onError: (error) => errors.push(error) });
    expect(await client.getBooleanDetails('during-outage', true, { organizationId: acme })).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });

    const stale = nextEvent(client, ProviderEvents.Stale);
    await proxy.cut();
    await stale;
    expect(await client.getBooleanDetails('during-outage', true, { organizationId: acme })).toMatchObject({
      value: false,
      reason: 'CACHED',
    });
    expect(await client.getBooleanDetails('for-acme', false, { organizationId: acme })).toMatchObject({
      value: true,
      reason: 'CACHED',
    });

    // Changed while the provider cannot hear it.
    await fixtures.setEnabled('during-outage', true);
    await fixtures.removeOrganization('for-acme', acme);
    const caughtUp = nextEvent(
      client,
      ProviderEvents.ConfigurationChanged,
      (d) => !!d?.flagsChanged?.includes('for-acme'),
    );
    const ready = nextEvent(client, ProviderEvents.Ready);
    await proxy.restore();
    await Promise.all([caughtUp, ready]);
    expect(await client.getBooleanDetails('during-outage', false, { organizationId: acme })).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
    expect(await client.getBooleanDetails('for-acme', true, { organizationId: acme })).toMatchObject({
      value: false,
      reason: 'TARGETING_MATCH',
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => !error.fatal)).toBe(true);
  });

  it('follows deletions: a deleted flag is FLAG_NOT_FOUND, a deleted organization leaves its flags', async () => {
    const { client } = await providerClient();
    const doomed = await fixtures.organization('Doomed');
    // Each change in turn, each heard before the next is made.
    for (const change of [
      () => fixtures.flag('short-lived'),
      () => fixtures.setRule('short-lived', 'SOME', [doomed]),
      () => fixtures.setEnabled('short-lived', true),
    ]) {
      const heard = nextEvent(
        client,
        ProviderEvents.ConfigurationChanged,
        (d) => !!d?.flagsChanged?.includes('short-lived'),
      );
      await change();
      await heard;
    }
    expect(await client.getBooleanValue('short-lived', false, { organizationId: doomed })).toBe(true);

    const organizationGone = nextEvent(client, ProviderEvents.ConfigurationChanged);
    dataOf(await server.request(DeleteOrganization, { input: { id: doomed } }));
    expect(await organizationGone).toMatchObject({ flagsChanged: ['short-lived'] });
    expect(await client.getBooleanValue('short-lived', true, { organizationId: doomed })).toBe(false);

    const flagGone = nextEvent(client, ProviderEvents.ConfigurationChanged);
    dataOf(
      await server.request(DeleteFlag, { input: { slug: 'short-lived' } }, { apiKey: server.keys.admin }),
    );
    expect(await flagGone).toMatchObject({ flagsChanged: ['short-lived'] });
    expect(await client.getBooleanDetails('short-lived', true, { organizationId: acme })).toMatchObject({
      value: true,
      errorCode: 'FLAG_NOT_FOUND',
    });
  });

  it('fails to initialise while Pennant is unreachable, keeps trying, and is Ready once it is back', async () => {
    await proxy.cut();
    const provider = new PennantProvider({
      url: `http://127.0.0.1:${proxy.port}/graphql`,
      apiKey: server.keys.sandbox,
      retry: { initialDelayMs: 50, maxDelayMs: 300 },
    });
    providers.push(provider);
    const client = OpenFeature.getClient('late');
    const ready = nextEvent(client, ProviderEvents.Ready);
    await expect(OpenFeature.setProviderAndWait('late', provider)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await client.getBooleanDetails('for-everyone', false, { organizationId: acme })).toMatchObject({
      value: false,
      errorCode: 'PROVIDER_NOT_READY',
    });
    await proxy.restore();
    await ready;
    expect(await client.getBooleanDetails('for-everyone', false, { organizationId: acme })).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
  });

  it('emits Error and stops when its API key is revoked', async () => {
    const created = dataOf(await server.request(CreateApiKey, { input: { name: 'provider' } })).createApiKey;
    const errors: PennantClientError[] = [];
    const { client } = await providerClient({
      apiKey: created.secret,
      onError: (error) => errors.push(error),
    });
    // Revoked once its subscription is live (a change reaches it): the live stream must end.
    const live = nextEvent(
      client,
      ProviderEvents.ConfigurationChanged,
      (d) => !!d?.flagsChanged?.includes('key-check'),
    );
    await fixtures.flag('key-check');
    await live;
    const failed = nextEvent(client, ProviderEvents.Error);
    dataOf(await server.request(RevokeApiKey, { input: { id: created.apiKey.id } }));
    const failure = await failed;
    expect(failure).toMatchObject({ message: expect.stringContaining('revoked') });
    expect(errors).toEqual([expect.objectContaining({ code: 'UNAUTHENTICATED', fatal: true })]);
    // The last rules still answer.
    expect(await client.getBooleanValue('for-everyone', false, { organizationId: acme })).toBe(true);
  });
});

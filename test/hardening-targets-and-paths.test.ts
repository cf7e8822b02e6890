import { chmod, readdir, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { setWebhookTargetPolicy } from '../src/domain/webhook-targets.ts';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CreateEndpoint = graphql(`
  mutation TargetsCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }
  }
`);
const Endpoints = graphql(`
  query TargetsEndpoints { webhookEndpoints { id deliveries { status lastStatusCode lastError } } }
`);
const CreateFlag = graphql(`
  mutation TargetsCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

// NODE_ENV=production: no answer may carry a stack, and the private-target setting is off.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  setWebhookTargetPolicy({ allowPrivate: false });
  await server?.close();
});

describe('webhook targets', () => {
  const inside = [
    'http://127.0.0.1:9/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/hook',
    'http://10.0.0.7/hook',
    'http://172.16.3.4/hook',
    'http://192.168.1.1/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://0.0.0.0/hook',
    'http://[::]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:169.254.169.254]/hook',
    'http://localhost:9/hook',
    'http://admin.localhost/hook',
    'http://2130706433/hook',
  ];
  it.each(inside)('refuses %s when it is saved (BAD_USER_INPUT)', async (url) => {
    const result = await server.request(CreateEndpoint, { input: { url, events: ['flag.created'] } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('url');
  });

  it('takes a public address; production takes https only', async () => {
    dataOf(
      await server.request(CreateEndpoint, {
        input: { url: 'http://hooks.example.com/pennant', events: ['flag.created'] },
      }),
    );
    const plain = await server.request(
      CreateEndpoint,
      { input: { url: 'http://hooks.example.com/pennant', events: ['flag.created'] } },
      { apiKey: server.keys.production },
    );
    expect(errorCode(plain)).toBe('BAD_USER_INPUT');
    dataOf(
      await server.request(
        CreateEndpoint,
        { input: { url: 'https://hooks.example.com/pennant', events: ['flag.created'] } },
        { apiKey: server.keys.production },
      ),
    );
    // The REST edge refuses the same.
    const rest = await fetch(`${server.url}/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.sandbox}`, 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint_url: 'http://169.254.169.254/latest/', events: ['flag.created'] }),
    });
    expect(rest.status).toBe(422);
  });

  it('a name that resolves inside at delivery (DNS rebinding) is a failed delivery with its reason', async () => {
    const received: string[] = [];
    const receiver: Server = createServer((request, response) => {
      received.push(request.url ?? '');
      response.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    try {
      // Saved while the name is public (no resolution at save); at delivery it answers 127.0.0.1.
      const created = dataOf(
        await server.request(CreateEndpoint, {
          input: { url: `http://rebind.example.com:${port}/hook`, events: ['flag.created'] },
        }),
      ).createWebhookEndpoint.webhookEndpoint;
      setWebhookTargetPolicy({
        allowPrivate: false,
        resolver: (_name, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
      });
      dataOf(await server.request(CreateFlag, { input: { slug: 'rebound', name: 'Rebound' } }));
      let delivery: { status: string; lastError?: string | null } | undefined;
      await expect
        .poll(
          async () => {
            const endpoints = dataOf(await server.request(Endpoints, {})).webhookEndpoints;
            delivery = endpoints.find((endpoint) => endpoint.id === created.id)?.deliveries[0];
            return delivery?.lastError ?? null;
          },
          { timeout: 20_000, interval: 200 },
        )
        .toMatch(/rebind\.example\.com resolves to 127\.0\.0\.1 is a loopback address/);
      expect(received).toEqual([]);

      // The connection goes to the address the check resolved (pinned): with private targets
      // allowed, the same name reaches the receiver, which no real DNS would have given.
      setWebhookTargetPolicy({
        allowPrivate: true,
        resolver: (_name, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
      });
      await prisma.webhookDelivery.updateMany({
        where: { endpointId: created.id },
        data: { nextAttemptAt: new Date(), status: 'pending' },
      });
      dataOf(await server.request(CreateFlag, { input: { slug: 'rebound-2', name: 'Rebound 2' } }));
      await expect.poll(() => received.length, { timeout: 20_000, interval: 200 }).toBeGreaterThan(0);
      expect(received[0]).toBe('/hook');
    } finally {
      setWebhookTargetPolicy({ allowPrivate: false });
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('paths and errors', () => {
  it.each(['/sso/jwks/%E0%A4%A', '/%E0%A4%A', '/graphql%E0', '/feature-flags/%ZZ'])(
    '%s is a JSON 400 without a stack',
    async (pathname) => {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ message: 'The path is not valid percent-encoding.' });
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    },
  );
});

describe('the data folder', () => {
  it('is private to the server’s user, files 0600 and folders 0700, fixing what older versions made', async () => {
    const folder = server.config.dataDir;
    if (server.config.database.kind === 'pglite') {
      // What an older version left: a world-readable folder and PGlite files 0666.
      await chmod(folder, 0o755);
      await chmod(path.join(folder, 'pgdata'), 0o755);
      await chmod(path.join(folder, 'pgdata', 'PG_VERSION'), 0o666);
    }
    await chmod(path.join(folder, 'server-secret'), 0o644);
    await server.restart();
    const walk = async (target: string): Promise<string[]> => {
      const stats = await stat(target);
      const line = `${(stats.mode & 0o777).toString(8)} ${path.relative(folder, target) || '.'}`;
      if (!stats.isDirectory()) return [line];
      const entries = await readdir(target);
      return [line, ...(await Promise.all(entries.map((entry) => walk(path.join(target, entry))))).flat()];
    };
    const modes = await walk(folder);
    const open = modes.filter((line) => !line.startsWith('700 ') && !line.startsWith('600 '));
    expect(open).toEqual([]);
    expect(modes).toContain('600 server-secret');
  });
});

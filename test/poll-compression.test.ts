import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateCoding } from '../src/rest/representation.ts';
import { countQueries } from './helpers/query-count.ts';
import { realtimeFixtures } from './helpers/realtime.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';

let server: TestServer;
let organizations: string[];

beforeAll(async () => {
  server = await startTestServer();
  // A poll of a few kilobytes: enough to be worth compressing (small answers go as they are).
  const fixtures = realtimeFixtures(server);
  organizations = [];
  for (let i = 0; i < 40; i++) organizations.push(await fixtures.organization(`Compressed ${i}`));
  await fixtures.flag('compressed');
  await fixtures.setRule('compressed', 'SOME', organizations);
  await fixtures.setEnabled('compressed', true);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add, and undo, its own Accept-Encoding). */
function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: { authorization: `Bearer ${server.keys.sandbox}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const poll = '/sdk/feature-flags';

describe('the runtime poll, compressed', () => {
  it('a gzip or brotli request gets a body that decompresses to the identity body', async () => {
    const identity = await get(poll);
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
    expect(identity.body.length).toBeGreaterThan(1024);
    const entries = JSON.parse(identity.body.toString()) as Record<
      string,
      { targets: { organizations: unknown[] } }
    >;
    expect(entries.compressed?.targets.organizations).toHaveLength(organizations.length);

    // What Node's fetch (the SDK's) sends on Node 20.
    const gzip = await get(poll, { 'accept-encoding': 'gzip, deflate' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.body.length).toBeLessThan(identity.body.length);
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);

    // A cross-origin request gets the CORS plugin's Vary: Origin as well, not instead.
    const crossOrigin = await get(poll, { 'accept-encoding': 'gzip', origin: 'https://elsewhere.example' });
    expect(crossOrigin.headers['content-encoding']).toBe('gzip');
    expect(
      String(crossOrigin.headers.vary)
        .toLowerCase()
        .split(/\s*,\s*/)
        .sort(),
    ).toEqual(['accept-encoding', 'origin']);

    const br = await get(poll, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);

    // q-values decide; identity when nothing offered is wanted.
    expect((await get(poll, { 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe(
      'gzip',
    );
    expect(
      (await get(poll, { 'accept-encoding': 'gzip;q=0.2, identity;q=0.5' })).headers['content-encoding'],
    ).toBe(undefined);
    expect((await get(poll, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    expect(
      (await get(poll, { 'accept-encoding': 'gzip;q=0, br;q=0' })).headers['content-encoding'],
    ).toBeUndefined();

    // Three representations, three strong validators, all of the same answer.
    const etags = [identity, gzip, br].map((response) => response.headers.etag as string);
    expect(new Set(etags).size).toBe(3);
    for (const etag of etags) expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}(-gzip|-br)?"$/);
  });

  it('answers If-None-Match with 304 for each coding, and a change with 200 and new ETags', async () => {
    const codings = { identity: 'identity', gzip: 'gzip, deflate', br: 'br' };
    const before: Record<string, string> = {};
    for (const [name, acceptEncoding] of Object.entries(codings)) {
      const first = await get(poll, { 'accept-encoding': acceptEncoding });
      const etag = first.headers.etag as string;
      before[name] = etag;
      const again = await get(poll, { 'accept-encoding': acceptEncoding, 'if-none-match': etag });
      expect({ name, status: again.status, etag: again.headers.etag, bytes: again.body.length }).toEqual({
        name,
        status: 304,
        etag,
        bytes: 0,
      });
      expect(again.headers.vary).toMatch(/accept-encoding/i);
    }
    // Another coding's validator names other bytes: not a match.
    const crossed = await get(poll, { 'accept-encoding': 'gzip', 'if-none-match': before.br ?? '' });
    expect(crossed.status).toBe(200);
    expect(crossed.headers['content-encoding']).toBe('gzip');

    await realtimeFixtures(server).setRule('compressed', 'SOME', organizations.slice(1));
    for (const [name, acceptEncoding] of Object.entries(codings)) {
      const changed = await get(poll, {
        'accept-encoding': acceptEncoding,
        'if-none-match': before[name] ?? '',
      });
      expect({ name, status: changed.status }).toEqual({ name, status: 200 });
      expect(changed.headers.etag).not.toBe(before[name]);
      const body =
        name === 'gzip'
          ? gunzipSync(changed.body)
          : name === 'br'
            ? brotliDecompressSync(changed.body)
            : changed.body;
      const entries = JSON.parse(body.toString()) as Record<
        string,
        { targets: { organizations: unknown[] } }
      >;
      expect(entries.compressed?.targets.organizations).toHaveLength(organizations.length - 1);
    }
  });

  it('concurrent compressed polls all get the same bytes, and no poll queries the database', async () => {
    // A change first, so that the encodings below are made now, under concurrent requests.
    await realtimeFixtures(server).setRule('compressed', 'SOME', organizations);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => get(poll, { 'accept-encoding': i % 2 ? 'gzip' : 'br' })),
    );
    for (const coding of ['gzip', 'br']) {
      const bodies = answers.filter((a) => a.headers['content-encoding'] === coding).map((a) => a.body);
      expect(bodies).toHaveLength(10);
      for (const body of bodies) expect(body.equals(bodies[0] as Buffer)).toBe(true);
    }
    for (const acceptEncoding of ['gzip, deflate', 'br', 'identity']) {
      const requestId = `poll-${Math.random()}`;
      const { result, queries } = await countQueries(requestId, () =>
        get(poll, { 'accept-encoding': acceptEncoding, 'x-request-id': requestId }),
      );
      expect({ acceptEncoding, status: result.status, queries }).toEqual({
        acceptEncoding,
        status: 200,
        queries: 0,
      });
    }
  });

  it('the SDK’s runtime client receives the poll compressed and sees a change on its next poll', async () => {
    const encodings: (string | null)[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes(poll)) encodings.push(response.headers.get('content-encoding'));
      return response;
    };
    const workos = workosFor(server);
    const url = new URL(server.url);
    const { WorkOS } = await import('@workos-inc/node');
    const observed = new WorkOS(server.keys.sandbox, {
      apiHostname: url.hostname,
      port: Number(url.port),
      https: false,
      fetchFn,
    });
    const client = observed.featureFlags.createRuntimeClient({ pollingIntervalMs: 1000 });
    try {
      await client.waitUntilReady({ timeoutMs: 5000 });
      const [first, last] = [organizations[0] as string, organizations.at(-1) as string];
      expect(client.isEnabled('compressed', { organizationId: last })).toBe(true);
      const changed = new Promise<unknown>((resolve) => client.on('change', resolve));
      await workos.featureFlags.removeFlagTarget({ slug: 'compressed', targetId: last });
      await changed;
      expect(client.isEnabled('compressed', { organizationId: last })).toBe(false);
      expect(client.isEnabled('compressed', { organizationId: first })).toBe(true);
      expect(encodings.length).toBeGreaterThanOrEqual(2);
      expect(new Set(encodings)).toEqual(new Set(['gzip']));
    } finally {
      client.close();
    }
  }, 20_000);
});

describe('Accept-Encoding negotiation', () => {
  const offered = ['br', 'gzip'] as const;
  it.each([
    [null, undefined],
    ['', undefined],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br', 'br'],
    // The legacy alias is not honoured: identity, which every client accepts.
    ['x-gzip', undefined],
    ['GZIP;Q=0.5', 'gzip'],
    ['br;q=0.4, gzip;q=0.6', 'gzip'],
    ['gzip;q=0.5, identity', undefined],
    ['identity', undefined],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['*;q=0', undefined],
    ['gzip;q=0', undefined],
    ['gzip;q=nonsense', undefined],
    ['gzip;q=0.5, gzip;q=1', 'gzip'],
    ['deflate', undefined],
  ])('%j → %s', (header, expected) => {
    expect(negotiateCoding(header, offered)).toBe(expected);
  });
});

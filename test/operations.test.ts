import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { prisma } from '../src/db/index.ts';
import {
  postGraphQL,
  type SeededSession,
  type ServerProcess,
  seedSession,
  spawnServer,
} from './helpers/process.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

/**
 * Health, readiness, metrics and logs of the real process (its stdout, LOG_LEVEL=info), and the
 * promise that no secret ever appears in a log line or an error answer.
 */

const cookiePassword = `cookie-${randomBytes(24).toString('hex')}`;
const serverSecret = `secret-${randomBytes(24).toString('hex')}`;

let server: ServerProcess & { cleanup(): Promise<void> };
/** Every secret the test saw or sent; none may reach a log or an error. */
const secrets = new Set<string>([cookiePassword, serverSecret]);
/** Every error answer, to search for secrets. */
const errorBodies: string[] = [];

beforeAll(async () => {
  server = await spawnServer({
    env: {
      PENNANT_COOKIE_PASSWORD: cookiePassword,
      PENNANT_SECRET: serverSecret,
      PENNANT_CHANGE_POLL_MS: '200',
    },
  });
}, 90_000);
afterAll(async () => {
  await server?.cleanup();
});

async function graphql(body: unknown, headers: Record<string, string> = {}) {
  const result = await postGraphQL(server.graphqlUrl, body, headers);
  if (result.body.errors?.length) errorBodies.push(JSON.stringify(result.body));
  return result;
}

describe('health and readiness', () => {
  it('GET /health answers while the process is up', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready answers ready when the database answers and every migration is applied', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready' });
  });
});

describe('request ids and logs', () => {
  it('echoes a plain x-request-id, replaces an unusable one, and logs each request with it', async () => {
    const given = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'trace-42.a' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42.a');
    const generated = await fetch(`${server.url}/health`);
    const generatedId = generated.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    const unusable = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'a b"<script>' } });
    expect(unusable.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const operation = await graphql(
      { query: 'query OpsEnvironment { currentEnvironment { slug } }' },
      { authorization: `Bearer ${server.keys.sandbox}`, 'x-request-id': 'ops-env-1' },
    );
    expect(operation.body.data).toEqual({ currentEnvironment: { slug: 'sandbox' } });

    const byId = (id: string | null) =>
      server.logs().find((line) => line.msg === 'request' && line.requestId === id);
    await expect.poll(() => byId('ops-env-1')).toBeDefined();
    expect(byId('trace-42.a')).toMatchObject({ method: 'GET', path: '/health', status: 200 });
    expect(byId(generatedId)).toMatchObject({ method: 'GET', path: '/health', status: 200 });
    expect(byId('ops-env-1')).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'OpsEnvironment',
      level: 30,
    });
    expect(typeof byId('ops-env-1')?.durationMs).toBe('number');
  });
});

describe('WebSocket connections are logged like requests', () => {
  it('returns the request id in the 101 answer and logs one line when the connection ends', async () => {
    const socket = new WebSocket(server.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      headers: { 'x-request-id': 'ws-trace-7' },
    });
    const upgradeId = new Promise<string | undefined>((resolve) =>
      socket.once('upgrade', (response) => resolve(String(response.headers['x-request-id']))),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    expect(await upgradeId).toBe('ws-trace-7');
    socket.close(1000);
    const line = () =>
      server.logs().find((entry) => entry.msg === 'websocket' && entry.requestId === 'ws-trace-7');
    await expect.poll(line).toBeDefined();
    expect(line()).toMatchObject({ method: 'GET', path: '/graphql', status: 101, closeCode: 1000 });
  });
});

describe('secrets never appear in logs or error answers', () => {
  let session: SeededSession;

  it('exercises every kind of credential, good and bad', async () => {
    const sandbox = { authorization: `Bearer ${server.keys.sandbox}` };
    // A new key: its secret is answered once (not an error) and must never be logged.
    const created = await graphql(
      { query: 'mutation { createApiKey(input: { name: "ops" }) { secret } }' },
      sandbox,
    );
    const newKey = (created.body.data as { createApiKey: { secret: string } }).createApiKey.secret;
    secrets.add(newKey);
    await graphql({ query: '{ currentEnvironment { slug } }' }, { authorization: `Bearer ${newKey}` });

    session = await seedSession(server.graphqlUrl, newKey);
    for (const value of [session.sealedSession, session.accessToken, session.refreshToken])
      secrets.add(value);

    // Refresh with the seal in the body, then with the cookie.
    const refreshed = await graphql({
      query:
        'mutation($s: String) { refreshSession(input: { sealedSession: $s }) { sealedSession session { accessToken } } }',
      variables: { s: session.sealedSession },
    });
    expect(refreshed.body.errors).toBeUndefined();
    const next = (
      refreshed.body.data as { refreshSession: { sealedSession: string; session: { accessToken: string } } }
    ).refreshSession;
    secrets.add(next.sealedSession);
    secrets.add(next.session.accessToken);
    const byCookie = await graphql(
      { query: 'mutation { refreshSession(input: {}) { sealedSession } }' },
      { cookie: `wos-session=${next.sealedSession}` },
    );
    const cookieSeal = (byCookie.body.data as { refreshSession: { sealedSession: string } } | null)
      ?.refreshSession?.sealedSession;
    if (cookieSeal) secrets.add(cookieSeal);

    // Bad credentials of every shape.
    const wrongKey = `sk_test_${randomBytes(32).toString('base64url')}`;
    const tamperedSeal = `${session.sealedSession.slice(0, -12)}AAAAAAAAAAAA`;
    const forgedToken = `${session.accessToken.split('.').slice(0, 2).join('.')}.${randomBytes(64).toString('base64url')}`;
    for (const value of [wrongKey, tamperedSeal, forgedToken]) secrets.add(value);
    const wrong = await graphql(
      { query: '{ currentEnvironment { slug } }' },
      { authorization: `Bearer ${wrongKey}` },
    );
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const tampered = await graphql({
      query: 'mutation($s: String) { refreshSession(input: { sealedSession: $s }) { sealedSession } }',
      variables: { s: tamperedSeal },
    });
    expect(tampered.body.errors?.[0]?.extensions?.code).toBe('INVALID_SESSION');
    await graphql({ query: '{ currentEnvironment { slug } }' }, { authorization: `Bearer ${forgedToken}` });

    // Secrets where GraphQL's own messages would quote them: a syntax error next to an inline
    // key, a variable of the wrong type, an input object with an unknown field.
    const syntax = await graphql({ query: `{ currentEnvironment(key: "${wrongKey}" { slug } }` });
    expect(syntax.body.errors?.length).toBeGreaterThan(0);
    const syntaxString = await graphql({ query: `{ currentEnvironment { slug } } "${newKey}"` });
    expect(syntaxString.body.errors?.length).toBeGreaterThan(0);
    const coercion = await graphql(
      { query: 'query($n: Int) { featureFlags(first: $n) { edges { cursor } } }', variables: { n: newKey } },
      sandbox,
    );
    expect(coercion.body.errors?.[0]?.message).toMatch(/Int cannot represent/);
    const unknownField = await graphql({
      query: 'mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { sealedSession } }',
      variables: { i: { sealedSession: next.sealedSession, password: cookiePassword } },
    });
    expect(unknownField.body.errors?.length).toBeGreaterThan(0);
  });

  it('finds none of them in stdout, stderr or any error answer', async () => {
    // Every line of the requests above is written once this later request's own line is.
    await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'ops-last' } });
    await expect
      .poll(() => server.logs().some((line) => line.msg === 'request' && line.requestId === 'ops-last'))
      .toBe(true);
    // The keys printed once at first start are the one intended exception.
    const output = server
      .stdout()
      .split('\n')
      .filter((line) => !/^\s+sk_(test|live)_/.test(line))
      .join('\n');
    const everything = [output, server.stderr(), ...errorBodies].join('\n');
    expect(errorBodies.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) {
      expect(everything.includes(secret), `a secret (${secret.slice(0, 10)}…) leaked`).toBe(false);
    }
    expect(everything).not.toContain(server.keys.sandbox);
  });
});

describe('metrics', () => {
  it('serves Prometheus metrics: operations, latencies, failures by code, refreshes, subscriptions', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/pennant_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]/);
    expect(text).toMatch(
      /pennant_graphql_operations_total\{operation="OpsEnvironment",type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /pennant_graphql_operation_duration_seconds_count\{operation="OpsEnvironment",type="query"\} 1/,
    );
    expect(text).toMatch(/pennant_failures_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/pennant_failures_total\{code="INVALID_SESSION"\} [1-9]/);
    expect(text).toMatch(/pennant_failures_total\{code="GRAPHQL_PARSE_FAILED"\} [1-9]/);
    expect(text).toMatch(/pennant_session_refreshes_total\{outcome="ok"\} [1-9]/);
    expect(text).toMatch(/pennant_session_refreshes_total\{outcome="INVALID_SESSION"\} [1-9]/);
    expect(text).toMatch(/pennant_events_published_total\{type="session.created"\} [1-9]/);
    expect(text).toMatch(/^pennant_active_subscriptions 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts an open subscription in pennant_active_subscriptions while it is open', async () => {
    const controller = new AbortController();
    const stream = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${server.keys.sandbox}`,
      },
      body: JSON.stringify({ query: 'subscription { events(environment: "sandbox") { id } }' }),
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const gauge = async () =>
      Number(
        /^pennant_active_subscriptions (\d+)$/m.exec(
          await (await fetch(`${server.url}/metrics`)).text(),
        )?.[1],
      );
    await expect.poll(gauge).toBe(1);
    controller.abort();
    await expect.poll(gauge).toBe(0);
  });
});

describe('readiness needs every migration applied (in-process server)', () => {
  let local: TestServer;
  beforeAll(async () => {
    local = await startTestServer();
  });
  afterAll(async () => {
    await local?.close();
  });

  it('answers 503 naming the missing migration when one is not recorded', async () => {
    const [latest] = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    expect(latest).toBeDefined();
    await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${latest!.migration_name}`;
    try {
      const response = await fetch(`${local.url}/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'unavailable',
        reason: 'migrations not applied',
        missingMigrations: [latest!.migration_name],
      });
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${latest!.migration_name}`;
    }
    expect((await fetch(`${local.url}/ready`)).status).toBe(200);
  });
});

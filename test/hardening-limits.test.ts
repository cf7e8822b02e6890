import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.ts';
import { createPennantYoga } from '../src/graphql/yoga.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

interface Result {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

let server: TestServer;
beforeAll(async () => {
  // Tight limits, so that small documents can cross them.
  server = await startTestServer({
    env: {
      PENNANT_MAX_DEPTH: '4',
      PENNANT_MAX_COST: '60',
      PENNANT_MAX_ALIASES: '2',
      PENNANT_MAX_DIRECTIVES: '2',
      PENNANT_MAX_BODY_BYTES: '20000',
      PENNANT_MAX_SOCKET_OPERATIONS: '2',
    },
  });
});
afterAll(async () => {
  await server?.close();
});

async function post(
  body: unknown,
  headers: Record<string, string> = {},
  apiKey: string | null = server.keys.sandbox,
): Promise<Result> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

function messages(result: Result): string {
  return (result.body.errors ?? []).map((error) => error.message).join(' | ');
}

// What GraphiQL 3+ sends, and what graphql-codegen sends (the defaults).
const graphiqlIntrospection = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const codegenIntrospection = getIntrospectionQuery();

describe('query limits (graphql-armor)', () => {
  it("lets GraphiQL's and codegen's introspection queries through, even under tight limits", async () => {
    for (const query of [graphiqlIntrospection, codegenIntrospection]) {
      const result = await post({ query, operationName: 'IntrospectionQuery' });
      expect(result.status).toBe(200);
      expect(messages(result)).toBe('');
      expect((result.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(
        10,
      );
    }
  });

  it('refuses a document deeper than PENNANT_MAX_DEPTH', async () => {
    const query =
      '{ featureFlags { edges { node { rule(environment: "sandbox") { environment { id } } } } } }';
    const result = await post({ query });
    expect(result.status).toBe(400);
    expect(messages(result)).toMatch(/Query depth limit of 4 exceeded, found 6/);
    const shallow = await post({ query: '{ featureFlags { edges { cursor } } }' });
    expect(messages(shallow)).toBe('');
  });

  it('refuses a document costlier than PENNANT_MAX_COST', async () => {
    const fields = 'id slug name description createdAt updatedAt tags';
    const query = `{ a: featureFlags { edges { node { ${fields} } } } b: featureFlags { edges { node { ${fields} } } } }`;
    const result = await post({ query });
    expect(result.status).toBe(400);
    expect(messages(result)).toMatch(/Query Cost limit of 60 exceeded/);
  });

  it('refuses more aliases than PENNANT_MAX_ALIASES', async () => {
    const result = await post({
      query: '{ a: environments { id } b: environments { id } c: environments { id } }',
    });
    expect(result.status).toBe(400);
    expect(messages(result)).toMatch(/Aliases limit of 2 exceeded/);
  });

  it('refuses more directives than PENNANT_MAX_DIRECTIVES', async () => {
    const result = await post({
      query: '{ environments @include(if: true) @include(if: true) @include(if: true) { id } }',
    });
    expect(result.status).toBe(400);
    expect(messages(result)).toMatch(/Directives limit of 2 exceeded/);
  });

  it('refuses more tokens than PENNANT_MAX_TOKENS (2000 by default)', async () => {
    const query = `{ ${'a '.repeat(2100)} }`;
    const result = await post({ query });
    expect(result.status).toBe(400);
    expect(messages(result)).toMatch(/Token limit of 2000 exceeded/);
  });
});

describe('request limits', () => {
  it('answers 413 to a body larger than PENNANT_MAX_BODY_BYTES, declared or chunked', async () => {
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(30_000)}` });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(declared.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');

    const encoder = new TextEncoder();
    const chunked = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i += 1) controller.enqueue(encoder.encode(' '.repeat(3000)));
          controller.enqueue(encoder.encode('{"query":"{ __typename }"}'));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    const small = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode('{"query":"{ __typename }"}'));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('closes a WebSocket whose message is larger than PENNANT_MAX_BODY_BYTES with 1009', async () => {
    const socket = new WebSocket(server.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(30_000) } }));
    expect(await closed).toBe(1009);
  });

  it('lets one WebSocket hold at most PENNANT_MAX_SOCKET_OPERATIONS open operations', async () => {
    const socket = new WebSocket(server.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: {
      id?: string;
      type: string;
      payload?: { message: string; extensions?: { code?: string } }[];
    }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey: server.keys.sandbox } }));
    await expect.poll(() => messages.some((message) => message.type === 'connection_ack')).toBe(true);
    for (const id of ['1', '2', '3']) {
      socket.send(
        JSON.stringify({
          id,
          type: 'subscribe',
          payload: { query: 'subscription { events(environment: "sandbox") { id } }' },
        }),
      );
    }
    await expect.poll(() => messages.find((message) => message.id === '3')).toBeDefined();
    const third = messages.find((message) => message.id === '3');
    expect(third?.type).toBe('error');
    expect(third?.payload?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(messages.filter((message) => message.id === '1' || message.id === '2')).toEqual([]);
    socket.close();
  });

  it('refuses multipart requests (no uploads)', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: '{ __typename }' }));
    form.append('map', '{}');
    const response = await fetch(server.graphqlUrl, { method: 'POST', body: form });
    expect(response.status).toBe(415);
  });
});

describe('CSRF: calls carrying the session cookie', () => {
  const cookie = { cookie: 'wos-session=Fe26.2**not-a-real-seal' };
  const mutation = 'mutation { refreshSession(input: {}) { sealedSession } }';

  it('refuses a simple (form) content type with the cookie', async () => {
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain']) {
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': contentType, ...cookie },
        body:
          contentType === 'text/plain'
            ? JSON.stringify({ query: mutation })
            : `query=${encodeURIComponent(mutation)}`,
      });
      expect(response.status).toBe(403);
      const body = (await response.json()) as Result['body'];
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/CSRF/);
    }
  });

  it('lets JSON or the x-graphql-yoga-csrf header through to the resolver', async () => {
    // The resolver ran: it opened the (fake) seal and said so.
    const json = await post({ query: mutation }, cookie, null);
    expect(json.status).toBe(200);
    expect(json.body.errors?.[0]?.extensions?.code).toBe('INVALID_SESSION');

    const form = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1', ...cookie },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('does not affect calls without the cookie', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('configuration of introspection and suggestions', () => {
  // Validation fails before any database access, so these servers need no database.
  async function validate(env: Record<string, string>, query: string): Promise<Result['body']> {
    const yoga = createPennantYoga(loadConfig({ LOG_LEVEL: 'silent', ...env }));
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as Result['body'];
  }

  it('keeps introspection on by default and turns it off with PENNANT_INTROSPECTION=false', async () => {
    const enabled = await post({ query: '{ __schema { queryType { name } } }' });
    expect(enabled.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const disabled = await validate(
      { PENNANT_INTROSPECTION: 'false' },
      '{ __schema { queryType { name } } }',
    );
    expect(disabled.errors?.[0]?.message).toMatch(/introspection/i);
    const typeQuery = await validate(
      { PENNANT_INTROSPECTION: 'false' },
      '{ __type(name: "Query") { name } }',
    );
    expect(typeQuery.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('hides field suggestions in production only', async () => {
    const development = await validate({}, '{ environmentz { id } }');
    expect(development.errors?.[0]?.message).toMatch(/Did you mean/);
    const production = await validate({ NODE_ENV: 'production' }, '{ environmentz { id } }');
    expect(production.errors?.[0]?.message).toMatch(/Cannot query field/);
    expect(production.errors?.[0]?.message).not.toMatch(/Did you mean|environments/);
  });
});

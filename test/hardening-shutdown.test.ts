import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ServerProcess, spawnServer } from './helpers/process.ts';

/**
 * SIGTERM and SIGINT on the real process: it stops accepting, finishes the request in flight,
 * ends SSE streams, closes WebSockets with 1001, closes the database and exits 0, quickly.
 */

let server: (ServerProcess & { cleanup(): Promise<void> }) | undefined;
afterEach(async () => {
  await server?.cleanup();
  server = undefined;
});

/** A graphql-ws connection (raw, to see the close code) with one live subscription. */
async function openSubscription(url: string, apiKey: string) {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const messages: { type: string }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey } }));
  await waitFor(() => messages.some((message) => message.type === 'connection_ack'));
  socket.send(
    JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { events(environment: "sandbox") { id type } }' },
    }),
  );
  return { socket, closed, messages };
}

/** An SSE subscription; resolves `ended` when the server ends the stream. */
async function openEventStream(graphqlUrl: string, apiKey: string) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${apiKey}`,
    },
    body: JSON.stringify({ query: 'subscription { events(environment: "sandbox") { id } }' }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const ended = (async () => {
    try {
      for (;;) if ((await reader.read()).done) return 'ended';
    } catch {
      return 'ended';
    }
  })();
  return { ended };
}

/**
 * A mutation whose body arrives in two parts, `delayMs` apart: it is in flight while the
 * signal arrives. `firstPart` resolves once the server has the request: it answers the
 * `Expect: 100-continue` header when it takes the request, and only then is the body sent.
 * `answer` resolves with the status and body the server finally answers.
 */
function slowMutation(graphqlUrl: string, apiKey: string, slug: string, delayMs: number) {
  const body = JSON.stringify({
    query: `mutation { createFeatureFlag(input: { slug: "${slug}", name: "In flight" }) { featureFlag { slug } } }`,
  });
  const url = new URL(graphqlUrl);
  let sentFirstPart!: () => void;
  const firstPart = new Promise<void>((resolve) => {
    sentFirstPart = resolve;
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${apiKey}`,
          expect: '100-continue',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.once('continue', () => {
      req.write(body.slice(0, 20), () => sentFirstPart());
      setTimeout(() => req.end(body.slice(20)), delayMs);
    });
    req.flushHeaders();
  });
  return { firstPart, answer };
}

async function waitFor(condition: () => boolean, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Each test starts a server process. On a machine shared with other work, that alone can take
// longer than the default 30 s.
describe('graceful shutdown', { timeout: 120_000 }, () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: finishes the request in flight, closes WebSockets with 1001, exits 0`, async () => {
      server = await spawnServer();
      const { url, graphqlUrl, keys } = server;
      const subscription = await openSubscription(graphqlUrl, keys.sandbox!);
      const stream = await openEventStream(graphqlUrl, keys.sandbox!);
      const inFlight = slowMutation(graphqlUrl, keys.sandbox!, `in-flight-${signal.toLowerCase()}`, 700);
      await inFlight.firstPart;

      const signalled = Date.now();
      server.child.kill(signal);
      const [exit, answer, close, streamEnd] = await Promise.all([
        server.exited,
        inFlight.answer,
        subscription.closed,
        stream.ended,
      ]);
      const shutdownMs = Date.now() - signalled;

      expect(exit).toEqual({ code: 0, signal: null });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        data: { createFeatureFlag: { featureFlag: { slug: `in-flight-${signal.toLowerCase()}` } } },
      });
      expect(close.code).toBe(1001);
      expect(streamEnd).toBe('ended');
      // The in-flight request needed ~600 ms more; everything else closes at once: nothing was
      // left for the shutdown timeout (PENNANT_SHUTDOWN_TIMEOUT_MS) to cut. Said by the server,
      // not by a wall-clock bound a loaded machine could overrun.
      expect(
        server
          .logs()
          .some((line) => line.msg === 'shutdown: connections still open after the timeout are cut'),
      ).toBe(false);
      console.info(`${signal}: exited 0 in ${shutdownMs} ms with one request in flight`);
      expect(server.logs().some((line) => line.msg === 'shutting down' && line.signal === signal)).toBe(true);

      // Nothing listens any more.
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    }, 120_000); // It starts its own server process (up to 60 s on a loaded machine), then stops it.
  }
});

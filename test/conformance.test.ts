import { serverAudits } from 'graphql-http';
import { CloseCode } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from './helpers/server.ts';

/**
 * graphql-http's audit suite (the GraphQL-over-HTTP spec) against the real server. Every MUST
 * and SHOULD passes; the MAY audits that do not are listed with the reason in the README
 * ("Operations and limits") and here, so a change in either direction shows up.
 */
const mayNotPassing = new Map<string, string>([]);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_WS_INIT_TIMEOUT_MS: '300' } });
});
afterAll(async () => {
  await server?.close();
});

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  // The audits need the URL, which exists only once the server runs: build them lazily.
  const audits = serverAudits({ url: () => server.graphqlUrl });
  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (audit.name.startsWith('MAY') && mayNotPassing.has(audit.id)) {
        expect(result.status, `${audit.id} now passes: remove it from the README's list`).not.toBe('ok');
        return;
      }
      expect(
        result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`,
      ).toBe('ok');
    });
  }
});

/**
 * graphql-ws (graphql-transport-ws) protocol behaviour, each close code, on a raw socket so that
 * the code the server sends is what is checked.
 */
describe('GraphQL over WebSocket conformance (graphql-transport-ws close codes)', () => {
  async function closeCodeAfter(frames: (keys: TestServer['keys']) => string[]): Promise<number> {
    const socket = new WebSocket(server.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    // The server's answer to a connection_init (its ack, or the close) comes before the next
    // frame, so that each frame meets the state the test means.
    const answered = () =>
      new Promise<void>((resolve) => {
        const onMessage = (data: unknown) => {
          if (JSON.parse(String(data)).type !== 'connection_ack') return;
          socket.off('message', onMessage);
          resolve();
        };
        socket.on('message', onMessage);
        void closed.then(() => resolve());
      });
    for (const frame of frames(server.keys)) {
      const answer = frame.includes('"connection_init"') ? answered() : undefined;
      socket.send(frame);
      await answer;
    }
    const timer = setTimeout(() => socket.terminate(), 5000);
    const code = await closed;
    clearTimeout(timer);
    return code;
  }
  const init = (apiKey: string) => JSON.stringify({ type: 'connection_init', payload: { apiKey } });
  const subscribe = (id: string) =>
    JSON.stringify({
      id,
      type: 'subscribe',
      payload: { query: 'subscription { events(environment: "sandbox") { id } }' },
    });

  it('4400 for an invalid message', async () => {
    expect(await closeCodeAfter(() => ['{"type":"nonsense"}'])).toBe(CloseCode.BadRequest);
    expect(await closeCodeAfter(() => ['not json'])).toBe(4400);
  });

  it('4401 for subscribe before connection_ack', async () => {
    expect(await closeCodeAfter(() => [subscribe('1')])).toBe(CloseCode.Unauthorized);
  });

  it('4403 for a bad credential in connection_init', async () => {
    expect(await closeCodeAfter(() => [init('sk_test_not-a-key')])).toBe(CloseCode.Forbidden);
  });

  it('4408 when connection_init does not arrive in time', async () => {
    expect(await closeCodeAfter(() => [])).toBe(CloseCode.ConnectionInitialisationTimeout);
  });

  it('4409 for a second subscribe with an id that is still active', async () => {
    expect(await closeCodeAfter((keys) => [init(keys.sandbox), subscribe('same'), subscribe('same')])).toBe(
      CloseCode.SubscriberAlreadyExists,
    );
  });

  it('4429 for a second connection_init', async () => {
    expect(await closeCodeAfter((keys) => [init(keys.sandbox), init(keys.sandbox)])).toBe(
      CloseCode.TooManyInitialisationRequests,
    );
  });
});

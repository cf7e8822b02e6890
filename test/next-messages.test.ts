import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { nextMessageWriter } from '../src/realtime/next-messages.ts';

/**
 * The `next` message writer against real ws sockets on loopback: what a ws client (the library
 * graphql-ws clients run on) reads must be exactly the message graphql-ws would have sent, for
 * every frame-length encoding, in order with other messages on the socket.
 */
describe('graphql-ws `next` messages sent from a shared payload', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function connectedPair(options: { perMessageDeflate?: boolean } = {}) {
    const server = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      perMessageDeflate: options.perMessageDeflate ?? false,
    });
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`, {
      perMessageDeflate: options.perMessageDeflate ?? false,
    });
    closers.push(() => client.terminate());
    const received: string[] = [];
    client.on('message', (data, isBinary) => {
      expect(isBinary).toBe(false);
      received.push(data.toString());
    });
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', reject);
    });
    const socket = await accepted;
    return { socket, client, received };
  }

  async function waitFor(check: () => boolean, what: string) {
    const deadline = Date.now() + 25_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('short, 16-bit and 64-bit lengths arrive as the exact graphql-ws message, in order with other messages', async () => {
    const { socket, received } = await connectedPair();
    const write = nextMessageWriter({ socket, operationId: 'op-"1"' }, () => {
      throw new Error('not behind');
    });
    const payloads = [
      { data: { n: 1 } }, // the whole message under 126 bytes
      { data: { flags: Array.from({ length: 40 }, (_, i) => `flag-${i}`) } }, // 126..65535
      { data: { flags: Array.from({ length: 8000 }, (_, i) => `a-rather-long-flag-slug-${i}`) } }, // ≥ 65536
      { data: { text: 'ünïcødé ✓ 🚩' } },
    ];
    const expected: string[] = [];
    for (const payload of payloads) {
      expect(write(Buffer.from(JSON.stringify(payload)))).toBe(true);
      expected.push(JSON.stringify({ id: 'op-"1"', type: 'next', payload }));
      socket.send('{"type":"ping"}'); // another message, between two of ours
      expected.push('{"type":"ping"}');
    }
    await waitFor(() => received.length === expected.length, 'every frame');
    expect(received).toEqual(expected);
    expect(Buffer.byteLength(received[4] as string)).toBeGreaterThanOrEqual(65_536);
    expect(Buffer.byteLength(received[0] as string)).toBeLessThan(126);
  });

  it('with compression negotiated the message still arrives exactly', async () => {
    const { socket, client, received } = await connectedPair({ perMessageDeflate: true });
    expect(client.extensions).toContain('permessage-deflate');
    const write = nextMessageWriter({ socket, operationId: '7' }, () => {});
    const payload = { data: { flags: Array.from({ length: 200 }, () => 'same-flag') } };
    write(Buffer.from(JSON.stringify(payload)));
    socket.send('{"type":"ping"}');
    await waitFor(() => received.length === 2, 'both frames');
    expect(received).toEqual([JSON.stringify({ id: '7', type: 'next', payload }), '{"type":"ping"}']);
  });

  it('a client that stops reading is reported once its socket holds more than the limit unsent', async () => {
    const { socket, client } = await connectedPair();
    // The client's process stops reading: the kernel buffers fill, then the server's socket.
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    let behind = 0;
    const limit = 256 * 1024;
    const write = nextMessageWriter(
      { socket, operationId: '1' },
      () => {
        behind += 1;
      },
      limit,
    );
    const message = Buffer.from(JSON.stringify({ data: { filler: 'x'.repeat(1000) } }));
    let written = 0;
    while (behind === 0 && written < 100_000) {
      write(message);
      written += 1;
      // Let the kernel take what it will, as between real changes.
      if (written % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(behind, `reported after ${written} frames`).toBeGreaterThan(0);
    expect(written * message.length).toBeGreaterThan(limit);
  });

  it('writes nothing to a socket that is closing', async () => {
    const { socket, client, received } = await connectedPair();
    const write = nextMessageWriter({ socket, operationId: '1' }, () => {});
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    socket.close(1000, 'bye');
    expect(write(Buffer.from('{"data":{}}'))).toBe(true);
    // Anything sent would arrive before the close frame.
    expect(await closed).toBe(1000);
    expect(received).toEqual([]);
  });
});

import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A graphql-ws operation: the socket it came on and the id the client gave it. */
export interface WebSocketOperation {
  socket: WebSocket;
  operationId: string;
}

/**
 * Bytes a subscriber's socket may hold unsent before its subscription is ended as fallen
 * behind (the client resumes with its last cursor): about ten thousand ordinary messages.
 */
export const maxUnsentBytes = 4 * 1024 * 1024;

const closingBrace = Buffer.from('}');

/**
 * Writes `next` messages of one graphql-ws operation straight to its socket: the frame
 * graphql-ws would send (`{"id":…,"type":"next","payload":…}`, same keys, same order), around a
 * payload serialized once (as bytes) for every subscriber that shares it. graphql-ws itself
 * still runs the operation: it starts it, sends its `error` or `complete`, and ends it when the
 * client completes it or the socket closes; its `onNext` hook is not called for these messages
 * (the server sets none).
 *
 * A change reaches thousands of sockets in one synchronous loop, so each write is one buffer
 * (the WebSocket frame, header included) handed to the TCP socket: ws's sender would encode
 * the text again for every socket and write a header and a body through a corked stream,
 * which costs noticeably more per socket. That is ws's
 * own framing of an unmasked text frame (RFC 6455 §5.2), used only while ws itself would
 * write at once: no extension negotiated (the server offers none) and its sender idle, so
 * frames never interleave; otherwise `ws.send` writes it.
 *
 * Returns a function that takes the payload's JSON bytes and returns whether it was taken; a
 * client whose socket holds more than `maxUnsent` bytes unsent gets `fallBehind()`, as it
 * would from the subscription's own queue.
 */
export function nextFrameWriter(
  { socket, operationId }: WebSocketOperation,
  fallBehind: () => void,
  maxUnsent = maxUnsentBytes,
): (payloadJson: Buffer) => boolean {
  const prefix = Buffer.from(`{"id":${JSON.stringify(operationId)},"type":"next","payload":`);
  // Negotiated at the handshake, before any operation.
  const withoutExtensions = socket.extensions === '';
  return (payloadJson) => {
    // As graphql-ws does: nothing more is written to a socket that is closing.
    if (socket.readyState !== socket.OPEN) return true;
    const raw = withoutExtensions ? idleRawSocket(socket) : undefined;
    if (raw) {
      raw.write(textFrame(prefix, payloadJson));
      if (raw.writableLength > maxUnsent) fallBehind();
    } else {
      socket.send(Buffer.concat([prefix, payloadJson, closingBrace]), { binary: false });
      if (socket.bufferedAmount > maxUnsent) fallBehind();
    }
    return true;
  };
}

/** One unmasked, unfragmented text frame holding `prefix`, `payload` and a closing brace. */
function textFrame(prefix: Buffer, payload: Buffer): Buffer {
  const length = prefix.length + payload.length + 1;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  prefix.copy(frame, headerLength);
  payload.copy(frame, headerLength + prefix.length);
  frame[frame.length - 1] = 0x7d; // }
  return frame;
}

/** What of ws's internals the direct write depends on (ws 8). */
interface WebSocketInternals {
  _socket?: Socket;
  _sender?: { _state?: unknown; _queue?: unknown[]; _firstFragment?: unknown };
}

/**
 * The TCP socket, when a frame written to it now lands exactly where ws would put its own:
 * no extension, nothing queued in ws's sender (it queues only while compressing or reading a
 * Blob), no fragmented message in progress. Undefined otherwise, or if ws's internals are not
 * what this expects (then every frame goes through `ws.send`).
 */
function idleRawSocket(socket: WebSocket): Socket | undefined {
  const { _socket: raw, _sender: sender } = socket as unknown as WebSocketInternals;
  if (!raw || !sender) return undefined;
  if (sender._state !== 0 || sender._queue?.length !== 0 || sender._firstFragment !== true) return undefined;
  return raw;
}

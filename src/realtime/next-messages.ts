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
 * Sends `next` messages of one graphql-ws operation through ws's public `send`: the message
 * graphql-ws would send (`{"id":…,"type":"next","payload":…}`, same keys, same order), around a
 * payload serialized once (as bytes) for every subscriber that shares it, so the per-socket
 * work is joining three buffers, not serializing the result again. graphql-ws itself still runs
 * the operation: it starts it, sends its `error` or `complete`, and ends it when the client
 * completes it or the socket closes; its `onNext` hook is not called for these messages (the
 * server sets none).
 *
 * Returns a function that takes the payload's JSON bytes and returns whether it was taken; a
 * client whose socket holds more than `maxUnsent` bytes unsent gets `fallBehind()`, as it
 * would from the subscription's own queue.
 */
export function nextMessageWriter(
  { socket, operationId }: WebSocketOperation,
  fallBehind: () => void,
  maxUnsent = maxUnsentBytes,
): (payloadJson: Buffer) => boolean {
  const prefix = Buffer.from(`{"id":${JSON.stringify(operationId)},"type":"next","payload":`);
  return (payloadJson) => {
    // As graphql-ws does: nothing more is written to a socket that is closing.
    if (socket.readyState !== socket.OPEN) return true;
    socket.send(Buffer.concat([prefix, payloadJson, closingBrace]), { binary: false });
    if (socket.bufferedAmount > maxUnsent) fallBehind();
    return true;
  };
}

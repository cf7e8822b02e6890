import type { WebSocket } from 'ws';
import { maxQueuedMessages } from './push-queue.ts';

/** A graphql-ws operation: the socket it came on and the id the client gave it. */
export interface WebSocketOperation {
  socket: WebSocket;
  operationId: string;
}

/**
 * Writes `next` messages of one graphql-ws operation straight to its socket: the frame
 * graphql-ws would send (`{"id":…,"type":"next","payload":…}`, same keys, same order), built
 * from a payload serialized once for every subscriber that shares it. graphql-ws itself still
 * runs the operation: it starts it, sends its `error` or `complete`, and ends it when the client
 * completes it or the socket closes; its `onNext` hook is not called for these messages (the
 * server sets none).
 *
 * Returns a function that takes the payload's JSON and returns whether it was taken; a client
 * whose socket holds more than `maxQueuedMessages` unsent messages gets `fallBehind()`, as it
 * would from the subscription's own queue.
 */
export function nextFrameWriter(
  { socket, operationId }: WebSocketOperation,
  fallBehind: () => void,
): (payloadJson: string) => boolean {
  const prefix = `{"id":${JSON.stringify(operationId)},"type":"next","payload":`;
  let unsent = 0;
  const written = () => {
    unsent -= 1;
  };
  return (payloadJson) => {
    // As graphql-ws does: nothing more is written to a socket that is closing.
    if (socket.readyState !== socket.OPEN) return true;
    unsent += 1;
    socket.send(`${prefix}${payloadJson}}`, written);
    if (unsent > maxQueuedMessages) fallBehind();
    return true;
  };
}

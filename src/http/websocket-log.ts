import type { IncomingMessage } from 'node:http';
import type { WebSocketServer } from 'ws';
import { logger } from '../logger.ts';
import { requestIdFrom, requestIdHeader } from './request-context.ts';

/**
 * WebSocket upgrades are HTTP requests too: each gets a request id (the caller's
 * `x-request-id` when usable), returned in the 101 response, and one `websocket` log line when
 * the connection ends, with how long it lasted and its close code.
 */
export function logWebSocketConnections(webSocketServer: WebSocketServer): void {
  const ids = new WeakMap<IncomingMessage, string>();
  webSocketServer.on('headers', (headers: string[], request: IncomingMessage) => {
    const requestId = requestIdFrom(request.headers[requestIdHeader]);
    ids.set(request, requestId);
    headers.push(`${requestIdHeader}: ${requestId}`);
  });
  webSocketServer.on('connection', (socket, request: IncomingMessage) => {
    const started = performance.now();
    const requestId = ids.get(request) ?? requestIdFrom(undefined);
    socket.once('close', (code: number) => {
      logger.info(
        {
          requestId,
          method: 'GET',
          path: (request.url ?? '/').split('?')[0],
          status: 101,
          durationMs: Math.round(performance.now() - started),
          closeCode: code,
        },
        'websocket',
      );
    });
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '../logger.ts';
import { recordHttpRequest, routeLabel } from '../metrics.ts';
import { payloadTooLargeBody } from './body-limit.ts';
import { type RequestContext, requestIdFrom, requestIdHeader } from './request-context.ts';

export interface HttpHandlerOptions {
  maxBodyBytes: number;
  /** How many trusted proxies append to `X-Forwarded-For` (0: use the socket's peer). */
  trustProxyHops: number;
}

type NodeHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

/** yoga's Node handler: the third argument becomes its server context (see `useRequestContext`). */
type ContextualNodeHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  serverContext: { requestContext: RequestContext },
) => unknown;

/**
 * The client address. With `trustProxyHops` = n, each of n proxies appended the address it
 * received from to `X-Forwarded-For`, so the entry n places from the right was written by the
 * outermost trusted proxy: the client as it saw it. Entries further left are whatever the
 * client sent, and are never used. With fewer entries than hops (a request that bypassed a
 * proxy), the leftmost one is the best known.
 */
export function clientAddress(request: IncomingMessage, trustProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustProxyHops <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return peer;
  return entries[Math.max(0, entries.length - trustProxyHops)] ?? peer;
}

const invalidPathBody = JSON.stringify({
  code: 'invalid_request',
  message: 'The path is not valid percent-encoding.',
  errors: [{ message: 'The path is not valid percent-encoding.', extensions: { code: 'BAD_REQUEST' } }],
});

function isValidPercentEncoding(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wraps yoga's Node handler with what every HTTP request gets: a request id (`x-request-id`,
 * the caller's when it is a plain token, echoed in the response and in the log lines written for
 * it), one structured log line and metrics when it ends, and a 413 for a declared body
 * larger than the limit before any of it is read. Logs carry no headers, query strings or bodies.
 */
export function createHttpHandler(
  handler: ContextualNodeHandler,
  options: HttpHandlerOptions,
): NodeHandler & { beginShutdown(): void } {
  const open = new Set<ServerResponse>();
  let shuttingDown = false;
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    open.add(response);
    // During shutdown, a request that still arrives on a kept-alive connection is answered, and
    // the connection closed after it.
    if (shuttingDown) response.setHeader('connection', 'close');
    const started = performance.now();
    const context: RequestContext = {
      requestId: requestIdFrom(request.headers[requestIdHeader]),
      address: clientAddress(request, options.trustProxyHops),
    };
    response.setHeader(requestIdHeader, context.requestId);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    response.once('close', () => {
      open.delete(response);
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(path);
      const method = request.method ?? 'UNKNOWN';
      const status = response.writableFinished ? response.statusCode : 499;
      // Node accepts any token as a method; only short ones become labels.
      const methodLabel = method.length <= 10 ? method : 'OTHER';
      recordHttpRequest(methodLabel, route, status, seconds);
      // Checked first: the line is built for nothing at `warn`, on every request.
      if (!logger.isLevelEnabled('info')) return;
      logger.info(
        {
          requestId: context.requestId,
          method,
          path: path.length <= 200 ? path : `${path.slice(0, 200)}…`,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(context.operation ? { operation: context.operation } : {}),
          ...(response.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });

    if (!isValidPercentEncoding(path)) {
      // Every route decodes its path segments; one that cannot be decoded is the client's error,
      // answered the same way on every path (never an exception with a stack).
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
      response.end(invalidPathBody);
      request.resume();
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > options.maxBodyBytes) {
      // Refused unread; the connection closes afterwards so the unread body is not parsed.
      response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      response.end(payloadTooLargeBody(options.maxBodyBytes));
      request.resume();
      return;
    }
    return handler(request, response, { requestContext: context });
  };
  /**
   * At shutdown: responses from now on close their connection, and Server-Sent Event streams
   * (subscriptions), which would otherwise stay open until the shutdown timeout, are ended;
   * their clients reconnect elsewhere with their cursor. Ordinary requests are left to finish.
   */
  const beginShutdown = () => {
    shuttingDown = true;
    for (const response of open) {
      if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) response.end();
      else if (!response.headersSent) response.setHeader('connection', 'close');
    }
  };
  return Object.assign(handle, { beginShutdown });
}

import { randomUUID } from 'node:crypto';

/** What the logs and per-address limits need to know about the request being handled. */
export interface RequestContext {
  requestId: string;
  /** The client address (for per-address rate limits). */
  address: string;
  /** The GraphQL operation's name, once known (for the request's log line). */
  operation?: string;
}

/**
 * Each request's context, found from its fetch `Request`, which GraphQL context, plugins and
 * routes all hold. Passed explicitly rather than through AsyncLocalStorage: on Node 20 that
 * installs promise hooks that run on every promise of every request, a cost the session
 * refresh, the busiest path, pays many times over.
 */
const contexts = new WeakMap<Request, RequestContext>();

export function bindRequestContext(request: Request, context: RequestContext): void {
  contexts.set(request, context);
}

export function requestContextOf(request: Request | undefined): RequestContext | undefined {
  return request ? contexts.get(request) : undefined;
}

/** The address of the client that sent this request (for per-address limits). */
export function clientAddressOf(request: Request | undefined): string {
  return requestContextOf(request)?.address ?? 'unknown';
}

export const requestIdHeader = 'x-request-id';

// A caller's id is echoed into logs and headers, so only a plain token is accepted.
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a plain token, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && acceptableRequestId.test(value) ? value : randomUUID();
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while handling a request should carry. */
export interface RequestContext {
  requestId: string;
  /** The client address (for per-address rate limits). */
  address: string;
  /** The GraphQL operation's name, once known (for the request's log line). */
  operation?: string;
}

/**
 * The request being handled, for code that has no request at hand (the logger's mixin, error
 * masking). Set by the HTTP handler around each request and by the WebSocket glue per message.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export const requestIdHeader = 'x-request-id';

/** The address of the client whose request is being handled (for per-address limits). */
export function currentClientAddress(): string {
  return requestContext.getStore()?.address ?? 'unknown';
}

// A caller's id is echoed into logs and headers, so only a plain token is accepted.
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a plain token, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && acceptableRequestId.test(value) ? value : randomUUID();
}

import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actor.ts';
import type { AuthenticatedApiKey } from '../domain/api-keys.ts';
import { PennantError } from '../errors.ts';
import { logFault } from '../http/fault-log.ts';
import { requestContextOf } from '../http/request-context.ts';
import { countFailure, errorCodeOf } from '../metrics.ts';
import { json, type Route, varyOn } from '../routes.ts';
import { databaseUnavailable, isDatabaseUnavailable } from '../security/database-errors.ts';
import { type EncodedBody, negotiateCoding, type Representation } from './representation.ts';

/**
 * The WorkOS-compatible REST edge. Its error bodies follow WorkOS's shapes, because the SDK maps
 * the status and body fields (`code`, `message`, `error`, `error_description`) to its exception
 * classes; every response, errors included, is JSON (the SDK throws a ParseError otherwise) and
 * carries an `X-Request-ID`, which the SDK copies into `exception.requestID`.
 */

/** HTTP status and WorkOS `code` for each of Pennant's error codes. */
const statusByCode: Record<PennantError['code'], { status: number; code: string }> = {
  BAD_USER_INPUT: { status: 422, code: 'invalid_request_parameters' },
  NOT_FOUND: { status: 404, code: 'entity_not_found' },
  CONFLICT: { status: 409, code: 'conflict' },
  UNAUTHENTICATED: { status: 401, code: 'unauthorized' },
  FORBIDDEN: { status: 403, code: 'forbidden' },
  INVALID_SESSION: { status: 400, code: 'invalid_session' },
  // OAuth's shape, which the SDK turns into `reason: 'invalid_grant'` (never 401: see docs).
  INVALID_GRANT: { status: 400, code: 'invalid_grant' },
  RATE_LIMITED: { status: 429, code: 'rate_limit_exceeded' },
};

export function errorResponse(error: unknown, requestId: string): Response {
  const headers = { 'x-request-id': requestId };
  countFailure(errorCodeOf(error));
  if (error instanceof PennantError) {
    const { status, code } = statusByCode[error.code];
    if (error.code === 'INVALID_GRANT') {
      return json({ error: 'invalid_grant', error_description: error.message }, status, headers);
    }
    const retryAfter = error.details.retryAfter;
    return json({ code, message: error.message, ...fieldOf(error) }, status, {
      ...headers,
      ...(typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {}),
    });
  }
  logFault(error, requestId);
  // The database being away is a condition, not a bug: 503, retry shortly (as in GraphQL).
  if (isDatabaseUnavailable(error)) {
    return json({ code: 'service_unavailable', message: databaseUnavailable.message }, 503, {
      ...headers,
      'retry-after': '1',
    });
  }
  return json({ code: 'server_error', message: 'Unexpected error.' }, 500, headers);
}

function fieldOf(error: PennantError): { field?: string } {
  const field = error.details.field;
  return typeof field === 'string' ? { field } : {};
}

/** Handles errors the WorkOS way and tags every response with a request id. */
export function restRoute(
  method: string,
  path: string,
  handler: (request: Request, params: Record<string, string>, url: URL) => Promise<Response> | Response,
): Route {
  return {
    method,
    path,
    async handler(request, params, url) {
      // The id the HTTP layer gave this request (and logs with), so a client's exception points
      // at the server's log line.
      const requestId = requestContextOf(request)?.requestId ?? randomUUID();
      try {
        const response = await handler(request, params, url);
        response.headers.set('x-request-id', requestId);
        return response;
      } catch (error) {
        return errorResponse(error, requestId);
      }
    },
  };
}

export function actorOfApiKey(apiKey: AuthenticatedApiKey): Actor {
  return { type: 'api_key', id: apiKey.id };
}

/** An empty 204: the SDK accepts any 2xx for calls whose answer it ignores. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * A representation with its strong `ETag`, or 304 Not Modified when the request's
 * `If-None-Match` already names it (RFC 9110 §13.1.2: compared weakly, `*` matches any).
 * `no-cache`: a cache may keep it but must ask again each time, which is what the ETag is for.
 *
 * With `compress`, the body is sent gzip- or brotli-encoded when `Accept-Encoding` asks for it
 * (each encoding made once per representation, see Representation), with that encoding's own
 * ETag; `Vary: Accept-Encoding` then says so to caches, on 304s too. Only for representations
 * made once and served many times: compressing one made per request would spend the request's
 * CPU on it.
 */
export async function conditionalJson(
  request: Request,
  representation: Representation,
  options: { compress?: boolean } = {},
): Promise<Response> {
  const compress = options.compress === true && representation.compressible;
  const coding = compress
    ? negotiateCoding(request.headers.get('accept-encoding'), offeredCodings)
    : undefined;
  let selected: EncodedBody = representation.identity;
  if (coding) {
    try {
      selected = await representation.encoded(coding);
    } catch (error) {
      // Never expected; the identity body is still a correct answer.
      logFault(error, requestContextOf(request)?.requestId);
    }
  }
  const headers: Record<string, string> = { etag: selected.etag, 'cache-control': 'private, no-cache' };
  const response = ifNoneMatchHits(request.headers.get('if-none-match'), selected.etag)
    ? new Response(null, { status: 304, headers })
    : // Node allocates these from ArrayBuffers, never SharedArrayBuffers.
      new Response(selected.body as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(selected.coding ? { 'content-encoding': selected.coding } : {}),
          ...headers,
        },
      });
  return compress ? varyOn(response, 'Accept-Encoding') : response;
}

/** Brotli first: on a JSON poll it is the smaller (see BENCHMARKS.md, the runtime poll). */
const offeredCodings = ['br', 'gzip'] as const;

function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (header === null) return false;
  // Bounded: a header of thousands of tags is not worth reading.
  return header
    .slice(0, 4096)
    .split(',')
    .some((tag) => {
      const trimmed = tag.trim();
      return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
    });
}

import { hash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { logFault } from './http/fault-log.ts';
import { checkReadiness } from './http/readiness.ts';
import { requestContextOf } from './http/request-context.ts';
import { metricsResponse } from './metrics.ts';

export interface Route {
  /** An HTTP method, or `*` for any. */
  method: string;
  /** Exact path, or a pattern with `:name` segments; a final `/*` also matches everything below. */
  path: string;
  handler: (request: Request, params: Record<string, string>, url: URL) => Promise<Response> | Response;
}

function compile(route: Route) {
  const names: string[] = [];
  const subtree = route.path.endsWith('/*');
  const path = subtree ? route.path.slice(0, -2) : route.path;
  const pattern = new RegExp(
    `^${path.replace(/:([a-zA-Z_]+)/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}${subtree ? '(?:/.*)?' : ''}$`,
  );
  return { route, pattern, names };
}

/** Responses whose `Vary` names request headers besides what other plugins put there. */
const varies = new WeakMap<Response, string>();

/**
 * Marks `response` as varying on `header`. yoga's CORS plugin *sets* `Vary: Origin` on answers to
 * cross-origin requests, which would drop this; `useRoutes` adds it back after CORS has run.
 */
export function varyOn(response: Response, header: string): Response {
  varies.set(response, header);
  response.headers.set('vary', header);
  return response;
}

/** Serves routes through yoga, so they pass the same server plugins as GraphQL requests. */
export function useRoutes(routes: Route[]): Plugin {
  const compiled = routes.map(compile);
  return {
    // After the CORS plugin's (yoga's own plugins come before these).
    onResponse({ response }) {
      const header = varies.get(response);
      if (header === undefined) return;
      const vary = response.headers.get('vary');
      const named = (vary ?? '').split(',').map((name) => name.trim().toLowerCase());
      if (!named.includes(header.toLowerCase())) {
        response.headers.set('vary', vary ? `${vary}, ${header}` : header);
      }
    },
    async onRequest({ request, url, endResponse }) {
      for (const { route, pattern, names } of compiled) {
        const match = pattern.exec(url.pathname);
        if (!match) continue;
        if (
          route.method !== '*' &&
          route.method !== request.method &&
          !(route.method === 'GET' && request.method === 'HEAD')
        )
          continue;
        const params = decodedParams(names, match);
        if (!params) {
          endResponse(badPathResponse());
          return;
        }
        try {
          endResponse(await route.handler(request, params, url));
        } catch (error) {
          // Routes answer their own errors (REST: restRoute); anything else is masked here, so
          // no answer carries a message or stack that was not written for clients.
          logFault(error, requestContextOf(request)?.requestId);
          endResponse(
            json(
              { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
              500,
            ),
          );
        }
        return;
      }
    },
  };
}

/** The route's `:name` segments, decoded; null when one is not valid percent-encoding. */
function decodedParams(names: string[], match: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [index, name] of names.entries()) {
    try {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    } catch {
      return null;
    }
  }
  return params;
}

/**
 * 400 for a path that is not valid percent-encoding (`/sso/jwks/%E0%A4%A`); the HTTP handler
 * answers the same before any route runs (src/http/server.ts), this covers routes served
 * without it.
 */
function badPathResponse(): Response {
  return json(
    {
      code: 'invalid_request',
      message: 'The path is not valid percent-encoding.',
      errors: [{ message: 'The path is not valid percent-encoding.', extensions: { code: 'BAD_REQUEST' } }],
    },
    400,
  );
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * Whether a request may read `/metrics`: anyone when no token is configured (keep the port
 * inside your network then), otherwise only with the token, compared in constant time.
 */
function mayReadMetrics(request: Request, token: string | undefined): boolean {
  if (token === undefined) return true;
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  // Digests first: timingSafeEqual needs equal lengths, and the token's length stays hidden.
  return timingSafeEqual(hash('sha256', presented, 'buffer'), hash('sha256', token, 'buffer'));
}

export function operationalRoutes(metricsToken: string | undefined): Route[] {
  return [
    { method: 'GET', path: '/health', handler: () => json({ status: 'ok' }) },
    {
      method: 'GET',
      path: '/ready',
      // Database reachable and every shipped migration applied (src/http/readiness.ts).
      handler: async () => {
        const readiness = await checkReadiness();
        return json(readiness, readiness.status === 'ready' ? 200 : 503);
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: (request) =>
        mayReadMetrics(request, metricsToken)
          ? metricsResponse()
          : json(
              {
                errors: [
                  {
                    message: 'GET /metrics needs "Authorization: Bearer <PENNANT_METRICS_TOKEN>".',
                    extensions: { code: 'UNAUTHENTICATED' },
                  },
                ],
              },
              401,
              { 'www-authenticate': 'Bearer' },
            ),
    },
  ];
}

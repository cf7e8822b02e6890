import type { Plugin } from 'graphql-yoga';
import { cookieOf } from '../auth/credentials.ts';

/** Headers a browser cannot send cross-site without a CORS preflight (yoga's and Apollo's names). */
export const csrfHeaders = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

// The content types an HTML form or a "simple" fetch can send cross-site without a preflight.
const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * CSRF protection for cookie-authenticated calls (refreshSession with the session cookie, an
 * operator's calls with theirs): a request that carries one of these cookies must be one a browser would preflight, that is have
 * a non-simple content type (e.g. `application/json`) or one of `csrfHeaders`. Calls without
 * the cookie (API keys, sealed sessions in the body) are not affected.
 */
export function useCsrfPrevention(options: { cookieNames: readonly string[]; endpoint: string }): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== options.endpoint) return;
      // GET cannot run mutations (yoga answers 405), and a cross-site GET cannot read the answer.
      if (request.method === 'GET' || request.method === 'HEAD') return;
      if (options.cookieNames.every((name) => cookieOf(request, name) === undefined)) return;
      if (csrfHeaders.some((header) => request.headers.has(header))) return;
      const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      const preflighted = request.method === 'POST' && !!mediaType && !simpleContentTypes.includes(mediaType);
      if (preflighted) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `A request that carries the session cookie must have a JSON content type or the "${csrfHeaders[0]}" header (CSRF protection).`,
                extensions: { code: 'FORBIDDEN' },
              },
            ],
          }),
          { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}

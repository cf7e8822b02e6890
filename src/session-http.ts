import { publicJwks } from './domain/signing-keys.ts';
import { json, type Route } from './routes.ts';

/**
 * HTTP details of sessions shared by GraphQL and REST: the session cookie and the JWKS route.
 * Sealed sessions are `Fe26.2*…~2`, made only of cookie-safe characters, so they need no encoding.
 */

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Cookies are `Secure` except on localhost (plain-HTTP development). */
export function isLocalRequest(request: Request): boolean {
  let hostname: string;
  try {
    hostname = new URL(request.url).hostname;
  } catch {
    return false;
  }
  return localHosts.has(hostname) || hostname.endsWith('.localhost');
}

export function sessionCookie(
  request: Request,
  name: string,
  sealedSession: string,
  maxAgeSeconds: number,
): string {
  return [
    `${name}=${sealedSession}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(isLocalRequest(request) ? [] : ['Secure']),
  ].join('; ');
}

/** A Set-Cookie value that removes the session cookie (sign-out, a session that ended). */
export function clearedSessionCookie(request: Request, name: string): string {
  return sessionCookie(request, name, '', 0);
}

/** `GET /.well-known/jwks.json`: the public keys that verify access tokens. */
export function sessionRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/.well-known/jwks.json',
      handler: async () => json(await publicJwks(), 200, { 'cache-control': 'public, max-age=60' }),
    },
  ];
}

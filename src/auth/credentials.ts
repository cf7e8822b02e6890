/**
 * Reading credentials off a request: the one Bearer parser and the one cookie parser that
 * GraphQL (HTTP and WebSocket upgrades), REST and the guards (CSRF, rate limits) share, so no
 * two places can disagree on what a request carried.
 */

const bearerPattern = /^Bearer\s+(\S+)$/i;

/** An access token (a JWT: three base64url parts) rather than an API key. */
const jwtPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The token of `Authorization: Bearer <token>`; '' for a malformed header, undefined without one. */
export function bearerTokenOf(request: Request | undefined): string | undefined {
  const header = request?.headers.get('authorization');
  if (header === null || header === undefined) return undefined;
  return bearerPattern.exec(header)?.[1] ?? '';
}

export function isAccessTokenShape(value: string): boolean {
  return jwtPattern.test(value);
}

/**
 * The value of one cookie of a request, or undefined (absent or empty). Sealed sessions are
 * made of cookie-safe characters; a value a client percent-encoded anyway is decoded, and one
 * that does not decode is taken as it is (it then fails to open, like any bad seal).
 */
export function cookieOf(request: Request | undefined, name: string): string | undefined {
  const header = request?.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    if (value === '') return undefined;
    if (!value.includes('%')) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

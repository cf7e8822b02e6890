/**
 * The origin rule for credentials a browser attaches by itself (cookies): only the server's own
 * origin and `PENNANT_ALLOWED_ORIGINS` may use them. Browsers send cookies on cross-site
 * WebSocket upgrades (SameSite=Lax does not stop a WebSocket) and on cross-site fetches with
 * `credentials: 'include'`; without this rule any page could act with a visitor's session.
 * A request without `Origin` is not a browser's cross-origin request, and may.
 */
export function originMayUseCookie(request: Request, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = request.headers.get('host');
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Whether `origin` may make credentialed cross-origin calls (CORS with credentials). */
export function isAllowedOrigin(origin: string | null, allowedOrigins: readonly string[]): origin is string {
  return origin !== null && allowedOrigins.includes(origin);
}

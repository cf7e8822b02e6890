import { type AuthenticatedApiKey, apiKeyAuthenticator, isApiKeySecretShape } from '../domain/api-keys.ts';
import type { SealOpener } from '../domain/seal.ts';
import { authenticateSessionCredential, type SessionPrincipal } from '../domain/sessions.ts';
import { PennantError } from '../errors.ts';

/** Who a request or a WebSocket connection acts as. */
export interface Principal {
  apiKey: AuthenticatedApiKey | null;
  session: SessionPrincipal | null;
}

/** The value of one cookie in a `Cookie` header, or undefined. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    if (value === '') return undefined;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * Whether a request that carries the session cookie may use it: its `Origin` is the server's
 * own or one of `PENNANT_ALLOWED_ORIGINS`. Browsers send cookies on cross-site WebSocket
 * upgrades (and SameSite=Lax does not stop a WebSocket), so without this check any page could
 * subscribe with a visitor's session. A request without `Origin` (not a browser) may.
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

/** A session credential, or null when it does not authenticate (INVALID_SESSION). */
export async function sessionOf(
  credential: { accessToken?: string; sealedSession?: string },
  openSeal?: SealOpener,
): Promise<SessionPrincipal | null> {
  try {
    return await authenticateSessionCredential(credential, openSeal);
  } catch (error) {
    if (error instanceof PennantError) return null;
    throw error;
  }
}

function stringParam(params: Readonly<Record<string, unknown>> | undefined, name: string) {
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Authenticates a graphql-ws connection once, at `connection_init`: `{ apiKey }`,
 * `{ accessToken }` or `{ sealedSession }` in the payload (browsers cannot set WebSocket
 * headers), else the session cookie or an `Authorization: Bearer` header on the upgrade
 * request. Null when a credential is missing, invalid, or a cookie comes from an origin that
 * may not use it: the caller closes the socket with 4403.
 */
export async function authenticateConnection(
  params: Readonly<Record<string, unknown>> | undefined,
  request: Request,
  options: { cookieName: string; allowedOrigins: readonly string[] },
): Promise<Principal | null> {
  const principal: Principal = { apiKey: null, session: null };
  const apiKey = stringParam(params, 'apiKey');
  const accessToken = stringParam(params, 'accessToken');
  const sealedSession = stringParam(params, 'sealedSession');
  if (apiKey !== undefined) {
    principal.apiKey = await apiKeyAuthenticator.authenticate(apiKey);
    if (!principal.apiKey) return null;
  }
  if (accessToken !== undefined || sealedSession !== undefined) {
    principal.session = await sessionOf(accessToken !== undefined ? { accessToken } : { sealedSession });
    if (!principal.session) return null;
  }
  if (principal.apiKey || principal.session) return principal;

  const cookie = cookieValue(request.headers.get('cookie'), options.cookieName);
  if (cookie !== undefined) {
    if (!originMayUseCookie(request, options.allowedOrigins)) return null;
    principal.session = await sessionOf({ sealedSession: cookie });
    return principal.session ? principal : null;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer !== undefined) {
    if (isApiKeySecretShape(bearer)) principal.apiKey = await apiKeyAuthenticator.authenticate(bearer);
    else principal.session = await sessionOf({ accessToken: bearer });
    return principal.apiKey || principal.session ? principal : null;
  }
  return null;
}

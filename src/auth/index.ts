import { type AuthenticatedApiKey, apiKeyAuthenticator, isApiKeySecretShape } from '../domain/api-keys.ts';
import { type AuthenticatedOperator, authenticateOperatorToken } from '../domain/operator-sessions.ts';
import type { SealOpener } from '../domain/seal.ts';
import { authenticateSessionCredential, type SessionPrincipal } from '../domain/sessions.ts';
import { ForbiddenError, PennantError, UnauthenticatedError } from '../errors.ts';
import { clientAddressOf } from '../http/request-context.ts';
import { rateLimits } from '../security/rate-limit.ts';
import { authorize } from './authorize.ts';
import { bearerTokenOf, cookieOf, isAccessTokenShape } from './credentials.ts';
import { operatorCookieName } from './operator-cookie.ts';
import { originMayUseCookie } from './origin.ts';

/**
 * The one place that turns a request (HTTP headers and cookies, a WebSocket upgrade and its
 * `connection_init` payload, a REST call) into a principal. GraphQL (HTTP and WebSocket), REST
 * and the guards all call it, so the rate limit on failed keys and the origin rule for cookies
 * cannot be missed on one path.
 */

export { type Acting, type Action, authorize, authorizeKeyRole, refusal } from './authorize.ts';
export { bearerTokenOf, cookieOf } from './credentials.ts';
export { clearedOperatorCookie, operatorCookie, operatorCookieName } from './operator-cookie.ts';
export { isAllowedOrigin, originMayUseCookie } from './origin.ts';

export interface AuthOptions {
  /** The customers' session cookie (`PENNANT_COOKIE_NAME`, default `wos-session`). */
  cookieName: string;
  /** `PENNANT_ALLOWED_ORIGINS`: other origins whose pages may use cookies. */
  allowedOrigins: readonly string[];
}

/** A cookie the request carried, and whether its origin may use it. */
export interface PresentedCookie {
  value: string;
  /** False when the request came from an origin that may not use cookies (see origin.ts). */
  originAllowed: boolean;
}

/** Who a request or a WebSocket connection acts as. */
export interface Principal {
  /** The API key, when one was sent and is valid (with its role and environment). */
  apiKey: AuthenticatedApiKey | null;
  /** True when a credential was sent but did not authenticate (for the error message). */
  apiKeyRejected: boolean;
  /** The signed-in customer session (cookie, bearer access token, or connection payload). */
  session: SessionPrincipal | null;
  /** The customers' session cookie as sent, for calls that use it (refresh, sign out). */
  sessionCookie: PresentedCookie | null;
  /**
   * The signed-in operator (the `pennant-operator` cookie, from an origin that may use it).
   * Null when an API key authenticated the request: a credential sent on purpose wins over a
   * cookie the browser attached.
   */
  operator: AuthenticatedOperator | null;
  /** The operator cookie as sent (for sign-out, and to say why a cookie was not used). */
  operatorCookie: PresentedCookie | null;
  /**
   * Whether the request's origin may use cookies (the server's own, or PENNANT_ALLOWED_ORIGINS):
   * a sign-in answered to another origin would set a cookie for a page that may not use it.
   */
  originMayUseCookies: boolean;
}

const anonymous: Principal = {
  apiKey: null,
  apiKeyRejected: false,
  session: null,
  sessionCookie: null,
  operator: null,
  operatorCookie: null,
  originMayUseCookies: true,
};

/** The operator of a cookie its origin may use, or null. */
async function operatorOf(cookie: PresentedCookie | null): Promise<AuthenticatedOperator | null> {
  if (!cookie?.originAllowed) return null;
  return authenticateOperatorToken(cookie.value);
}

/**
 * An API key secret, with the rate limit on failures: a valid key is always served (so
 * failures sent from an address or with a key never lock a valid key out); an invalid one
 * counts against its key and its address, and past the limit the answer is RATE_LIMITED
 * instead of UNAUTHENTICATED, which slows guessing.
 */
export async function authenticateApiKey(
  secret: string,
  address: string,
): Promise<AuthenticatedApiKey | null> {
  const apiKey = await apiKeyAuthenticator.authenticate(secret);
  if (apiKey) return apiKey;
  await rateLimits.failedApiKey(secret, address);
  return null;
}

/** A customer session credential, or null when it does not authenticate. */
export async function authenticateSession(
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

function presentedCookie(request: Request, name: string, options: AuthOptions): PresentedCookie | null {
  const value = cookieOf(request, name);
  return value === undefined
    ? null
    : { value, originAllowed: originMayUseCookie(request, options.allowedOrigins) };
}

/**
 * HTTP (GraphQL, SSE): the session cookie (when its origin may use it) or a bearer access
 * token, and the API key of `Authorization: Bearer sk_…`. A bearer that is neither a valid
 * access token nor a valid key counts as a failed key. Throws RATE_LIMITED (see
 * `authenticateApiKey`).
 */
export async function authenticateRequest(
  request: Request,
  options: AuthOptions,
  openSeal?: SealOpener,
): Promise<Principal> {
  const sessionCookie = presentedCookie(request, options.cookieName, options);
  const operatorCookie = presentedCookie(request, operatorCookieName, options);
  let session: SessionPrincipal | null = null;
  if (sessionCookie?.originAllowed)
    session = await authenticateSession({ sealedSession: sessionCookie.value }, openSeal);
  const bearer = bearerTokenOf(request);
  const cookies = {
    sessionCookie,
    operatorCookie,
    originMayUseCookies: originMayUseCookie(request, options.allowedOrigins),
  };
  if (bearer === undefined)
    return { ...anonymous, session, ...cookies, operator: await operatorOf(operatorCookie) };
  const keyShaped = isApiKeySecretShape(bearer);
  if (!session && !keyShaped && isAccessTokenShape(bearer))
    session = await authenticateSession({ accessToken: bearer });
  if (session && !keyShaped)
    return { ...anonymous, session, ...cookies, operator: await operatorOf(operatorCookie) };
  const apiKey = await authenticateApiKey(bearer, clientAddressOf(request));
  const operator = apiKey ? null : await operatorOf(operatorCookie);
  return { ...anonymous, apiKey, apiKeyRejected: apiKey === null, session, ...cookies, operator };
}

function stringParam(params: Readonly<Record<string, unknown>> | undefined, name: string) {
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A graphql-ws connection, at `connection_init` (and again for each operation): `{ apiKey }`,
 * `{ accessToken }` or `{ sealedSession }` in the payload (browsers cannot set WebSocket
 * headers), else the session cookie or `Authorization: Bearer` on the upgrade request. Null
 * when a credential is missing or invalid, or a cookie comes from an origin that may not use
 * it: the caller closes the socket with 4403. Throws RATE_LIMITED like `authenticateApiKey`.
 */
export async function authenticateConnection(
  params: Readonly<Record<string, unknown>> | undefined,
  request: Request,
  options: AuthOptions,
  address: string,
): Promise<Principal | null> {
  const principal: Principal = { ...anonymous };
  const apiKey = stringParam(params, 'apiKey');
  const accessToken = stringParam(params, 'accessToken');
  const sealedSession = stringParam(params, 'sealedSession');
  if (apiKey !== undefined) {
    principal.apiKey = await authenticateApiKey(apiKey, address);
    if (!principal.apiKey) return null;
  }
  if (accessToken !== undefined || sealedSession !== undefined) {
    principal.session = await authenticateSession(
      accessToken !== undefined ? { accessToken } : { sealedSession },
    );
    if (!principal.session) return null;
  }
  if (principal.apiKey || principal.session) return principal;

  // Operators (the dashboard) subscribe with their cookie on the upgrade request; like the
  // customers' cookie, only from an origin that may use it.
  const operatorCookie = presentedCookie(request, operatorCookieName, options);
  if (operatorCookie) {
    if (!operatorCookie.originAllowed) return null;
    principal.operator = await operatorOf(operatorCookie);
  }
  const cookie = presentedCookie(request, options.cookieName, options);
  if (cookie) {
    if (!cookie.originAllowed) return null;
    principal.session = await authenticateSession({ sealedSession: cookie.value });
    return principal.session || principal.operator ? principal : null;
  }
  if (principal.operator) return principal;
  const bearer = bearerTokenOf(request);
  if (bearer === undefined) return null;
  if (!isApiKeySecretShape(bearer) && isAccessTokenShape(bearer)) {
    principal.session = await authenticateSession({ accessToken: bearer });
  } else {
    principal.apiKey = await authenticateApiKey(bearer, address);
  }
  return principal.apiKey || principal.session ? principal : null;
}

/**
 * REST: the API key of `Authorization: Bearer sk_…` (401 when missing or invalid), with the
 * role the method needs: reads (GET, HEAD) any role, everything else `member`.
 */
export async function requireApiKey(
  request: Request,
  secret = bearerTokenOf(request),
): Promise<AuthenticatedApiKey> {
  if (!secret) throw new UnauthenticatedError();
  const apiKey = await authenticateApiKey(secret, clientAddressOf(request));
  if (!apiKey) throw new UnauthenticatedError('The API key is not valid or has been revoked.');
  // The WorkOS REST routes read, or change what a member key may (targets, toggles, webhooks).
  authorize(
    { apiKey, operator: null },
    request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'editRules',
  );
  return apiKey;
}

/**
 * The customers' session cookie for a call that uses it (refreshSession, signOut): undefined
 * when none was sent; FORBIDDEN when it came from an origin that may not use it, so a page on
 * another site cannot refresh or end a visitor's session.
 */
export function usableSessionCookie(principal: Principal): string | undefined {
  const cookie = principal.sessionCookie;
  if (!cookie) return undefined;
  if (!cookie.originAllowed) {
    throw new ForbiddenError(
      'The session cookie may not be used from this origin; list the origin in PENNANT_ALLOWED_ORIGINS.',
    );
  }
  return cookie.value;
}

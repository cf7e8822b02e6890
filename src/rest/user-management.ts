import { requireApiKey } from '../auth/index.ts';
import { prisma } from '../db/index.ts';
import { directory } from '../domain/directory.ts';
import { refreshSession } from '../domain/refresh.ts';
import { publicJwksForEnvironment } from '../domain/sessions.ts';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import type { Environment, User } from '../generated/prisma/client.ts';
import { clientAddressOf } from '../http/request-context.ts';
import { errorCodeOf, sessionRefreshes } from '../metrics.ts';
import { json, type Route } from '../routes.ts';
import { rateLimits } from '../security/rate-limit.ts';
import { restRoute } from './http.ts';

/**
 * The session half of WorkOS's User Management API that the SDK's `refresh()` and
 * `authenticate()` use: the refresh-token grant and the JWKS that verifies access tokens.
 */
export function userManagementRoutes(): Route[] {
  return [
    restRoute('POST', '/user_management/authenticate', authenticate),
    restRoute('GET', '/sso/jwks/:clientId', async (_request, params) => {
      const environment = environmentOfClient(params.clientId ?? '');
      return json(await publicJwksForEnvironment(environment.id), 200, {
        'cache-control': 'public, max-age=60',
      });
    }),
  ];
}

/** An OAuth error body (`{ error, error_description }`), which the SDK raises as OauthException. */
class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }

  toResponse(): Response {
    return json({ error: this.error, error_description: this.message }, this.status);
  }
}

/** From memory (src/domain/directory.ts): the JWKS is read on every token verification. */
function environmentOfClient(clientId: string): Environment {
  const environment = clientId.startsWith('client_') ? directory.environmentOfClient(clientId) : undefined;
  if (!environment) throw new NotFoundError('Client', clientId);
  return environment;
}

/** JSON (what the SDK sends) or form-encoded (what OAuth clients usually send). */
async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  const text = await request.text();
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const body: unknown = text === '' ? {} : JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw new OAuthError(400, 'invalid_request', 'The body must be a JSON object.');
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OAuthError(400, 'invalid_request', `${name} must be a string.`);
  return value;
}

/**
 * `grant_type=refresh_token`: rotates the refresh token exactly like `refreshSession` and answers
 * WorkOS's authentication response. The client authenticates with its API key (`client_secret`,
 * or `Authorization: Bearer`), which must belong to the environment named by `client_id`.
 * The SDK sends an `Idempotency-Key` with every POST and reuses it when it retries: a retry
 * within the refresh grace window gets the same new refresh token instead of counting as a reuse.
 */
async function authenticate(request: Request): Promise<Response> {
  try {
    const body = await readBody(request);
    const grantType = stringField(body, 'grant_type');
    if (grantType !== 'refresh_token') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        'Pennant supports grant_type "refresh_token"; sessions start with the createSession mutation.',
      );
    }
    const clientId = stringField(body, 'client_id');
    if (!clientId) throw new OAuthError(400, 'invalid_request', 'client_id is required.');
    const environment = await prisma.environment.findUnique({ where: { clientId } });
    if (!environment) throw new OAuthError(400, 'invalid_client', 'client_id names no environment.');
    const apiKey = await clientKey(request, stringField(body, 'client_secret'));
    if (apiKey.environment.id !== environment.id) {
      throw new OAuthError(
        400,
        'invalid_client',
        'The API key belongs to another environment than client_id.',
      );
    }
    const refreshToken = stringField(body, 'refresh_token');
    if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'refresh_token is required.');
    // refreshSession's per-address limit. (Its per-session limit keys on the session id in the
    // seal; a bare refresh token names its session only after the lookup, and rotates anyway.)
    await rateLimits.refreshSession(null, clientAddressOf(request));
    // The SDK sends an Idempotency-Key with every POST. A retry needs no key to be recognized:
    // a refresh token spent within the grace window is answered with the same successor.
    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null && idempotencyKey.length > 255) {
      throw new BadUserInputError('Idempotency-Key', 'Idempotency-Key must be at most 255 characters.');
    }
    const { tokens } = await refreshSession({
      refreshToken,
      environmentId: environment.id,
      organizationId: stringField(body, 'organization_id') ?? null,
    }).catch((error: unknown) => {
      sessionRefreshes.inc({ outcome: errorCodeOf(error) });
      throw error;
    });
    sessionRefreshes.inc({ outcome: 'ok' });
    return json(
      {
        user: userWire(tokens.user),
        organization_id: tokens.organizationId,
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        // The user signed in through the application's own backend, which called createSession.
        authentication_method: 'ExternalAuth',
        // Not a WorkOS field: the SDK copies unknown fields into refresh()'s `session`, so code
        // can read `session.featureFlags` without decoding the access token.
        featureFlags: tokens.featureFlags,
      },
      200,
      { 'cache-control': 'no-store' },
    );
  } catch (error) {
    if (error instanceof OAuthError) return error.toResponse();
    throw error;
  }
}

/** The API key from `client_secret` or the bearer header; a wrong one is a 401. */
async function clientKey(request: Request, clientSecret: string | undefined) {
  if (clientSecret === undefined) return requireApiKey(request);
  const headerKey = request.headers.get('authorization') ? await requireApiKey(request) : undefined;
  const key = await requireApiKey(request, clientSecret);
  if (headerKey && headerKey.id !== key.id) {
    throw new UnauthenticatedError('client_secret and the Authorization header name different API keys.');
  }
  return key;
}

/** WorkOS's user object (snake_case), as the SDK's `deserializeUser` reads it. */
export function userWire(user: User) {
  return {
    object: 'user',
    id: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    first_name: user.firstName,
    last_name: user.lastName,
    name: [user.firstName, user.lastName].filter(Boolean).join(' ') || null,
    profile_picture_url: user.profilePictureUrl,
    last_sign_in_at: user.lastSignInAt?.toISOString() ?? null,
    locale: null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
    external_id: user.externalId,
    metadata: {},
  };
}

import type { Actor } from '../domain/actor.ts';
import type { AuthenticatedApiKey } from '../domain/api-keys.ts';
import type { SealOpener } from '../domain/seal.ts';
import type { SessionPrincipal } from '../domain/sessions.ts';

/** What every resolver knows about the request, for HTTP and WebSocket alike. */
export interface GraphQLContext {
  request: Request;
  /** The API key from `Authorization: Bearer sk_…`, when valid. */
  apiKey: AuthenticatedApiKey | null;
  /** True when a credential was sent but did not authenticate (for the error message). */
  apiKeyRejected: boolean;
  /**
   * The signed-in session: over WebSocket from `connection_init` (`accessToken` or
   * `sealedSession`) or the session cookie; over HTTP from the session cookie (when the
   * `Origin` may use it) or `Authorization: Bearer <access token>`.
   */
  session: SessionPrincipal | null;
  /** Extra response headers resolvers want sent (e.g. Set-Cookie from refreshSession). */
  responseHeaders: Headers;
  /** Opens a sealed session at most once per operation (see `sealOpener`). */
  openSeal: SealOpener;
}

export function actorOf(context: GraphQLContext): Actor {
  return { type: 'api_key', id: context.apiKey?.id ?? null };
}

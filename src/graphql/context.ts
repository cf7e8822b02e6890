import type { Principal } from '../auth/index.ts';
import type { Actor } from '../domain/actor.ts';
import type { SealOpener } from '../domain/seal.ts';

/**
 * What every resolver knows about the request, for HTTP and WebSocket alike: who it acts as
 * (from src/auth: the API key with its role, the customer session, the session cookie as sent)
 * and the request itself.
 */
export interface GraphQLContext extends Principal {
  request: Request;
  /** Extra response headers resolvers want sent (e.g. Set-Cookie from refreshSession). */
  responseHeaders: Headers;
  /** Opens a sealed session at most once per operation (see `sealOpener`). */
  openSeal: SealOpener;
}

/** Who a change is recorded as made by: the API key, else the signed-in operator. */
export function actorOf(context: GraphQLContext): Actor {
  if (!context.apiKey && context.operator) return { type: 'operator', id: context.operator.id };
  return { type: 'api_key', id: context.apiKey?.id ?? null };
}

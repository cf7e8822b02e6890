import type { AuthenticatedApiKey } from '../domain/api-keys.ts';
import { environmentForActor } from '../domain/environments.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { Environment } from '../generated/prisma/client.ts';
import type { GraphQLContext } from './context.ts';

/** The caller's API key; fields that call this also declare `authScopes: { apiKey: true }`. */
export function apiKeyOf(context: GraphQLContext): AuthenticatedApiKey {
  if (!context.apiKey) throw new UnauthenticatedError();
  return context.apiKey;
}

/**
 * The environment named by an argument, when the caller's key may act on it. The key's own
 * environment came with the (cached) key, so the usual case costs no database query: flag
 * reads are on the hot path.
 */
export function environmentArgument(context: GraphQLContext, slug: string): Promise<Environment> {
  const own = apiKeyOf(context).environment;
  if (own.slug === slug) return Promise.resolve(own);
  return environmentForActor(own.id, slug);
}

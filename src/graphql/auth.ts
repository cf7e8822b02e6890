import { type Action, authorize } from '../auth/authorize.ts';
import type { AuthenticatedApiKey } from '../domain/api-keys.ts';
import { directory } from '../domain/directory.ts';
import { findEnvironmentBySlug } from '../domain/environments.ts';
import { BadUserInputError } from '../errors.ts';
import type { Environment } from '../generated/prisma/client.ts';
import { unauthenticated } from './builder.ts';
import type { GraphQLContext } from './context.ts';

/**
 * Environments by slug from the in-memory directory (kept exact by the change feed): a page of
 * flags with `rule(environment:)` asks for the same environment once per flag. The database is
 * asked only for a slug the directory does not know (to answer NOT_FOUND).
 */
function environmentBySlug(slug: string): Environment | Promise<Environment> {
  return directory.environmentBySlug(slug) ?? findEnvironmentBySlug(slug);
}

/** The caller's API key, for the few fields about the key itself (`currentEnvironment`). */
export function apiKeyOf(context: GraphQLContext): AuthenticatedApiKey {
  if (context.apiKey) return context.apiKey;
  if (context.operator) {
    throw new BadUserInputError(
      'environment',
      'Operators belong to no environment: this field is for API keys; name the environment in the fields that take one.',
    );
  }
  throw unauthenticated(context);
}

/**
 * The environment a field acts on, once the caller may take `action` in it: the slug given, or
 * for an API key its own environment when none is given. Operators belong to no environment, so
 * they always name one (BAD_USER_INPUT naming `environment` otherwise). The key's own environment
 * came with the (cached) key, so the usual case costs no database query: flag reads are on the
 * hot path.
 */
export async function environmentFor(
  context: GraphQLContext,
  slug: string | null | undefined,
  action: Action,
): Promise<Environment> {
  let environment: Environment;
  if (context.apiKey && (slug === null || slug === undefined || slug === context.apiKey.environment.slug)) {
    environment = context.apiKey.environment;
  } else if (slug === null || slug === undefined) {
    if (!context.operator) throw unauthenticated(context);
    throw new BadUserInputError('environment', 'environment is required: name the environment (its slug).');
  } else {
    if (!context.apiKey && !context.operator) throw unauthenticated(context);
    environment = await environmentBySlug(slug);
  }
  authorize(context, action, environment);
  return environment;
}

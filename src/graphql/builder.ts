import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { prisma } from '../db/index.ts';
import {
  type ApiKeyRole,
  type AuthenticatedApiKey,
  apiKeyRoleAllows,
  roleRequiredError,
} from '../domain/api-keys.ts';
import { UnauthenticatedError } from '../errors.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { GraphQLContext } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  /**
   * `apiKey`: any valid key (reads, subscriptions); `apiKeyRole`: a key with at least that role
   * (READ_ONLY < MEMBER < ADMIN), else FORBIDDEN naming the role needed.
   */
  AuthScopes: { apiKey: boolean; apiKeyRole: ApiKeyRole };
  AuthContexts: {
    apiKey: GraphQLContext & { apiKey: AuthenticatedApiKey };
    apiKeyRole: GraphQLContext & { apiKey: AuthenticatedApiKey };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (context) => ({
      apiKey: context.apiKey !== null,
      apiKeyRole: (needed) => context.apiKey !== null && apiKeyRoleAllows(context.apiKey.role, needed),
    }),
    unauthorizedError: (_parent, context, _info, result) => {
      const needed = requiredRoleOf(result.failure);
      if (context.apiKey && needed) return roleRequiredError(needed, context.apiKey.role);
      return new UnauthenticatedError(
        context.apiKeyRejected
          ? 'The API key is not valid or has been revoked.'
          : 'A valid API key is required: send "Authorization: Bearer sk_…".',
      );
    },
  },
  prisma: {
    client: () => prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

/** The role an `apiKeyRole` scope asked for, found in a scope-auth failure. */
function requiredRoleOf(failure: AuthFailure): ApiKeyRole | undefined {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return failure.scope === 'apiKeyRole' ? (failure.parameter as ApiKeyRole) : undefined;
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      for (const inner of failure.failures) {
        const role = requiredRoleOf(inner);
        if (role) return role;
      }
      return undefined;
    default:
      return undefined;
  }
}

import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { type Action, refusal } from '../auth/authorize.ts';
import { prisma } from '../db/index.ts';
import { PennantError, UnauthenticatedError } from '../errors.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { GraphQLContext } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  /**
   * `may`: the caller (an API key or a signed-in operator) may take this action, as far as its
   * role tells (src/auth/authorize.ts); fields whose environment is an argument check it again
   * with the environment (`environmentFor`). Refused: FORBIDDEN naming the role needed, or
   * UNAUTHENTICATED without a credential.
   */
  AuthScopes: { may: Action };
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
      may: (action) => (context.apiKey !== null || context.operator !== null) && !refusal(context, action),
    }),
    unauthorizedError: (_parent, context, _info, result) => {
      const action = actionOf(result.failure);
      if ((context.apiKey || context.operator) && action) {
        return refusal(context, action) ?? new UnauthenticatedError();
      }
      return unauthenticated(context);
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

/** Why a request without a usable credential was refused. */
export function unauthenticated(context: GraphQLContext): PennantError {
  if (context.operatorCookie && !context.operatorCookie.originAllowed) {
    return new PennantError(
      'FORBIDDEN',
      'The operator cookie may not be used from this origin; list the origin in PENNANT_ALLOWED_ORIGINS.',
    );
  }
  if (context.apiKeyRejected)
    return new UnauthenticatedError('The API key is not valid or has been revoked.');
  if (context.operatorCookie) {
    return new UnauthenticatedError(
      'Your operator session has ended (signed out, expired or removed); sign in again.',
    );
  }
  return new UnauthenticatedError('A valid API key is required: send "Authorization: Bearer sk_…".');
}

/** The action a `may` scope asked for, found in a scope-auth failure. */
function actionOf(failure: AuthFailure): Action | undefined {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return failure.scope === 'may' ? (failure.parameter as Action) : undefined;
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      for (const inner of failure.failures) {
        const action = actionOf(inner);
        if (action) return action;
      }
      return undefined;
    default:
      return undefined;
  }
}

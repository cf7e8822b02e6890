import {
  type ApiKeyRole,
  type AuthenticatedApiKey,
  apiKeyRoleAllows,
  apiKeyRoleName,
} from '../domain/api-keys.ts';
import type { AuthenticatedOperator } from '../domain/operator-sessions.ts';
import { PennantError } from '../errors.ts';
import type { OperatorRole } from '../generated/prisma/enums.ts';

/**
 * The one place that decides what a principal may do: an action, in an environment when the
 * action is about one, for an API key (by its role and its environment) or an operator (by its
 * role, and for an EDITOR its environments). GraphQL's scope-auth scopes (src/graphql/builder.ts)
 * and the resolvers that learn the environment from an argument both ask it; a refusal is
 * FORBIDDEN with `extensions.requiredRole`.
 */

export type Action =
  /** Queries and subscriptions. */
  | 'read'
  /** The API keys of an environment (redacted). */
  | 'readKeys'
  /** Turning flags on and off, rules, organization and user targets, re-rolls. */
  | 'editRules'
  /** Creating and editing flag definitions (they span environments). */
  | 'editFlags'
  /** Organizations, users, memberships and sessions of an environment. */
  | 'manageIdentity'
  | 'manageWebhooks'
  | 'manageKeys'
  /** What reaches every environment: archiving or deleting a flag, creating an environment. */
  | 'administer'
  | 'readOperators'
  | 'manageOperators';

/** Who asks: the request's API key or operator (a customer session may do none of these). */
export interface Acting {
  apiKey: AuthenticatedApiKey | null;
  operator: AuthenticatedOperator | null;
}

/** The environment an action is about, when it is about one. */
export interface TargetEnvironment {
  id: string;
  slug: string;
}

/** What an API key needs, in its own environment (`null`: no key may, whatever its role). */
const keyRoleFor: Record<Action, ApiKeyRole | null> = {
  read: 'READ_ONLY',
  readKeys: 'READ_ONLY',
  editRules: 'MEMBER',
  editFlags: 'MEMBER',
  manageIdentity: 'MEMBER',
  manageWebhooks: 'MEMBER',
  manageKeys: 'MEMBER',
  administer: 'ADMIN',
  readOperators: null,
  manageOperators: null,
};

/** Actions an admin key may also take on another environment than its own. */
const keyActionsAcrossEnvironments: ReadonlySet<Action> = new Set(['readKeys', 'manageKeys']);

const operatorRank: Record<OperatorRole, number> = { VIEWER: 0, EDITOR: 1, ADMIN: 2, OWNER: 3 };

/** What an operator needs, in any environment (an EDITOR's rules: only in its own). */
const operatorRoleFor: Record<Action, OperatorRole> = {
  read: 'VIEWER',
  readKeys: 'VIEWER',
  editRules: 'EDITOR',
  editFlags: 'EDITOR',
  manageIdentity: 'ADMIN',
  manageWebhooks: 'ADMIN',
  manageKeys: 'ADMIN',
  administer: 'ADMIN',
  readOperators: 'ADMIN',
  manageOperators: 'OWNER',
};

function forbidden(message: string, requiredRole: string): PennantError {
  return new PennantError('FORBIDDEN', message, { requiredRole });
}

/**
 * Null when allowed, else the FORBIDDEN error to throw. Without `environment`, only the role is
 * checked (what a scope on a field can know before its arguments name an environment).
 */
export function refusal(
  acting: Acting,
  action: Action,
  environment?: TargetEnvironment,
): PennantError | null {
  if (acting.operator) return operatorRefusal(acting.operator, action, environment);
  if (acting.apiKey) return apiKeyRefusal(acting.apiKey, action, environment);
  return forbidden('This needs an API key or a signed-in operator.', 'viewer');
}

export function authorize(acting: Acting, action: Action, environment?: TargetEnvironment): void {
  const error = refusal(acting, action, environment);
  if (error) throw error;
}

function apiKeyRefusal(
  apiKey: AuthenticatedApiKey,
  action: Action,
  environment: TargetEnvironment | undefined,
): PennantError | null {
  const needed = keyRoleFor[action];
  if (needed === null) {
    return forbidden('Only a signed-in operator may do this; API keys cannot manage operators.', 'owner');
  }
  const otherEnvironment = environment !== undefined && environment.id !== apiKey.environment.id;
  if (otherEnvironment && !keyActionsAcrossEnvironments.has(action)) {
    return new PennantError(
      'FORBIDDEN',
      `This API key belongs to another environment and cannot act on ${JSON.stringify(environment.slug)}.`,
    );
  }
  const role = otherEnvironment ? 'ADMIN' : needed;
  if (apiKeyRoleAllows(apiKey.role, role)) return null;
  const what = otherEnvironment ? 'Acting on another environment’s keys needs' : 'This needs';
  return forbidden(
    `${what} an API key with the ${apiKeyRoleName(role)} role; this key is ${apiKeyRoleName(apiKey.role)}.`,
    apiKeyRoleName(role),
  );
}

function operatorRefusal(
  operator: AuthenticatedOperator,
  action: Action,
  environment: TargetEnvironment | undefined,
): PennantError | null {
  const needed = operatorRoleFor[action];
  if (operatorRank[operator.role] < operatorRank[needed]) {
    return forbidden(
      `This needs an operator with the ${needed.toLowerCase()} role; you are ${operator.role.toLowerCase()}.`,
      needed.toLowerCase(),
    );
  }
  if (
    operator.role === 'EDITOR' &&
    action === 'editRules' &&
    environment !== undefined &&
    !operator.environments.includes(environment.slug)
  ) {
    return forbidden(
      `An editor changes rules only in the environments it is given (${operator.environments.join(', ') || 'none'}); ${JSON.stringify(environment.slug)} needs the admin role or an owner giving it to you.`,
      'admin',
    );
  }
  return null;
}

/** Keys are made and revoked only up to the maker's own role; operators who manage keys: any. */
export function authorizeKeyRole(acting: Acting, role: ApiKeyRole, what: string): void {
  if (acting.operator || !acting.apiKey) return;
  if (!apiKeyRoleAllows(acting.apiKey.role, role)) {
    throw forbidden(
      `${what} needs an API key with the ${apiKeyRoleName(role)} role; this key is ${apiKeyRoleName(acting.apiKey.role)}.`,
      apiKeyRoleName(role),
    );
  }
}

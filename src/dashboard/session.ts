import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { OperatorRole } from './gql/graphql.ts';

export interface SessionOperator {
  id: string;
  email: string;
  role: OperatorRole;
  environments: string[];
}

export interface SessionEnvironment {
  id: string;
  slug: string;
  name: string;
  kind: string;
  clientId: string;
}

export interface Session {
  operator: SessionOperator;
  environments: SessionEnvironment[];
  /** Reads the operator and environments again (after sign-in, or an environment was made). */
  reload(): Promise<void>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/**
 * What the role allows, as the server enforces it (the contract of operator roles); the page
 * only hides or disables what would be refused anyway.
 */
export function permissions(operator: SessionOperator) {
  const admin = operator.role === 'OWNER' || operator.role === 'ADMIN';
  return {
    /** Toggles, organization and user targets, rules: admins everywhere, editors in their environments. */
    canChangeRules: (environment: string) =>
      admin || (operator.role === 'EDITOR' && operator.environments.includes(environment)),
    /** Create and edit flag definitions. */
    canDefineFlags: admin || operator.role === 'EDITOR',
    /** Delete flags, manage API keys and webhooks. */
    isAdmin: admin,
    isOwner: operator.role === 'OWNER',
    readOnly: operator.role === 'VIEWER',
  };
}

export function usePermissions() {
  return permissions(useSession().operator);
}

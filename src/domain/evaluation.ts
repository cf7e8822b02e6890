import type { OrganizationRule } from '../generated/prisma/enums.ts';

/** What decides a flag for an organization in one environment. */
export interface RuleState {
  enabled: boolean;
  organizationRule: OrganizationRule;
  organizationIds: ReadonlySet<string>;
}

/**
 * The one evaluation function: a flag is enabled for an organization in an environment exactly
 * when its rule there is enabled and targets all organizations, or some including this one.
 * Queries, access tokens, REST answers and change notifications all decide through it.
 */
export function isFlagEnabledForOrganization(rule: RuleState, organizationId: string): boolean {
  if (!rule.enabled) return false;
  switch (rule.organizationRule) {
    case 'ALL':
      return true;
    case 'SOME':
      return rule.organizationIds.has(organizationId);
    case 'NONE':
      return false;
  }
}

/**
 * A rule as events record it (`before`/`after` of flag.toggled and rule.updated): enough to
 * evaluate the rule without reading the database. A type, not an interface, so that it is
 * assignable to Prisma's JSON values (the event log stores it).
 */
export type RuleSnapshot = {
  ruleId: string;
  flagId: string;
  flagSlug: string;
  environmentId: string;
  enabled: boolean;
  organizationRule: OrganizationRule;
  organizationIds: string[];
  version: number;
};

export function ruleStateOf(snapshot: RuleSnapshot): RuleState {
  return {
    enabled: snapshot.enabled,
    organizationRule: snapshot.organizationRule,
    organizationIds: new Set(snapshot.organizationIds),
  };
}

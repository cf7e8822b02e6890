import { createHash } from 'node:crypto';
import type { OrganizationRule } from '../generated/prisma/enums.ts';

/** What decides a flag for an organization and a user in one environment. */
export interface RuleState {
  enabled: boolean;
  organizationRule: OrganizationRule;
  /** The chosen organizations: the SOME list, and those always in a PERCENTAGE rollout. */
  organizationIds: ReadonlySet<string>;
  /** The PERCENTAGE rule's share in basis points (0–10000). */
  percentageBasisPoints: number;
  rolloutSalt: string;
  /** Users the flag is on for (while enabled), whatever the organization rule. */
  userIds: ReadonlySet<string>;
}

/** One bucket per basis point: a percentage with two decimals is a whole number of buckets. */
export const rolloutBuckets = 10_000;

const maxMemoizedBuckets = 200_000;
const memoizedBuckets = new Map<string, number>();

/**
 * An organization's bucket (0–9999) in a rollout: the first 4 bytes of SHA-256(`salt:id`) as an
 * unsigned integer, mod 10,000. A cryptographic hash because it spreads any id format uniformly
 * (ids share long prefixes, which simple string hashes cluster on) and is the same in every
 * process, language and release, which is what makes a rollout sticky. 2^32 mod 10,000 leaves a
 * bias below 10,000 / 2^32 per bucket, far below anything a share could show. Memoized, bounded,
 * since every rule change a subscriber sees re-asks for the same pairs.
 */
export function rolloutBucket(rolloutSalt: string, organizationId: string): number {
  const key = `${rolloutSalt}:${organizationId}`;
  const known = memoizedBuckets.get(key);
  if (known !== undefined) return known;
  const bucket = createHash('sha256').update(key).digest().readUInt32BE(0) % rolloutBuckets;
  if (memoizedBuckets.size >= maxMemoizedBuckets) memoizedBuckets.clear();
  memoizedBuckets.set(key, bucket);
  return bucket;
}

/**
 * Whether the organization rule alone turns the flag on for the organization (ignoring `enabled`
 * and user targets): ALL, SOME and chosen, or PERCENTAGE and chosen or in a bucket below the
 * share. Raising the share only adds buckets, lowering it only removes them: a rollout is
 * monotonic, and sticky while the salt stays.
 */
export function organizationRuleMatches(rule: RuleState, organizationId: string): boolean {
  switch (rule.organizationRule) {
    case 'ALL':
      return true;
    case 'SOME':
      return rule.organizationIds.has(organizationId);
    case 'PERCENTAGE':
      return (
        rule.organizationIds.has(organizationId) ||
        (rule.percentageBasisPoints > 0 &&
          rolloutBucket(rule.rolloutSalt, organizationId) < rule.percentageBasisPoints)
      );
    case 'NONE':
      return false;
  }
}

/**
 * The one evaluation function: a flag is on for a user of an organization in an environment
 * exactly when its rule there is enabled and (the user is targeted, or the organization rule
 * matches the organization). Without a user (an organization's own answer) only the organization
 * rule counts. Queries, access tokens, REST answers, the runtime poll, webhooks and change
 * notifications all decide through it.
 */
export function isFlagEnabled(rule: RuleState, organizationId: string, userId: string | null): boolean {
  if (!rule.enabled) return false;
  if (userId !== null && rule.userIds.has(userId)) return true;
  return organizationRuleMatches(rule, organizationId);
}

/**
 * What every organization gets when it is not chosen and no targeted user asks (WorkOS's
 * `default_value`): on exactly for ALL, or a rollout at 100 %.
 */
export function organizationRuleCoversEveryone(
  rule: Pick<RuleState, 'organizationRule'> & { percentageBasisPoints?: number },
): boolean {
  return (
    rule.organizationRule === 'ALL' ||
    (rule.organizationRule === 'PERCENTAGE' && (rule.percentageBasisPoints ?? 0) >= rolloutBuckets)
  );
}

/** The organization's own answer, with no user. */
export function isFlagEnabledForOrganization(rule: RuleState, organizationId: string): boolean {
  return isFlagEnabled(rule, organizationId, null);
}

/**
 * A rule as events record it (`before`/`after` of flag.toggled and rule.updated): enough to
 * evaluate the rule without reading the database. A type, not an interface, so that it is
 * assignable to Prisma's JSON values (the event log stores it). Events written before user
 * targets and rollouts existed lack the last three fields; `ruleStateOf` reads them as empty.
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
  /** 0–10000. */
  percentageBasisPoints: number;
  rolloutSalt: string;
  userIds: string[];
};

export function ruleStateOf(snapshot: RuleSnapshot): RuleState {
  return {
    enabled: snapshot.enabled,
    organizationRule: snapshot.organizationRule,
    organizationIds: new Set(snapshot.organizationIds),
    percentageBasisPoints: snapshot.percentageBasisPoints ?? 0,
    rolloutSalt: snapshot.rolloutSalt ?? '',
    userIds: new Set(snapshot.userIds ?? []),
  };
}

/** The percentage (0–100, two decimals) a number of basis points stands for. */
export function percentageOf(basisPoints: number): number {
  return basisPoints / 100;
}

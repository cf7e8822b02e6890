import { randomUUID } from 'node:crypto';
import { prisma, type Transaction } from '../db/index.ts';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.ts';
import type { OrganizationRule } from '../generated/prisma/enums.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import type { RuleSnapshot } from './evaluation.ts';
import { recordEvent } from './events.ts';
import { commitChange } from './transaction.ts';
import { isSlug } from './validation.ts';

export const ruleSnapshotSelect = {
  id: true,
  flagId: true,
  environmentId: true,
  enabled: true,
  organizationRule: true,
  percentageBasisPoints: true,
  rolloutSalt: true,
  version: true,
  flag: { select: { slug: true } },
  organizations: { select: { organizationId: true }, orderBy: { organizationId: 'asc' } },
  users: { select: { userId: true }, orderBy: { userId: 'asc' } },
} as const;

type RuleSnapshotRow = {
  id: string;
  flagId: string;
  environmentId: string;
  enabled: boolean;
  organizationRule: OrganizationRule;
  percentageBasisPoints: number;
  rolloutSalt: string;
  version: number;
  flag: { slug: string };
  organizations: { organizationId: string }[];
  users: { userId: string }[];
};

export function toRuleSnapshot(row: RuleSnapshotRow): RuleSnapshot {
  return {
    ruleId: row.id,
    flagId: row.flagId,
    flagSlug: row.flag.slug,
    environmentId: row.environmentId,
    enabled: row.enabled,
    organizationRule: row.organizationRule,
    organizationIds: row.organizations.map((o) => o.organizationId),
    version: row.version,
    percentageBasisPoints: row.percentageBasisPoints,
    rolloutSalt: row.rolloutSalt,
    userIds: row.users.map((u) => u.userId),
  };
}

/**
 * A flag exists in every environment: each new (flag, environment) pair, from a new flag or a
 * new environment, gets its rule, disabled and for no organization until someone changes it.
 */
export async function createDisabledRules(
  tx: Transaction,
  actor: Actor,
  pairs: readonly { flagId: string; environmentId: string }[],
): Promise<void> {
  if (pairs.length === 0) return;
  await tx.featureFlagRule.createMany({
    data: pairs.map(({ flagId, environmentId }) => ({
      id: newId('rule'),
      flagId,
      environmentId,
      updatedById: actor.id,
    })),
  });
}

/** A rule as the API shows it: its snapshot, and when and by whom it last changed. */
export interface RuleView extends RuleSnapshot {
  updatedAt: Date;
  updatedById: string | null;
}

export const ruleViewSelect = { ...ruleSnapshotSelect, updatedAt: true, updatedById: true } as const;

export function toRuleView(row: RuleSnapshotRow & { updatedAt: Date; updatedById: string | null }): RuleView {
  return { ...toRuleSnapshot(row), updatedAt: row.updatedAt, updatedById: row.updatedById };
}

/** The rules of many flags in one environment, with one query; keyed by flag id. */
export async function findRulesOfFlags(
  flagIds: readonly string[],
  environmentId: string,
): Promise<Map<string, RuleView>> {
  const rows = await prisma.featureFlagRule.findMany({
    where: { environmentId, flagId: { in: [...flagIds] } },
    select: ruleViewSelect,
  });
  return new Map(rows.map((row) => [row.flagId, toRuleView(row)]));
}

interface RuleChange {
  enabled?: boolean;
  organizationRule?: OrganizationRule;
  organizationIds?: readonly string[];
  percentageBasisPoints?: number;
  rolloutSalt?: string;
  userIds?: readonly string[];
}

export const maxOrganizationsPerRule = 10_000;
export const maxUsersPerRule = 10_000;

/** Input field names for BAD_USER_INPUT, per caller (GraphQL and REST name them differently). */
interface ChangeFields {
  organizations?: string;
  users?: string;
}

/**
 * Every change to a rule goes through here: the rule row is locked (so concurrent edits
 * serialize instead of losing one another), `expectedVersion` is checked against the locked
 * row, and the before and after states go into the event. A change that changes nothing
 * writes nothing.
 */
async function changeRule(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  eventType: 'flag.toggled' | 'rule.updated',
  expectedVersion: number | null | undefined,
  decide: (current: RuleSnapshot) => RuleChange,
  fields: ChangeFields = {},
): Promise<RuleView> {
  if (!isSlug(flagSlug)) throw new NotFoundError('Feature flag', flagSlug);
  return commitChange(async (tx) => {
    const located = await tx.featureFlagRule.findFirst({
      where: { environmentId, flag: { slug: flagSlug } },
      select: { id: true },
    });
    if (!located) throw new NotFoundError('Feature flag', flagSlug);
    await tx.$queryRaw`SELECT 1 FROM "FeatureFlagRule" WHERE "id" = ${located.id} FOR UPDATE`;
    const current = await tx.featureFlagRule.findUniqueOrThrow({
      where: { id: located.id },
      select: { ...ruleViewSelect, flag: { select: { slug: true, archivedAt: true } } },
    });
    // Read after the lock, so archiving (which locks every rule of the flag) cannot slip between.
    if (current.flag.archivedAt) {
      throw new BadUserInputError(
        'slug',
        `Flag ${JSON.stringify(flagSlug)} is archived: unarchive it before changing its rules.`,
      );
    }
    const before = toRuleSnapshot(current);
    if (expectedVersion != null && expectedVersion !== before.version) {
      throw new ConflictError(
        `The rule is at version ${before.version}, not ${expectedVersion}: someone changed it first. Reload and retry.`,
        { currentVersion: before.version },
      );
    }
    const change = decide(before);
    const organizationIds = [...new Set(change.organizationIds ?? before.organizationIds)].sort();
    const userIds = [...new Set(change.userIds ?? before.userIds)].sort();
    const after: RuleSnapshot = {
      ...before,
      enabled: change.enabled ?? before.enabled,
      organizationRule: change.organizationRule ?? before.organizationRule,
      organizationIds,
      percentageBasisPoints: change.percentageBasisPoints ?? before.percentageBasisPoints,
      rolloutSalt: change.rolloutSalt ?? before.rolloutSalt,
      userIds,
      version: before.version + 1,
    };
    if (
      after.enabled === before.enabled &&
      after.organizationRule === before.organizationRule &&
      after.percentageBasisPoints === before.percentageBasisPoints &&
      after.rolloutSalt === before.rolloutSalt &&
      sameIds(after.organizationIds, before.organizationIds) &&
      sameIds(after.userIds, before.userIds)
    ) {
      return toRuleView(current);
    }
    await checkTargetsInEnvironment(
      tx,
      'organization',
      fields.organizations ?? 'organizationIds',
      environmentId,
      organizationIds,
      before.organizationIds,
    );
    await checkTargetsInEnvironment(
      tx,
      'user',
      fields.users ?? 'userId',
      environmentId,
      userIds,
      before.userIds,
    );
    const updatedAt = new Date();
    await tx.featureFlagRule.update({
      where: { id: before.ruleId },
      data: {
        enabled: after.enabled,
        organizationRule: after.organizationRule,
        percentageBasisPoints: after.percentageBasisPoints,
        rolloutSalt: after.rolloutSalt,
        version: after.version,
        updatedAt,
        updatedById: actor.id,
      },
    });
    await replaceTargets(
      before.userIds,
      after.userIds,
      (removed) =>
        tx.featureFlagRuleUser.deleteMany({ where: { ruleId: before.ruleId, userId: { in: removed } } }),
      (added) =>
        tx.featureFlagRuleUser.createMany({
          data: added.map((userId) => ({ ruleId: before.ruleId, userId })),
        }),
    );
    await replaceTargets(
      before.organizationIds,
      after.organizationIds,
      (removed) =>
        tx.featureFlagRuleOrganization.deleteMany({
          where: { ruleId: before.ruleId, organizationId: { in: removed } },
        }),
      (added) =>
        tx.featureFlagRuleOrganization.createMany({
          data: added.map((organizationId) => ({ ruleId: before.ruleId, organizationId })),
        }),
    );
    await recordEvent(tx, {
      type: eventType,
      actor,
      environmentId,
      flagId: before.flagId,
      flagSlug: before.flagSlug,
      before,
      after,
      at: updatedAt,
    });
    return { ...after, updatedAt, updatedById: actor.id };
  });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** Writes only the difference between two sorted target lists. */
async function replaceTargets(
  before: readonly string[],
  after: readonly string[],
  remove: (ids: string[]) => Promise<unknown>,
  add: (ids: string[]) => Promise<unknown>,
): Promise<void> {
  const previous = new Set(before);
  const next = new Set(after);
  const removed = before.filter((id) => !next.has(id));
  const added = after.filter((id) => !previous.has(id));
  if (removed.length > 0) await remove(removed);
  if (added.length > 0) await add(added);
}

const targetKinds = {
  organization: {
    max: maxOrganizationsPerRule,
    tooMany: `A rule may choose at most ${maxOrganizationsPerRule} organizations.`,
    unknown: (plural: string) => `Unknown organization${plural}`,
  },
  user: {
    max: maxUsersPerRule,
    tooMany: `A rule may target at most ${maxUsersPerRule} users.`,
    unknown: (plural: string) => `Unknown user${plural} in this environment`,
  },
} as const;

/**
 * The organizations or users a rule targets must be of the rule's environment (one of another
 * environment is as unknown as a made-up id); those it already targets are not looked up again.
 * FOR KEY SHARE: a row deleted meanwhile would otherwise vanish between this check and the
 * insert (a foreign-key failure, i.e. an internal error); now its deletion waits for this
 * change, then removes it from the rule like any other.
 */
async function checkTargetsInEnvironment(
  tx: Transaction,
  kind: keyof typeof targetKinds,
  field: string,
  environmentId: string,
  ids: readonly string[],
  alreadyTargeted: readonly string[],
): Promise<void> {
  const { max, tooMany, unknown } = targetKinds[kind];
  if (ids.length > max) throw new BadUserInputError(field, tooMany);
  const known = new Set(alreadyTargeted);
  const toCheck = ids.filter((id) => !known.has(id));
  if (toCheck.length === 0) return;
  const found =
    kind === 'organization'
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Organization"
          WHERE "id" = ANY(${toCheck}) AND "environmentId" = ${environmentId} FOR KEY SHARE`
      : await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "User"
          WHERE "id" = ANY(${toCheck}) AND "environmentId" = ${environmentId} FOR KEY SHARE`;
  const foundIds = new Set(found.map((row) => row.id));
  const missing = toCheck.filter((id) => !foundIds.has(id));
  if (missing.length > 0) {
    throw new BadUserInputError(
      field,
      `${unknown(missing.length > 1 ? 's' : '')}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`,
    );
  }
}

export function setFeatureFlagEnabled(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  enabled: boolean,
  expectedVersion?: number | null,
): Promise<RuleView> {
  return changeRule(actor, flagSlug, environmentId, 'flag.toggled', expectedVersion, () => ({
    enabled,
  }));
}

/**
 * Sets the organization rule. `organizationIds` replaces the chosen organizations (kept while
 * the rule is NONE or ALL, so switching back to SOME restores them); omitted, they stay.
 * `percentageBasisPoints` (0–10000, validated by the caller's edge with `validPercentage`) is
 * required for PERCENTAGE and kept while the rule is something else.
 */
export function setOrganizationRule(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  organizationRule: OrganizationRule,
  organizationIds: readonly string[] | null | undefined,
  expectedVersion?: number | null,
  percentageBasisPoints?: number | null,
): Promise<RuleView> {
  if (organizationRule === 'PERCENTAGE' && percentageBasisPoints == null) {
    throw new BadUserInputError('percentage', 'A PERCENTAGE rule needs a percentage (0–100).');
  }
  if (
    percentageBasisPoints != null &&
    (!Number.isInteger(percentageBasisPoints) || percentageBasisPoints < 0 || percentageBasisPoints > 10_000)
  ) {
    throw new BadUserInputError('percentage', 'The percentage must be between 0 and 100.');
  }
  return changeRule(actor, flagSlug, environmentId, 'rule.updated', expectedVersion, () => ({
    organizationRule,
    ...(organizationIds != null ? { organizationIds } : {}),
    ...(percentageBasisPoints != null ? { percentageBasisPoints } : {}),
  }));
}

/**
 * A new random salt for the rule's rollout: a different set of organizations at the same
 * percentage. Only this call changes a salt, so a rollout never reshuffles by accident.
 */
export function rerollFeatureFlagRollout(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  expectedVersion?: number | null,
): Promise<RuleView> {
  return changeRule(actor, flagSlug, environmentId, 'rule.updated', expectedVersion, () => ({
    rolloutSalt: randomUUID(),
  }));
}

/** Chooses one more organization. A rule that chose none (NONE) becomes SOME. */
export function addFeatureFlagOrganization(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  organizationId: string,
): Promise<RuleView> {
  return changeRule(
    actor,
    flagSlug,
    environmentId,
    'rule.updated',
    null,
    (current) => ({
      organizationRule: current.organizationRule === 'NONE' ? 'SOME' : current.organizationRule,
      organizationIds: [...current.organizationIds, organizationId],
    }),
    { organizations: 'organizationId' },
  );
}

export function removeFeatureFlagOrganization(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  organizationId: string,
): Promise<RuleView> {
  return changeRule(actor, flagSlug, environmentId, 'rule.updated', null, (current) => ({
    organizationIds: current.organizationIds.filter((id) => id !== organizationId),
  }));
}

/** Turns the flag on for one more user (while the rule is enabled), whatever their organization. */
export function addFeatureFlagUser(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  userId: string,
  field = 'userId',
): Promise<RuleView> {
  return changeRule(
    actor,
    flagSlug,
    environmentId,
    'rule.updated',
    null,
    (current) => ({ userIds: [...current.userIds, userId] }),
    { users: field },
  );
}

export function removeFeatureFlagUser(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  userId: string,
): Promise<RuleView> {
  return changeRule(actor, flagSlug, environmentId, 'rule.updated', null, (current) => ({
    userIds: current.userIds.filter((id) => id !== userId),
  }));
}

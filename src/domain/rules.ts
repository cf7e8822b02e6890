import { prisma, type Transaction } from '../db/index.ts';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors.ts';
import type { OrganizationRule } from '../generated/prisma/enums.ts';
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
  version: true,
  flag: { select: { slug: true } },
  organizations: { select: { organizationId: true }, orderBy: { organizationId: 'asc' } },
} as const;

type RuleSnapshotRow = {
  id: string;
  flagId: string;
  environmentId: string;
  enabled: boolean;
  organizationRule: OrganizationRule;
  version: number;
  flag: { slug: string };
  organizations: { organizationId: string }[];
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
  };
}

/** A rule as the API shows it: its snapshot, and when and by whom it last changed. */
export interface RuleView extends RuleSnapshot {
  updatedAt: Date;
  updatedById: string | null;
}

const ruleViewSelect = { ...ruleSnapshotSelect, updatedAt: true, updatedById: true } as const;

function toRuleView(row: RuleSnapshotRow & { updatedAt: Date; updatedById: string | null }): RuleView {
  return { ...toRuleSnapshot(row), updatedAt: row.updatedAt, updatedById: row.updatedById };
}

export async function findRule(flagSlug: string, environmentId: string): Promise<RuleView> {
  if (!isSlug(flagSlug)) throw new NotFoundError('Feature flag', flagSlug);
  const row = await prisma.featureFlagRule.findFirst({
    where: { environmentId, flag: { slug: flagSlug } },
    select: ruleViewSelect,
  });
  if (!row) throw new NotFoundError('Feature flag', flagSlug);
  return toRuleView(row);
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
}

export const maxOrganizationsPerRule = 10_000;

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
  /** The input field that named the organizations, for BAD_USER_INPUT. */
  organizationsField = 'organizationIds',
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
      select: ruleViewSelect,
    });
    const before = toRuleSnapshot(current);
    if (expectedVersion != null && expectedVersion !== before.version) {
      throw new ConflictError(
        `The rule is at version ${before.version}, not ${expectedVersion}: someone changed it first. Reload and retry.`,
        { currentVersion: before.version },
      );
    }
    const change = decide(before);
    const organizationIds = [...new Set(change.organizationIds ?? before.organizationIds)].sort();
    const after: RuleSnapshot = {
      ...before,
      enabled: change.enabled ?? before.enabled,
      organizationRule: change.organizationRule ?? before.organizationRule,
      organizationIds,
      version: before.version + 1,
    };
    if (
      after.enabled === before.enabled &&
      after.organizationRule === before.organizationRule &&
      sameIds(after.organizationIds, before.organizationIds)
    ) {
      return toRuleView(current);
    }
    await checkOrganizationsExist(
      tx,
      environmentId,
      organizationsField,
      organizationIds,
      before.organizationIds,
    );
    const updatedAt = new Date();
    await tx.featureFlagRule.update({
      where: { id: before.ruleId },
      data: {
        enabled: after.enabled,
        organizationRule: after.organizationRule,
        version: after.version,
        updatedAt,
        updatedById: actor.id,
      },
    });
    const previous = new Set(before.organizationIds);
    const next = new Set(after.organizationIds);
    const removed = before.organizationIds.filter((id) => !next.has(id));
    const added = after.organizationIds.filter((id) => !previous.has(id));
    if (removed.length > 0) {
      await tx.featureFlagRuleOrganization.deleteMany({
        where: { ruleId: before.ruleId, organizationId: { in: removed } },
      });
    }
    if (added.length > 0) {
      await tx.featureFlagRuleOrganization.createMany({
        data: added.map((organizationId) => ({ ruleId: before.ruleId, organizationId })),
      });
    }
    await recordEvent(tx, {
      type: eventType,
      actor,
      environmentId,
      flagId: before.flagId,
      flagSlug: before.flagSlug,
      before,
      after,
    });
    return { ...after, updatedAt, updatedById: actor.id };
  });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** The organizations a rule chooses must be of the rule's environment (others are unknown). */
async function checkOrganizationsExist(
  tx: Transaction,
  environmentId: string,
  field: string,
  organizationIds: readonly string[],
  alreadyChosen: readonly string[],
): Promise<void> {
  if (organizationIds.length > maxOrganizationsPerRule) {
    throw new BadUserInputError(field, `A rule may choose at most ${maxOrganizationsPerRule} organizations.`);
  }
  const known = new Set(alreadyChosen);
  const toCheck = organizationIds.filter((id) => !known.has(id));
  if (toCheck.length === 0) return;
  // FOR KEY SHARE: an organization deleted meanwhile would otherwise vanish between this check
  // and the insert below (a foreign-key failure, i.e. an internal error); now its deletion waits
  // for this change, then removes it from the rule like any other.
  const found = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Organization"
    WHERE "id" = ANY(${toCheck}) AND "environmentId" = ${environmentId}
    FOR KEY SHARE`;
  const foundIds = new Set(found.map((o) => o.id));
  const missing = toCheck.filter((id) => !foundIds.has(id));
  if (missing.length > 0) {
    throw new BadUserInputError(
      field,
      `Unknown organization${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`,
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
 */
export function setOrganizationRule(
  actor: Actor,
  flagSlug: string,
  environmentId: string,
  organizationRule: OrganizationRule,
  organizationIds: readonly string[] | null | undefined,
  expectedVersion?: number | null,
): Promise<RuleView> {
  return changeRule(actor, flagSlug, environmentId, 'rule.updated', expectedVersion, () => ({
    organizationRule,
    ...(organizationIds != null ? { organizationIds } : {}),
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
    'organizationId',
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

import { prisma } from '../db/index.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { FeatureFlag } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import type { ArchivableFlagRecord } from './event-catalogue.ts';
import { recordEvent } from './events.ts';
import { createDisabledRules, ruleSnapshotSelect, toRuleSnapshot } from './rules.ts';
import { commitChange } from './transaction.ts';
import { isSlug, validDescription, validName, validSlug, validTags } from './validation.ts';

export function flagRecord(flag: FeatureFlag) {
  return {
    id: flag.id,
    slug: flag.slug,
    name: flag.name,
    description: flag.description,
    tags: flag.tags,
  };
}

function archivableFlagRecord(flag: FeatureFlag): ArchivableFlagRecord {
  return { ...flagRecord(flag), archivedAt: flag.archivedAt?.toISOString() ?? null };
}

export async function findFlagBySlug(slug: string): Promise<FeatureFlag> {
  const flag = isSlug(slug) ? await prisma.featureFlag.findUnique({ where: { slug } }) : null;
  if (!flag) throw new NotFoundError('Feature flag', slug);
  return flag;
}

export interface CreateFlagInput {
  slug: string;
  name: string;
  description?: string | null;
  tags?: readonly string[] | null;
}

/** A new flag gets a rule in every environment: disabled, organization rule NONE. */
export function createFeatureFlag(actor: Actor, input: CreateFlagInput): Promise<FeatureFlag> {
  const data = {
    slug: validSlug('slug', input.slug),
    name: validName('name', input.name),
    description: validDescription('description', input.description ?? ''),
    tags: validTags('tags', input.tags ?? []),
  };
  return commitChange(async (tx) => {
    const flag = await tx.featureFlag.create({ data: { id: newId('flag'), ...data } });
    const environments = await tx.environment.findMany({ select: { id: true } });
    await createDisabledRules(
      tx,
      actor,
      environments.map((environment) => ({ flagId: flag.id, environmentId: environment.id })),
    );
    await recordEvent(tx, {
      type: 'flag.created',
      actor,
      flagId: flag.id,
      flagSlug: flag.slug,
      after: flagRecord(flag),
    });
    return flag;
  });
}

export interface UpdateFlagInput {
  name?: string | null;
  description?: string | null;
  tags?: readonly string[] | null;
}

/** The slug is a flag's identity in code and tokens, so it never changes. */
export function updateFeatureFlag(actor: Actor, slug: string, input: UpdateFlagInput): Promise<FeatureFlag> {
  const data: { name?: string; description?: string; tags?: string[] } = {};
  if (input.name != null) data.name = validName('name', input.name);
  if (input.description != null) data.description = validDescription('description', input.description);
  if (input.tags != null) data.tags = validTags('tags', input.tags);
  if (!isSlug(slug)) throw new NotFoundError('Feature flag', slug);
  return commitChange(async (tx) => {
    const before = await tx.featureFlag.findUnique({ where: { slug } });
    if (!before) throw new NotFoundError('Feature flag', slug);
    const after = await tx.featureFlag.update({ where: { id: before.id }, data });
    await recordEvent(tx, {
      type: 'flag.updated',
      actor,
      flagId: after.id,
      flagSlug: after.slug,
      before: flagRecord(before),
      after: flagRecord(after),
    });
    return after;
  });
}

/**
 * The event keeps the flag and its rule in every environment as they were, so subscribers can
 * tell which organizations just lost it.
 */
export async function deleteFeatureFlag(actor: Actor, slug: string): Promise<FeatureFlag> {
  if (!isSlug(slug)) throw new NotFoundError('Feature flag', slug);
  return commitChange(async (tx) => {
    const flag = await tx.featureFlag.findUnique({ where: { slug } });
    if (!flag) throw new NotFoundError('Feature flag', slug);
    const rules = await tx.featureFlagRule.findMany({
      where: { flagId: flag.id },
      select: ruleSnapshotSelect,
    });
    await tx.featureFlag.delete({ where: { id: flag.id } });
    // One event per environment, each with that environment's rule only: an event every
    // environment can read (environmentId null) would show every environment's rule (production's
    // organizations to a sandbox key). Subscriptions and webhooks of each environment follow its own.
    for (const rule of rules) {
      await recordEvent(tx, {
        type: 'flag.deleted',
        actor,
        environmentId: rule.environmentId,
        flagId: flag.id,
        flagSlug: flag.slug,
        before: { ...flagRecord(flag), rules: [toRuleSnapshot(rule)] },
      });
    }
    return flag;
  });
}

/**
 * Archives a flag: it leaves the default listing and its rules are frozen (`changeRule` refuses
 * any change) until it is unarchived; it keeps its rules, organizations and history, and the
 * WorkOS routes answer for it as for any disabled flag. Refused while it is on anywhere, so that
 * archiving never changes what an application sees: turn it off first, deliberately. Archiving an
 * archived flag changes nothing.
 */
export function archiveFeatureFlag(actor: Actor, slug: string): Promise<FeatureFlag> {
  return setArchived(actor, slug, true);
}

/** Brings an archived flag back, as it was (off everywhere); unarchiving a live flag changes nothing. */
export function unarchiveFeatureFlag(actor: Actor, slug: string): Promise<FeatureFlag> {
  return setArchived(actor, slug, false);
}

async function setArchived(actor: Actor, slug: string, archived: boolean): Promise<FeatureFlag> {
  if (!isSlug(slug)) throw new NotFoundError('Feature flag', slug);
  return commitChange(async (tx) => {
    const flag = await tx.featureFlag.findUnique({ where: { slug } });
    if (!flag) throw new NotFoundError('Feature flag', slug);
    if ((flag.archivedAt !== null) === archived) return flag;
    if (archived) {
      // Every rule of the flag locked: a concurrent rule change either committed before (and is
      // seen below) or waits and then finds the flag archived (it reads archivedAt after its lock).
      await tx.$queryRaw`SELECT 1 FROM "FeatureFlagRule" WHERE "flagId" = ${flag.id} FOR UPDATE`;
      const enabled = await tx.featureFlagRule.findMany({
        where: { flagId: flag.id, enabled: true },
        select: { environment: { select: { slug: true } } },
        orderBy: { environment: { slug: 'asc' } },
      });
      if (enabled.length > 0) {
        const names = enabled.map((rule) => rule.environment.slug).join(', ');
        throw new BadUserInputError(
          'slug',
          `Flag ${JSON.stringify(flag.slug)} is on in ${names}: turn it off there before archiving it.`,
        );
      }
    }
    const after = await tx.featureFlag.update({
      where: { id: flag.id },
      data: { archivedAt: archived ? new Date() : null },
    });
    await recordEvent(tx, {
      type: archived ? 'flag.archived' : 'flag.unarchived',
      actor,
      flagId: after.id,
      flagSlug: after.slug,
      before: archivableFlagRecord(flag),
      after: archivableFlagRecord(after),
    });
    return after;
  });
}

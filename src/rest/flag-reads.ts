import { directory } from '../domain/directory.ts';
import { isFlagEnabledForOrganization, organizationRuleCoversEveryone } from '../domain/evaluation.ts';
import { flagCatalogue } from '../domain/flag-catalogue.ts';
import { flagState } from '../domain/flag-state.ts';
import type { RuleView } from '../domain/rules.ts';
import { NotFoundError } from '../errors.ts';
import type { FeatureFlag } from '../generated/prisma/client.ts';
import { Representation } from './representation.ts';
import {
  type FeatureFlagWire,
  featureFlagWire,
  type ListWire,
  listWire,
  type PageQuery,
  type PageRequest,
  paginate,
} from './wire.ts';

/**
 * The WorkOS feature-flag reads, answered from memory: flag definitions (`flagCatalogue`), rules
 * (`flagState`) and who exists (`directory`), all kept current by the change feed. No read
 * queries the database; see docs/architecture.md, "The read path".
 */

/** One flag in the environment, or NOT_FOUND. */
export function flagInEnvironment(slug: string, environmentId: string): FeatureFlagWire {
  const flag = flagCatalogue.bySlug(slug);
  const rule = flag ? flagState.rule(environmentId, flag.id) : undefined;
  if (!flag || !rule) throw new NotFoundError('Feature flag', slug);
  return featureFlagWire(flag, rule);
}

/** A page of the environment's flags (all, or those whose slug is in `slugs`), by id. */
export async function listFlags(
  environmentId: string,
  slugs: ReadonlySet<string> | undefined,
  page: PageRequest,
): Promise<ListWire<FeatureFlagWire>> {
  const listed: { id: string; flag: FeatureFlag; rule: RuleView }[] = [];
  const add = (flag: FeatureFlag | undefined) => {
    const rule = flag && flagState.rule(environmentId, flag.id);
    if (flag && rule) listed.push({ id: flag.id, flag, rule });
  };
  if (slugs === undefined) {
    for (const id of flagCatalogue.ids()) add(flagCatalogue.byId(id));
  } else {
    // Usually a few of many flags: look those up rather than pass over every flag.
    for (const slug of slugs) add(flagCatalogue.bySlug(slug));
    listed.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  const result = await paginate(page, async (query) => pageOf(listed, query));
  return listWire(
    result.data.map(({ flag, rule }) => featureFlagWire(flag, rule)),
    result,
  );
}

/** What a `PageQuery` asks of rows sorted by ascending id. */
function pageOf<T extends { id: string }>(rows: readonly T[], query: PageQuery): T[] {
  const { lt, gt } = query.id ?? {};
  const within = rows.filter((row) => (lt === undefined || row.id < lt) && (gt === undefined || row.id > gt));
  if (query.direction === 'desc') within.reverse();
  return within.slice(0, query.take);
}

/** Slugs of the flags a user has: those targeting them, and their organizations' (as members). */
export function userFlagSlugs(environmentId: string, userId: string): Set<string> {
  if (!directory.hasUser(environmentId, userId)) throw new NotFoundError('User', userId);
  return new Set([
    ...flagState.userTargetedFlagSlugs(environmentId, userId),
    ...directory
      .activeOrganizationIds(userId)
      .flatMap((organizationId) => flagState.enabledFlagSlugs(environmentId, organizationId, userId)),
  ]);
}

/** Slugs of the organization's flags; NOT_FOUND for an organization not of the environment. */
export function organizationFlagSlugs(environmentId: string, organizationId: string): Set<string> {
  if (!directory.organization(environmentId, organizationId)) {
    throw new NotFoundError('Organization', organizationId);
  }
  return new Set(flagState.enabledFlagSlugs(environmentId, organizationId));
}

/** One entry of the runtime client's poll (`FlagPollEntry` in the SDK). */
interface FlagPollEntry {
  slug: string;
  enabled: boolean;
  default_value: boolean;
  targets: { users: { id: string; enabled: boolean }[]; organizations: { id: string; enabled: boolean }[] };
}

/** environmentId → the poll's answer and the revisions it was made at. */
const pollAnswers = new Map<string, { key: string; answer: Representation }>();

/**
 * The runtime poll's answer for the environment, made once per change: kept under the
 * environment's rule and organization revisions, so a poll costs a lookup (and its compressed
 * encodings, made from it at most once each, go with it).
 */
export function runtimePoll(environmentId: string): Representation {
  const key = `${flagState.revision(environmentId)}:${directory.revision(environmentId)}`;
  const known = pollAnswers.get(environmentId);
  if (known?.key === key) return known.answer;
  const answer = new Representation(runtimeFlags(environmentId));
  pollAnswers.set(environmentId, { key, answer });
  return answer;
}

/**
 * Every flag's rule in the environment, keyed by slug, for `createRuntimeClient()`. The SDK's
 * local evaluation (its `Evaluator`) is: off unless `enabled`; on when a listed user or
 * organization target matches the context; otherwise `default_value`. That is Pennant's rule
 * when `default_value` is true exactly for ALL, the targeted users go in `targets.users` and the
 * chosen organizations in `targets.organizations` (only while they count).
 *
 * A PERCENTAGE rule has no counterpart in the SDK (it ignores fields it does not know, and
 * evaluates any entry it has), so it is sent materialized: every organization of the environment
 * the rollout includes now, as decided by the one evaluation function, listed as a target, with
 * `default_value` false (true at 100 %). The SDK then answers exactly what the server does for
 * every organization that exists at the poll; one created after it is off until the next poll,
 * the same staleness as any change between polls. See docs/targeting.md.
 */
function runtimeFlags(environmentId: string): Record<string, FlagPollEntry> {
  const rules = flagState.rules(environmentId).sort((a, b) => (a.flagSlug < b.flagSlug ? -1 : 1));
  const entries: Record<string, FlagPollEntry> = {};
  for (const rule of rules) {
    const everyone = organizationRuleCoversEveryone(rule);
    let organizations: readonly string[] = [];
    if (rule.organizationRule === 'SOME') organizations = rule.organizationIds;
    if (rule.organizationRule === 'PERCENTAGE' && !everyone) {
      // Evaluated as enabled, so the list does not depend on the toggle (`enabled` gates it).
      const state = flagState.ruleState(environmentId, rule.flagId);
      const asEnabled = state && { ...state, enabled: true };
      const candidates = new Set([
        ...rule.organizationIds,
        ...(rule.percentageBasisPoints > 0 ? directory.organizationIds(environmentId) : []),
      ]);
      organizations = asEnabled
        ? [...candidates].filter((id) => isFlagEnabledForOrganization(asEnabled, id)).sort()
        : [];
    }
    entries[rule.flagSlug] = {
      slug: rule.flagSlug,
      enabled: rule.enabled,
      default_value: everyone,
      targets: {
        users: rule.userIds.map((id) => ({ id, enabled: true })),
        organizations: everyone ? [] : organizations.map((id) => ({ id, enabled: true })),
      },
    };
  }
  return entries;
}

import { requireApiKey } from '../auth/index.ts';
import { prisma } from '../db/index.ts';
import type { AuthenticatedApiKey } from '../domain/api-keys.ts';
import {
  isFlagEnabledForOrganization,
  organizationRuleCoversEveryone,
  ruleStateOf,
} from '../domain/evaluation.ts';
import { flagState } from '../domain/flag-state.ts';
import { findFlagBySlug } from '../domain/flags.ts';
import { findOrganization } from '../domain/organizations.ts';
import {
  addFeatureFlagOrganization,
  addFeatureFlagUser,
  removeFeatureFlagOrganization,
  removeFeatureFlagUser,
  ruleSnapshotSelect,
  setFeatureFlagEnabled,
  toRuleSnapshot,
} from '../domain/rules.ts';
import { isId } from '../domain/validation.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { json, type Route } from '../routes.ts';
import { actorOfApiKey, noContent, restRoute } from './http.ts';
import { featureFlagWire, listWire, type PageRequest, paginate, parsePageRequest } from './wire.ts';

/**
 * WorkOS's feature-flag API (`workos.featureFlags.*`). Everything acts in the API key's
 * environment and changes go through the same domain services as the GraphQL mutations, so
 * they write the same events and reach the same subscriptions and webhooks.
 */
export function featureFlagRoutes(): Route[] {
  return [
    restRoute('GET', '/feature-flags', async (request, _params, url) => {
      const apiKey = await requireApiKey(request);
      return json(await listFlags(apiKey, {}, parsePageRequest(url)));
    }),
    restRoute('GET', '/feature-flags/:slug', async (request, params) => {
      const apiKey = await requireApiKey(request);
      return json(await flagInEnvironment(params.slug ?? '', apiKey.environment.id));
    }),
    restRoute('PUT', '/feature-flags/:slug/enable', (request, params) => setEnabled(request, params, true)),
    restRoute('PUT', '/feature-flags/:slug/disable', (request, params) => setEnabled(request, params, false)),
    restRoute('POST', '/feature-flags/:slug/targets/:targetId', async (request, params) => {
      const apiKey = await requireApiKey(request);
      const slug = params.slug ?? '';
      const actor = actorOfApiKey(apiKey);
      const target = await flagTarget(slug, apiKey.environment.id, params.targetId ?? '');
      if (target.kind === 'user') {
        await addFeatureFlagUser(actor, slug, apiKey.environment.id, target.id, 'targetId');
      } else {
        await addFeatureFlagOrganization(actor, slug, apiKey.environment.id, target.id);
      }
      return noContent();
    }),
    restRoute('DELETE', '/feature-flags/:slug/targets/:targetId', async (request, params) => {
      const apiKey = await requireApiKey(request);
      const slug = params.slug ?? '';
      const actor = actorOfApiKey(apiKey);
      const target = await flagTarget(slug, apiKey.environment.id, params.targetId ?? '');
      if (target.kind === 'user') {
        await removeFeatureFlagUser(actor, slug, apiKey.environment.id, target.id);
      } else {
        await removeFeatureFlagOrganization(actor, slug, apiKey.environment.id, target.id);
      }
      return noContent();
    }),
    restRoute('GET', '/organizations/:organizationId/feature-flags', async (request, params, url) => {
      const apiKey = await requireApiKey(request);
      const page = parsePageRequest(url);
      const organization = await findOrganization(apiKey.environment.id, params.organizationId ?? '');
      const slugs = flagState.enabledFlagSlugs(apiKey.environment.id, organization.id);
      return json(await listFlags(apiKey, { slug: { in: slugs } }, page));
    }),
    restRoute('GET', '/user_management/users/:userId/feature-flags', async (request, params, url) => {
      const apiKey = await requireApiKey(request);
      const page = parsePageRequest(url);
      const userId = params.userId ?? '';
      const user = isId(userId, 'user')
        ? await prisma.user.findUnique({
            where: { id: userId },
            select: {
              environmentId: true,
              memberships: { where: { status: 'ACTIVE' }, select: { organizationId: true } },
            },
          })
        : null;
      // A user of another environment is unknown here, like any unknown id.
      if (!user || user.environmentId !== apiKey.environment.id) throw new NotFoundError('User', userId);
      // A user has the flags targeting them, and those they have in an organization they are an
      // active member of (the one evaluation function, through the in-memory state, for each).
      const environmentId = apiKey.environment.id;
      const slugs = new Set([
        ...flagState.userTargetedFlagSlugs(environmentId, userId),
        ...user.memberships.flatMap((membership) =>
          flagState.enabledFlagSlugs(environmentId, membership.organizationId, userId),
        ),
      ]);
      return json(await listFlags(apiKey, { slug: { in: [...slugs] } }, page));
    }),
    restRoute('GET', '/sdk/feature-flags', async (request) => {
      const apiKey = await requireApiKey(request);
      return json(await runtimeFlags(apiKey.environment.id));
    }),
  ];
}

async function setEnabled(request: Request, params: Record<string, string>, enabled: boolean) {
  const apiKey = await requireApiKey(request);
  const slug = params.slug ?? '';
  await setFeatureFlagEnabled(actorOfApiKey(apiKey), slug, apiKey.environment.id, enabled);
  return json(await flagInEnvironment(slug, apiKey.environment.id));
}

/**
 * A WorkOS target is an organization (`org_…`) or a user (`user_…`). The flag is looked up first
 * (a deleted flag is NOT_FOUND whatever the target). An unknown organization is NOT_FOUND, as
 * WorkOS answers; an unknown user is refused by the rule change itself (BAD_USER_INPUT naming
 * `targetId`), which is also where a user of another environment is refused.
 */
async function flagTarget(
  slug: string,
  environmentId: string,
  targetId: string,
): Promise<{ kind: 'user' | 'organization'; id: string }> {
  await findFlagBySlug(slug);
  if (isId(targetId, 'user')) return { kind: 'user', id: targetId };
  if (isId(targetId, 'org'))
    return { kind: 'organization', id: (await findOrganization(environmentId, targetId)).id };
  throw new BadUserInputError(
    'targetId',
    'targetId must be an organization id (org_…) or a user id (user_…).',
  );
}

const ruleStateSelect = {
  enabled: true,
  organizationRule: true,
  percentageBasisPoints: true,
  updatedAt: true,
} as const;

async function flagInEnvironment(slug: string, environmentId: string) {
  const flag = await prisma.featureFlag.findUnique({
    where: { slug },
    include: { rules: { where: { environmentId }, select: ruleStateSelect } },
  });
  const rule = flag?.rules[0];
  if (!flag || !rule) throw new NotFoundError('Feature flag', slug);
  return featureFlagWire(flag, rule);
}

async function listFlags(
  apiKey: AuthenticatedApiKey,
  where: Prisma.FeatureFlagWhereInput,
  page: PageRequest,
) {
  const environmentId = apiKey.environment.id;
  const result = await paginate(page, (query) =>
    prisma.featureFlag.findMany({
      where: { ...where, ...(query.id ? { id: query.id } : {}) },
      orderBy: { id: query.direction },
      take: query.take,
      include: { rules: { where: { environmentId }, select: ruleStateSelect } },
    }),
  );
  const data = result.data.flatMap((flag) => {
    const rule = flag.rules[0];
    return rule ? [featureFlagWire(flag, rule)] : [];
  });
  return listWire(data, result);
}

/** One entry of the runtime client's poll (`FlagPollEntry` in the SDK). */
interface FlagPollEntry {
  slug: string;
  enabled: boolean;
  default_value: boolean;
  targets: { users: { id: string; enabled: boolean }[]; organizations: { id: string; enabled: boolean }[] };
}

/**
 * Every flag's rule in the environment, keyed by slug, for `createRuntimeClient()`. The SDK's
 * local evaluation (its `Evaluator`) is: off unless `enabled`; on when a listed user or
 * organization target matches the context; otherwise `default_value`. That is Pennant's rule
 * when `default_value` is true exactly for ALL, the targeted users go in `targets.users` and the
 * chosen organizations in `targets.organizations` (only while they count).
 *
 * A PERCENTAGE rule has no counterpart in the SDK (it ignores fields it does not know, and
 * evaluates any entry it has), so it is sent materialized: every organization the rollout
 * includes now, as decided by the one evaluation function, listed as a target, with
 * `default_value` false (true at 100 %). The SDK then answers exactly what the server does for
 * every organization that exists at the poll; one created after it is off until the next poll,
 * the same staleness as any change between polls. See docs/targeting.md.
 */
async function runtimeFlags(environmentId: string): Promise<Record<string, FlagPollEntry>> {
  const rules = await prisma.featureFlagRule.findMany({
    where: { environmentId },
    select: ruleSnapshotSelect,
    orderBy: { flag: { slug: 'asc' } },
  });
  const needsEveryOrganization = rules.some(
    (rule) =>
      rule.organizationRule === 'PERCENTAGE' &&
      rule.percentageBasisPoints > 0 &&
      rule.percentageBasisPoints < 10_000,
  );
  const everyOrganization = needsEveryOrganization
    ? (await prisma.organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((o) => o.id)
    : [];
  const entries: Record<string, FlagPollEntry> = {};
  for (const row of rules) {
    const snapshot = toRuleSnapshot(row);
    const state = ruleStateOf(snapshot);
    let organizations: string[] = [];
    const everyone = organizationRuleCoversEveryone(snapshot);
    if (snapshot.organizationRule === 'SOME') organizations = snapshot.organizationIds;
    if (snapshot.organizationRule === 'PERCENTAGE' && !everyone) {
      // Evaluated as enabled, so the list does not depend on the toggle (`enabled` gates it).
      const asEnabled = { ...state, enabled: true };
      const candidates = new Set([
        ...snapshot.organizationIds,
        ...(snapshot.percentageBasisPoints > 0 ? everyOrganization : []),
      ]);
      organizations = [...candidates].filter((id) => isFlagEnabledForOrganization(asEnabled, id)).sort();
    }
    entries[snapshot.flagSlug] = {
      slug: snapshot.flagSlug,
      enabled: snapshot.enabled,
      default_value: everyone,
      targets: {
        users: snapshot.userIds.map((id) => ({ id, enabled: true })),
        organizations: everyone ? [] : organizations.map((id) => ({ id, enabled: true })),
      },
    };
  }
  return entries;
}

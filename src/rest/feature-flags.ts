import { requireApiKey } from '../auth/index.ts';
import { prisma } from '../db/index.ts';
import type { AuthenticatedApiKey } from '../domain/api-keys.ts';
import { flagState } from '../domain/flag-state.ts';
import { findFlagBySlug } from '../domain/flags.ts';
import { findOrganization } from '../domain/organizations.ts';
import {
  addFeatureFlagOrganization,
  removeFeatureFlagOrganization,
  setFeatureFlagEnabled,
} from '../domain/rules.ts';
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
      const organizationId = await targetOrganization(slug, params.targetId ?? '');
      await addFeatureFlagOrganization(actorOfApiKey(apiKey), slug, apiKey.environment.id, organizationId);
      return noContent();
    }),
    restRoute('DELETE', '/feature-flags/:slug/targets/:targetId', async (request, params) => {
      const apiKey = await requireApiKey(request);
      const slug = params.slug ?? '';
      const organizationId = await targetOrganization(slug, params.targetId ?? '');
      await removeFeatureFlagOrganization(actorOfApiKey(apiKey), slug, apiKey.environment.id, organizationId);
      return noContent();
    }),
    restRoute('GET', '/organizations/:organizationId/feature-flags', async (request, params, url) => {
      const apiKey = await requireApiKey(request);
      const page = parsePageRequest(url);
      const organization = await findOrganization(params.organizationId ?? '');
      const slugs = flagState.enabledFlagSlugs(apiKey.environment.id, organization.id);
      return json(await listFlags(apiKey, { slug: { in: slugs } }, page));
    }),
    restRoute('GET', '/user_management/users/:userId/feature-flags', async (request, params, url) => {
      const apiKey = await requireApiKey(request);
      const page = parsePageRequest(url);
      const userId = params.userId ?? '';
      const user = await prisma.user.findUnique({
        where: { id: userId },
        select: { memberships: { where: { status: 'ACTIVE' }, select: { organizationId: true } } },
      });
      if (!user) throw new NotFoundError('User', userId);
      // A user has the flags of the organizations they are an active member of.
      const slugs = new Set(
        user.memberships.flatMap((membership) =>
          flagState.enabledFlagSlugs(apiKey.environment.id, membership.organizationId),
        ),
      );
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
 * Pennant rolls flags out to organizations; a WorkOS target may also be a user, which Pennant
 * does not target, so that is refused with a clear message rather than silently ignored.
 */
async function targetOrganization(slug: string, targetId: string): Promise<string> {
  await findFlagBySlug(slug);
  if (!targetId.startsWith('org_')) {
    throw new BadUserInputError(
      'targetId',
      'Pennant targets organizations only: targetId must be an organization id (org_…).',
    );
  }
  return (await findOrganization(targetId)).id;
}

const ruleStateSelect = { enabled: true, organizationRule: true, updatedAt: true } as const;

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
 * Every flag's rule in the environment, keyed by slug, for `createRuntimeClient()`. The SDK
 * evaluates it locally the way `isFlagEnabledForOrganization` does: off unless enabled; then
 * on for a targeted organization; otherwise `default_value`, which is true only for ALL.
 * Chosen organizations are sent only while the rule is SOME (the only time they count).
 */
async function runtimeFlags(environmentId: string): Promise<Record<string, FlagPollEntry>> {
  const rules = await prisma.featureFlagRule.findMany({
    where: { environmentId },
    select: {
      enabled: true,
      organizationRule: true,
      flag: { select: { slug: true } },
      organizations: { select: { organizationId: true }, orderBy: { organizationId: 'asc' } },
    },
    orderBy: { flag: { slug: 'asc' } },
  });
  const entries: Record<string, FlagPollEntry> = {};
  for (const rule of rules) {
    entries[rule.flag.slug] = {
      slug: rule.flag.slug,
      enabled: rule.enabled,
      default_value: rule.organizationRule === 'ALL',
      targets: {
        users: [],
        organizations:
          rule.organizationRule === 'SOME'
            ? rule.organizations.map((o) => ({ id: o.organizationId, enabled: true }))
            : [],
      },
    };
  }
  return entries;
}

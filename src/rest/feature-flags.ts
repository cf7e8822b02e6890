import { requireApiKey } from '../auth/index.ts';
import { findFlagBySlug } from '../domain/flags.ts';
import { findOrganization } from '../domain/organizations.ts';
import {
  addFeatureFlagOrganization,
  addFeatureFlagUser,
  removeFeatureFlagOrganization,
  removeFeatureFlagUser,
  setFeatureFlagEnabled,
} from '../domain/rules.ts';
import { isId } from '../domain/validation.ts';
import { BadUserInputError } from '../errors.ts';
import { json, type Route } from '../routes.ts';
import {
  flagInEnvironment,
  listFlags,
  organizationFlagSlugs,
  runtimePoll,
  userFlagSlugs,
} from './flag-reads.ts';
import { actorOfApiKey, conditionalJson, noContent, restRoute } from './http.ts';
import { Representation } from './representation.ts';
import { parsePageRequest } from './wire.ts';

/**
 * WorkOS's feature-flag API (`workos.featureFlags.*`). Everything acts in the API key's
 * environment and changes go through the same domain services as the GraphQL mutations, so
 * they write the same events and reach the same subscriptions and webhooks.
 */
export function featureFlagRoutes(): Route[] {
  return [
    restRoute('GET', '/feature-flags', async (request, _params, url) => {
      const apiKey = await requireApiKey(request);
      const page = parsePageRequest(url);
      return conditionalJson(
        request,
        new Representation(await listFlags(apiKey.environment.id, undefined, page)),
      );
    }),
    restRoute('GET', '/feature-flags/:slug', async (request, params) => {
      const apiKey = await requireApiKey(request);
      return json(flagInEnvironment(params.slug ?? '', apiKey.environment.id));
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
      const environmentId = apiKey.environment.id;
      const slugs = organizationFlagSlugs(environmentId, params.organizationId ?? '');
      return conditionalJson(request, new Representation(await listFlags(environmentId, slugs, page)));
    }),
    restRoute('GET', '/user_management/users/:userId/feature-flags', async (request, params, url) => {
      const apiKey = await requireApiKey(request);
      const page = parsePageRequest(url);
      const environmentId = apiKey.environment.id;
      // A user has the flags targeting them, and those they have in an organization they are an
      // active member of (the one evaluation function, through the in-memory state, for each).
      // A user of another environment is unknown here, like any unknown id.
      const slugs = userFlagSlugs(environmentId, params.userId ?? '');
      return conditionalJson(request, new Representation(await listFlags(environmentId, slugs, page)));
    }),
    restRoute('GET', '/sdk/feature-flags', async (request) => {
      const apiKey = await requireApiKey(request);
      // The SDK's fetch (Node's undici) asks for gzip and decompresses: a 600 KB answer for
      // thousands of organizations goes as a fraction of that.
      return conditionalJson(request, runtimePoll(apiKey.environment.id), { compress: true });
    }),
  ];
}

async function setEnabled(request: Request, params: Record<string, string>, enabled: boolean) {
  const apiKey = await requireApiKey(request);
  const slug = params.slug ?? '';
  await setFeatureFlagEnabled(actorOfApiKey(apiKey), slug, apiKey.environment.id, enabled);
  // Applied to memory before the change was acknowledged (commitChange waits for the feed).
  return json(flagInEnvironment(slug, apiKey.environment.id));
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

import {
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
  type WorkOS,
} from '@workos-inc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';

const CreateFlag = graphql(`
  mutation WorkosCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id slug } }
  }
`);

const CreateOrganization = graphql(`
  mutation WorkosCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

const SetOrganizationRule = graphql(`
  mutation WorkosSetOrganizationRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);

const FlagRule = graphql(`
  query WorkosFlagRule($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds } }
  }
`);

const OrganizationFlags = graphql(`
  query WorkosOrganizationFlags($id: ID!, $environment: String!) {
    organization(id: $id) { featureFlags(environment: $environment) }
  }
`);

const FlagEvents = graphql(`
  query WorkosFlagEvents($flagSlug: String!) {
    events(flagSlug: $flagSlug, environment: "sandbox", first: 50) { edges { node { type actorId } } }
  }
`);

let server: TestServer;
let workos: WorkOS;
const slugs = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  workos = workosFor(server);
  for (const slug of slugs) {
    dataOf(
      await server.request(CreateFlag, {
        input: { slug, name: `Flag ${slug}`, description: `About ${slug}`, tags: ['beta'] },
      }),
    );
  }
  organizationId = dataOf(await server.request(CreateOrganization, { input: { name: 'Acme' } }))
    .createOrganization.organization.id;
});

afterAll(async () => {
  await server?.close();
});

describe('feature flags through the WorkOS SDK', () => {
  it('lists flags newest first, with WorkOS pagination', async () => {
    const all = await workos.featureFlags.listFeatureFlags();
    expect(all.data.map((f) => f.slug)).toEqual([...slugs].reverse());
    expect(all.listMetadata).toEqual({ before: null, after: null });
    expect(all.data[0]).toEqual({
      object: 'feature_flag',
      id: expect.stringMatching(/^flag_/),
      slug: 'echo',
      name: 'Flag echo',
      description: 'About echo',
      tags: ['beta'],
      enabled: false,
      defaultValue: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const first = await workos.featureFlags.listFeatureFlags({ limit: 2 });
    expect(first.data.map((f) => f.slug)).toEqual(['echo', 'delta']);
    expect(first.listMetadata.before).toBeNull();
    expect(first.listMetadata.after).toBe(first.data[1]?.id);

    const second = await workos.featureFlags.listFeatureFlags({
      limit: 2,
      after: first.listMetadata.after ?? '',
    });
    expect(second.data.map((f) => f.slug)).toEqual(['charlie', 'bravo']);
    expect(second.listMetadata.before).toBe(second.data[0]?.id);

    const back = await workos.featureFlags.listFeatureFlags({
      limit: 2,
      before: second.listMetadata.before ?? '',
    });
    expect(back.data.map((f) => f.slug)).toEqual(['echo', 'delta']);
    expect(back.listMetadata.before).toBeNull();

    const ascending = await workos.featureFlags.listFeatureFlags({ order: 'asc', limit: 3 });
    expect(ascending.data.map((f) => f.slug)).toEqual(['alpha', 'bravo', 'charlie']);

    // autoPagination follows list_metadata.after page by page.
    const everything = await (await workos.featureFlags.listFeatureFlags({ order: 'asc' })).autoPagination();
    expect(everything.map((f) => f.slug)).toEqual(slugs);
  });

  it('gets a flag by slug, and a missing one is a NotFoundException', async () => {
    const flag = await workos.featureFlags.getFeatureFlag('alpha');
    expect(flag).toMatchObject({ slug: 'alpha', name: 'Flag alpha', enabled: false, defaultValue: false });
    await expect(workos.featureFlags.getFeatureFlag('nope')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('enables and disables a flag in the key’s environment only, through the same services', async () => {
    const enabled = await workos.featureFlags.enableFeatureFlag('bravo');
    expect(enabled).toMatchObject({ slug: 'bravo', enabled: true });
    const sandbox = dataOf(await server.request(FlagRule, { slug: 'bravo', environment: 'sandbox' }));
    expect(sandbox.featureFlag?.rule.enabled).toBe(true);
    const production = dataOf(
      await server.request(
        FlagRule,
        { slug: 'bravo', environment: 'production' },
        { apiKey: server.keys.production },
      ),
    );
    expect(production.featureFlag?.rule.enabled).toBe(false);

    const disabled = await workos.featureFlags.disableFeatureFlag('bravo');
    expect(disabled.enabled).toBe(false);

    const events = dataOf(await server.request(FlagEvents, { flagSlug: 'bravo' }));
    const toggles = events.events.edges.map((e) => e.node).filter((e) => e.type === 'flag.toggled');
    expect(toggles).toHaveLength(2);
    expect(toggles[0]?.actorId).toMatch(/^key_/);

    await expect(workos.featureFlags.enableFeatureFlag('nope')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('adds and removes organization targets; the organization’s flags follow', async () => {
    await workos.featureFlags.enableFeatureFlag('charlie');
    const before = await workos.featureFlags.listOrganizationFeatureFlags({ organizationId });
    expect(before.data).toEqual([]);

    await workos.featureFlags.addFlagTarget({ slug: 'charlie', targetId: organizationId });
    // Adding twice (as a retried POST would) changes nothing more.
    await workos.featureFlags.addFlagTarget({ slug: 'charlie', targetId: organizationId });
    const rule = dataOf(await server.request(FlagRule, { slug: 'charlie', environment: 'sandbox' }));
    expect(rule.featureFlag?.rule).toEqual({
      enabled: true,
      organizationRule: 'SOME',
      organizationIds: [organizationId],
    });
    const after = await workos.featureFlags.listOrganizationFeatureFlags({ organizationId });
    expect(after.data.map((f) => f.slug)).toEqual(['charlie']);
    const viaGraphQL = dataOf(
      await server.request(OrganizationFlags, { id: organizationId, environment: 'sandbox' }),
    );
    expect(viaGraphQL.organization?.featureFlags).toEqual(['charlie']);

    await workos.featureFlags.removeFlagTarget({ slug: 'charlie', targetId: organizationId });
    const removed = await workos.featureFlags.listOrganizationFeatureFlags({ organizationId });
    expect(removed.data).toEqual([]);
  });

  it('reports an organization rule of ALL as default_value', async () => {
    dataOf(
      await server.request(SetOrganizationRule, {
        input: { slug: 'delta', environment: 'sandbox', rule: 'ALL' },
      }),
    );
    await workos.featureFlags.enableFeatureFlag('delta');
    const flag = await workos.featureFlags.getFeatureFlag('delta');
    expect(flag).toMatchObject({ enabled: true, defaultValue: true });
    const orgFlags = await workos.featureFlags.listOrganizationFeatureFlags({ organizationId });
    expect(orgFlags.data.map((f) => f.slug)).toEqual(['delta']);
  });

  it('maps errors to the SDK’s exceptions', async () => {
    await expect(
      workos.featureFlags.addFlagTarget({ slug: 'alpha', targetId: 'user_01HZZZZZZZZZZZZZZZZZZZZZZZ' }),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(
      workos.featureFlags.addFlagTarget({ slug: 'alpha', targetId: 'org_01HZZZZZZZZZZZZZZZZZZZZZZZ' }),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      workos.featureFlags.listOrganizationFeatureFlags({ organizationId: 'org_01HZZZZZZZZZZZZZZZZZZZZZZZ' }),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.featureFlags.listFeatureFlags({ limit: 1000 })).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
    // What Pennant does not serve is a NotFoundException too, not an unparseable answer.
    await expect(workos.organizations.getOrganization(organizationId)).rejects.toMatchObject({
      status: 404,
      code: 'endpoint_not_supported',
    });
    const badKey = workosFor(server, { apiKey: 'sk_test_not-a-real-key' });
    await expect(badKey.featureFlags.listFeatureFlags()).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('serves the runtime client, which sees a change on its next poll', async () => {
    const client = workos.featureFlags.createRuntimeClient({ pollingIntervalMs: 5000 });
    try {
      await client.waitUntilReady({ timeoutMs: 5000 });
      expect(client.isEnabled('echo', { organizationId })).toBe(false);
      expect(client.getFlag('delta')).toMatchObject({ enabled: true, default_value: true });
      expect(client.isEnabled('delta', { organizationId: 'org_anyone' })).toBe(true);

      const changed = new Promise<unknown>((resolve) => client.on('change', resolve));
      await workos.featureFlags.enableFeatureFlag('echo');
      await workos.featureFlags.addFlagTarget({ slug: 'echo', targetId: organizationId });
      await changed;
      expect(client.isEnabled('echo', { organizationId })).toBe(true);
      expect(client.isEnabled('echo', { organization: { id: organizationId } })).toBe(true);
      expect(client.isEnabled('echo', { organizationId: 'org_someone_else' })).toBe(false);
      expect(client.getAllFlags({ organizationId })).toMatchObject({ echo: true, delta: true, alpha: false });
    } finally {
      client.close();
    }
  }, 20_000);
});

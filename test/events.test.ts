import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CreateFlag = graphql(`
  mutation EventsCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const UpdateFlag = graphql(`
  mutation EventsUpdateFlag($input: UpdateFeatureFlagInput!) {
    updateFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const DeleteFlag = graphql(`
  mutation EventsDeleteFlag($input: DeleteFeatureFlagInput!) {
    deleteFeatureFlag(input: $input) { slug }
  }
`);

const SetEnabled = graphql(`
  mutation EventsSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { version } }
  }
`);

const SetRule = graphql(`
  mutation EventsSetRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);

const CreateOrganization = graphql(`
  mutation EventsCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

const DeleteOrganization = graphql(`
  mutation EventsDeleteOrganization($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) { deletedOrganizationId }
  }
`);

const CurrentKey = graphql(`
  query EventsKeys {
    apiKeys { id name }
    currentEnvironment { id }
  }
`);

const Events = graphql(`
  query EventsList($first: Int, $after: String, $flagSlug: String, $type: String, $environment: String) {
    events(first: $first, after: $after, flagSlug: $flagSlug, type: $type, environment: $environment) {
      edges {
        cursor
        node { id cursor type actorType actorId flagId flagSlug organizationId before after createdAt environment { slug } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

let server: TestServer;
let sandboxKeyId: string;
let productionKeyId: string;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  const keyOf = async (apiKey: string) => {
    const data = dataOf(await server.request(CurrentKey, {}, { apiKey }));
    const key = data.apiKeys.find((k) => k.name.startsWith('test '));
    if (!key) throw new Error('no test key');
    return key.id;
  };
  sandboxKeyId = await keyOf(server.keys.sandbox);
  productionKeyId = await keyOf(server.keys.production);

  dataOf(await server.request(CreateFlag, { input: { slug: 'logged', name: 'Logged', tags: ['x'] } }));
  dataOf(await server.request(UpdateFlag, { input: { slug: 'logged', name: 'Logged v2' } }));
  dataOf(
    await server.request(SetEnabled, { input: { slug: 'logged', environment: 'sandbox', enabled: true } }),
  );
  organizationId = dataOf(await server.request(CreateOrganization, { input: { name: 'Logged org' } }))
    .createOrganization.organization.id;
  dataOf(
    await server.request(SetRule, {
      input: { slug: 'logged', environment: 'sandbox', rule: 'SOME', organizationIds: [organizationId] },
    }),
  );
  dataOf(
    await server.request(
      SetEnabled,
      { input: { slug: 'logged', environment: 'production', enabled: true } },
      { apiKey: server.keys.production },
    ),
  );
  dataOf(await server.request(CreateFlag, { input: { slug: 'other', name: 'Other' } }));
  dataOf(await server.request(DeleteOrganization, { input: { id: organizationId } }));
  dataOf(await server.request(DeleteFlag, { input: { slug: 'other' } }, { apiKey: server.keys.admin }));
});
afterAll(async () => {
  await server?.close();
});

async function events(
  variables: {
    first?: number;
    after?: string | null;
    flagSlug?: string;
    type?: string;
    environment?: string;
  } = {},
  apiKey = server.keys.sandbox,
) {
  return dataOf(await server.request(Events, { first: 100, ...variables }, { apiKey })).events;
}

describe('the event log', () => {
  it('records every change of this environment and the global ones, newest first, with actor and before/after', async () => {
    const nodes = (await events()).edges.map((e) => e.node);
    const changes = nodes.filter(
      (n) => n.flagSlug === 'logged' || n.flagSlug === 'other' || n.organizationId === organizationId,
    );
    expect(changes.map((n) => n.type)).toEqual([
      'flag.deleted',
      'organization.deleted',
      'flag.created',
      'rule.updated',
      'organization.created',
      'flag.toggled',
      'flag.updated',
      'flag.created',
    ]);
    for (const node of changes) {
      expect(node.actorType).toBe('api_key');
      // Deleting a flag needs an admin key (the test server's `keys.admin`).
      if (node.type === 'flag.deleted') expect(node.actorId).not.toBe(sandboxKeyId);
      else expect(node.actorId).toBe(sandboxKeyId);
    }
    const byType = (type: string) => changes.find((n) => n.type === type && (n.flagSlug ?? '') !== 'other');
    expect(byType('flag.created')).toMatchObject({
      environment: null,
      before: null,
      after: { slug: 'logged', name: 'Logged', tags: ['x'] },
    });
    expect(byType('flag.updated')).toMatchObject({
      before: { name: 'Logged' },
      after: { name: 'Logged v2' },
    });
    expect(byType('flag.toggled')).toMatchObject({
      environment: { slug: 'sandbox' },
      before: { enabled: false, version: 1, flagSlug: 'logged' },
      after: { enabled: true, version: 2, flagSlug: 'logged' },
    });
    expect(byType('rule.updated')).toMatchObject({
      environment: { slug: 'sandbox' },
      before: { organizationRule: 'NONE', organizationIds: [], version: 2 },
      after: { organizationRule: 'SOME', organizationIds: [organizationId], version: 3 },
    });
    expect(byType('organization.deleted')).toMatchObject({ before: { name: 'Logged org' }, after: null });
    // The production toggle belongs to production's log, not sandbox's.
    expect(nodes.some((n) => n.environment?.slug === 'production')).toBe(false);
  });

  it('ids are cursors that increase with every change', async () => {
    const nodes = (await events()).edges.map((e) => e.node);
    const ids = nodes.map((n) => BigInt(n.id));
    for (let index = 1; index < ids.length; index++) {
      expect((ids[index - 1] ?? 0n) > (ids[index] ?? 0n)).toBe(true);
    }
    for (const node of nodes) expect(node.cursor).toBe(node.id);
  });

  it('pages with first/after without gaps or repeats', async () => {
    const all = (await events()).edges.map((e) => e.node.id);
    const paged: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = await events({ first: 3, after });
      paged.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
  });

  it('filters by flag slug', async () => {
    const nodes = (await events({ flagSlug: 'other' })).edges.map((e) => e.node);
    expect(nodes.map((n) => n.type)).toEqual(['flag.deleted', 'flag.created']);
  });

  it('filters by type', async () => {
    const nodes = (await events({ type: 'flag.toggled' })).edges.map((e) => e.node);
    expect(nodes.map((n) => [n.flagSlug, n.environment?.slug])).toEqual([['logged', 'sandbox']]);
  });

  it('filters by environment: production’s log has its own toggle, by its own key', async () => {
    const nodes = (
      await events({ environment: 'production', type: 'flag.toggled' }, server.keys.production)
    ).edges.map((e) => e.node);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({
      environment: { slug: 'production' },
      actorId: productionKeyId,
      after: { enabled: true, version: 2 },
    });
  });

  it('shows a sandbox key only sandbox’s rule of a deleted flag, never production’s', async () => {
    const deleted = (await events({ type: 'flag.deleted' })).edges.map((e) => e.node);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.environment).toEqual({ slug: 'sandbox' });
    const rules = (deleted[0]?.before as { rules?: { environmentId: string }[] } | undefined)?.rules;
    expect(rules).toHaveLength(1);
    const production = await server.request(
      Events,
      { first: 50, type: 'flag.deleted', environment: 'production' },
      { apiKey: server.keys.production },
    );
    const productionRules = dataOf(production).events.edges.map(
      (e) => (e.node.before as { rules: { environmentId: string }[] }).rules[0]?.environmentId,
    );
    expect(productionRules).toHaveLength(1);
    expect(productionRules[0]).not.toBe(rules?.[0]?.environmentId);
  });

  it('answers BAD_USER_INPUT for a NUL in a filter', async () => {
    const nul = await server.request(Events, { first: 5, flagSlug: 'a\u0000' });
    expect(errorCode(nul)).toBe('BAD_USER_INPUT');
    expect(nul.errors?.[0]?.extensions?.field).toBe('flagSlug');
  });

  it('answers BAD_USER_INPUT for a cursor this list never handed out', async () => {
    const response = await server.request(Events, { first: 5, after: 'not-a-cursor' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('after');
  });

  it('answers FORBIDDEN for another environment’s log', async () => {
    expect(errorCode(await server.request(Events, { environment: 'production' }))).toBe('FORBIDDEN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';

const CreateFlag = graphql(`
  mutation PersistenceCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const CreateOrganization = graphql(`
  mutation PersistenceCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

const AddOrganization = graphql(`
  mutation PersistenceAddOrganization($input: AddFeatureFlagOrganizationInput!) {
    addFeatureFlagOrganization(input: $input) { rule { version } }
  }
`);

const SetEnabled = graphql(`
  mutation PersistenceSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { version } }
  }
`);

const CreateKey = graphql(`
  mutation PersistenceCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret }
  }
`);

const Snapshot = graphql(`
  query PersistenceSnapshot($organizationId: ID!) {
    environments { id slug clientId }
    featureFlags(first: 10) { edges { node { id slug name tags rule(environment: "sandbox") { enabled organizationRule organizationIds version updatedBy } } } }
    organizations(first: 10) { edges { node { id name externalId } } }
    organization(id: $organizationId) { featureFlags(environment: "sandbox") }
    events(first: 30) { edges { node { id type actorId before after } } }
    apiKeys { id name }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('restart', () => {
  it('keeps every flag, rule, organization, key and event, and evaluates the same', async () => {
    dataOf(await server.request(CreateFlag, { input: { slug: 'kept', name: 'Kept', tags: ['durable'] } }));
    const organizationId = dataOf(
      await server.request(CreateOrganization, { input: { name: 'Kept org', externalId: 'kept-1' } }),
    ).createOrganization.organization.id;
    dataOf(
      await server.request(AddOrganization, {
        input: { slug: 'kept', environment: 'sandbox', organizationId },
      }),
    );
    dataOf(
      await server.request(SetEnabled, { input: { slug: 'kept', environment: 'sandbox', enabled: true } }),
    );
    const extraKey = dataOf(await server.request(CreateKey, { input: { name: 'Survivor' } })).createApiKey
      .secret;

    const before = dataOf(await server.request(Snapshot, { organizationId }));
    expect(before.organization?.featureFlags).toEqual(['kept']);

    await server.restart();

    const after = dataOf(await server.request(Snapshot, { organizationId }, { apiKey: extraKey }));
    expect(after).toEqual(before);

    // The log continues after the restart, with larger ids.
    dataOf(
      await server.request(SetEnabled, { input: { slug: 'kept', environment: 'sandbox', enabled: false } }),
    );
    const latest = dataOf(await server.request(Snapshot, { organizationId }));
    expect(latest.organization?.featureFlags).toEqual([]);
    const newest = latest.events.edges[0]?.node;
    expect(newest?.type).toBe('flag.toggled');
    expect(BigInt(newest?.id ?? 0) > BigInt(before.events.edges[0]?.node.id ?? 0)).toBe(true);
  });

  it('does not create the default environments or keys again', async () => {
    await server.restart();
    const data = dataOf(await server.request(Snapshot, { organizationId: 'org_01JAAAAAAAAAAAAAAAAAAAAAAA' }));
    expect(data.environments.map((e) => e.slug)).toEqual(['sandbox', 'production']);
    expect(data.events.edges.filter((e) => e.node.type === 'environment.created')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CreateOrganization = graphql(`
  mutation OrganizationsCreate($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id name externalId createdAt updatedAt } }
  }
`);

const UpdateOrganization = graphql(`
  mutation OrganizationsUpdate($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { organization { id name externalId } }
  }
`);

const DeleteOrganization = graphql(`
  mutation OrganizationsDelete($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) { deletedOrganizationId }
  }
`);

const OrganizationById = graphql(`
  query OrganizationsById($id: ID!) {
    organization(id: $id) { id name externalId featureFlags(environment: "sandbox") }
  }
`);

const OrganizationList = graphql(`
  query OrganizationsList($first: Int, $after: String, $search: String) {
    organizations(first: $first, after: $after, search: $search) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`);

const CreateFlag = graphql(`
  mutation OrganizationsCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const AddOrganization = graphql(`
  mutation OrganizationsAddToFlag($input: AddFeatureFlagOrganizationInput!) {
    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }
  }
`);

const SetEnabled = graphql(`
  mutation OrganizationsEnableFlag($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { enabled } }
  }
`);

const FlagRule = graphql(`
  query OrganizationsFlagRule($slug: String!) {
    featureFlag(slug: $slug) { rule(environment: "sandbox") { organizationRule organizationIds organizations { id } } }
  }
`);

const OrganizationEvents = graphql(`
  query OrganizationsEvents($type: String) {
    events(type: $type, first: 100) { edges { node { type organizationId actorId before after environment { slug } } } }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function createOrganization(name: string, externalId?: string) {
  const response = await server.request(CreateOrganization, { input: { name, externalId } });
  return dataOf(response).createOrganization.organization;
}

describe('createOrganization', () => {
  it('creates an organization with an org_ id and records an event', async () => {
    const organization = await createOrganization('  Acme  ', 'acme-1');
    expect(organization).toMatchObject({ name: 'Acme', externalId: 'acme-1' });
    expect(organization.id).toMatch(/^org_[0-9A-Z]{26}$/);
    const events = dataOf(await server.request(OrganizationEvents, { type: 'organization.created' }));
    const event = events.events.edges.find((e) => e.node.organizationId === organization.id)?.node;
    // An organization belongs to the key's environment, and so does its event.
    expect(event).toMatchObject({
      environment: { slug: 'sandbox' },
      before: null,
      after: { id: organization.id, name: 'Acme', externalId: 'acme-1' },
    });
    expect(event?.actorId).toMatch(/^key_/);
  });

  it('treats an empty externalId as none', async () => {
    expect((await createOrganization('No external', '')).externalId).toBeNull();
  });

  it.each([
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(201) }],
    ['externalId', { name: 'Ok', externalId: 'x'.repeat(201) }],
  ])('rejects a bad %s as BAD_USER_INPUT', async (field, input) => {
    const response = await server.request(CreateOrganization, { input });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('rejects a duplicate externalId as CONFLICT', async () => {
    await createOrganization('Taken', 'taken-id');
    const response = await server.request(CreateOrganization, {
      input: { name: 'Other', externalId: 'taken-id' },
    });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toBe('An organization with this externalId already exists.');
    expect(response.errors?.[0]?.extensions?.field).toBe('externalId');
    const list = dataOf(await server.request(OrganizationList, { search: 'Other' }));
    expect(list.organizations.edges).toEqual([]);
  });
});

describe('updateOrganization', () => {
  it('renames, keeps externalId when omitted, clears it with null', async () => {
    const organization = await createOrganization('Old name', 'update-ext');
    const renamed = dataOf(
      await server.request(UpdateOrganization, { input: { id: organization.id, name: 'New name' } }),
    );
    expect(renamed.updateOrganization.organization).toEqual({
      id: organization.id,
      name: 'New name',
      externalId: 'update-ext',
    });
    const cleared = dataOf(
      await server.request(UpdateOrganization, { input: { id: organization.id, externalId: null } }),
    );
    expect(cleared.updateOrganization.organization.externalId).toBeNull();
    const events = dataOf(await server.request(OrganizationEvents, { type: 'organization.updated' }));
    const first = events.events.edges.filter((e) => e.node.organizationId === organization.id).at(-1)?.node;
    expect(first?.before).toMatchObject({ name: 'Old name' });
    expect(first?.after).toMatchObject({ name: 'New name' });
  });

  it('answers NOT_FOUND, BAD_USER_INPUT and CONFLICT', async () => {
    const missing = await server.request(UpdateOrganization, {
      input: { id: 'org_01JAAAAAAAAAAAAAAAAAAAAAAA', name: 'x' },
    });
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const badId = await server.request(UpdateOrganization, { input: { id: 'flag_1', name: 'x' } });
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0]?.extensions?.field).toBe('id');
    const organization = await createOrganization('Conflicting', 'conflict-a');
    await createOrganization('Holder', 'conflict-b');
    const conflict = await server.request(UpdateOrganization, {
      input: { id: organization.id, name: 'Renamed', externalId: 'conflict-b' },
    });
    expect(errorCode(conflict)).toBe('CONFLICT');
    const unchanged = dataOf(await server.request(OrganizationById, { id: organization.id }));
    expect(unchanged.organization).toMatchObject({ name: 'Conflicting', externalId: 'conflict-a' });
  });
});

describe('deleteOrganization', () => {
  it('deletes it and removes it from every rule that chose it', async () => {
    const organization = await createOrganization('Doomed');
    const keeper = await createOrganization('Keeper');
    dataOf(await server.request(CreateFlag, { input: { slug: 'org-delete-flag', name: 'x' } }));
    for (const id of [organization.id, keeper.id]) {
      dataOf(
        await server.request(AddOrganization, {
          input: { slug: 'org-delete-flag', environment: 'sandbox', organizationId: id },
        }),
      );
    }
    dataOf(
      await server.request(SetEnabled, {
        input: { slug: 'org-delete-flag', environment: 'sandbox', enabled: true },
      }),
    );
    expect(
      dataOf(await server.request(OrganizationById, { id: organization.id })).organization?.featureFlags,
    ).toEqual(['org-delete-flag']);

    const deleted = dataOf(await server.request(DeleteOrganization, { input: { id: organization.id } }));
    expect(deleted.deleteOrganization.deletedOrganizationId).toBe(organization.id);
    expect(dataOf(await server.request(OrganizationById, { id: organization.id })).organization).toBeNull();
    const rule = dataOf(await server.request(FlagRule, { slug: 'org-delete-flag' })).featureFlag?.rule;
    expect(rule).toEqual({
      organizationRule: 'SOME',
      organizationIds: [keeper.id],
      organizations: [{ id: keeper.id }],
    });
    const events = dataOf(await server.request(OrganizationEvents, { type: 'organization.deleted' }));
    expect(
      events.events.edges.find((e) => e.node.organizationId === organization.id)?.node.before,
    ).toMatchObject({
      name: 'Doomed',
    });
  });

  it('answers NOT_FOUND twice over', async () => {
    const organization = await createOrganization('Once');
    dataOf(await server.request(DeleteOrganization, { input: { id: organization.id } }));
    expect(errorCode(await server.request(DeleteOrganization, { input: { id: organization.id } }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('organization queries', () => {
  it('organization(id) answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await server.request(OrganizationById, { id: 'org_01JAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(dataOf(unknown).organization).toBeNull();
    const malformed = await server.request(OrganizationById, { id: 'nonsense' });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
  });

  it('pages organizations oldest first with first/after', async () => {
    const names = ['Page A', 'Page B', 'Page C', 'Page D', 'Page E'];
    const ids: string[] = [];
    for (const name of names) ids.push((await createOrganization(name)).id);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 5; page++) {
      const data = dataOf(await server.request(OrganizationList, { first: 2, after, search: 'Page ' }));
      seen.push(...data.organizations.edges.map((e) => e.node.id));
      if (!data.organizations.pageInfo.hasNextPage) break;
      after = data.organizations.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('answers BAD_USER_INPUT for a page larger than 100, instead of silently returning 100', async () => {
    const tooLarge = await server.request(OrganizationList, { first: 101 });
    expect(errorCode(tooLarge)).toBe('BAD_USER_INPUT');
    expect(tooLarge.errors?.[0]?.extensions?.field).toBe('first');
    expect(tooLarge.errors?.[0]?.message).toMatch(/from 0 to 100; ask for more with `after`/);
    const negative = await server.request(OrganizationList, { first: -1 });
    expect(errorCode(negative)).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toMatch(/non-negative/);
    expect(dataOf(await server.request(OrganizationList, { first: 100 })).organizations).toBeDefined();
  });

  it('answers BAD_USER_INPUT for a NUL in search', async () => {
    const nul = await server.request(OrganizationList, { search: '\u0000' });
    expect(errorCode(nul)).toBe('BAD_USER_INPUT');
    expect(nul.errors?.[0]?.extensions?.field).toBe('search');
  });

  it('answers BAD_USER_INPUT for a malformed cursor', async () => {
    const response = await server.request(OrganizationList, { first: 2, after: 'garbage' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('after');
  });

  it('searches by name, ignoring case, and by exact externalId', async () => {
    await createOrganization('Searchable Initech', 'initech-42');
    const byName = dataOf(await server.request(OrganizationList, { search: 'INITECH' }));
    expect(byName.organizations.edges.map((e) => e.node.name)).toEqual(['Searchable Initech']);
    const byExternal = dataOf(await server.request(OrganizationList, { search: 'initech-42' }));
    expect(byExternal.organizations.edges.map((e) => e.node.name)).toEqual(['Searchable Initech']);
  });
});

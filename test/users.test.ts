import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CreateOrganization = graphql(`
  mutation UsersCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateUser = graphql(`
  mutation UsersCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id email firstName lastName emailVerified externalId createdAt } }
  }
`);
const UpdateUser = graphql(`
  mutation UsersUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) { user { id email firstName lastName emailVerified externalId } }
  }
`);
const DeleteUser = graphql(`
  mutation UsersDeleteUser($input: DeleteUserInput!) {
    deleteUser(input: $input) { deletedUserId }
  }
`);
const CreateMembership = graphql(`
  mutation UsersCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) {
      organizationMembership { id role status user { id } organization { id } }
    }
  }
`);
const DeleteMembership = graphql(`
  mutation UsersDeleteMembership($input: DeleteOrganizationMembershipInput!) {
    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }
  }
`);
const User = graphql(`
  query UsersUser($id: ID!) {
    user(id: $id) { id email memberships { id role organization { id name } } }
  }
`);
const Users = graphql(`
  query UsersList($search: String, $first: Int) {
    users(search: $search, first: $first) { edges { node { id email } } }
  }
`);
const OrganizationMembers = graphql(`
  query UsersOrganizationMembers($id: ID!) {
    organization(id: $id) { memberships { id role user { id email } } }
  }
`);
const Events = graphql(`
  query UsersEvents($type: String) {
    events(type: $type, first: 50) { edges { node { type actorType organizationId before after } } }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('users', () => {
  it('creates, reads, lists, updates and deletes users, recording events', async () => {
    const created = dataOf(
      await server.request(CreateUser, {
        input: { email: ' Grace@Example.COM ', firstName: 'Grace', lastName: 'Hopper', externalId: 'ext-1' },
      }),
    ).createUser.user;
    expect(created).toMatchObject({
      id: expect.stringMatching(/^user_[0-9A-Z]{26}$/),
      email: 'grace@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      emailVerified: false,
      externalId: 'ext-1',
    });
    expect(dataOf(await server.request(User, { id: created.id })).user?.email).toBe('grace@example.com');
    const listed = dataOf(await server.request(Users, { search: 'grace' })).users.edges.map((e) => e.node.id);
    expect(listed).toEqual([created.id]);

    const updated = dataOf(
      await server.request(UpdateUser, { input: { id: created.id, firstName: '', emailVerified: true } }),
    ).updateUser.user;
    expect(updated).toMatchObject({ firstName: null, lastName: 'Hopper', emailVerified: true });

    expect(
      dataOf(await server.request(DeleteUser, { input: { id: created.id } })).deleteUser.deletedUserId,
    ).toBe(created.id);
    expect(dataOf(await server.request(User, { id: created.id })).user).toBeNull();
    expect(errorCode(await server.request(DeleteUser, { input: { id: created.id } }))).toBe('NOT_FOUND');

    for (const type of ['user.created', 'user.updated', 'user.deleted']) {
      const events = dataOf(await server.request(Events, { type })).events.edges;
      expect(events.length, type).toBeGreaterThan(0);
      expect(events[0]?.node.actorType).toBe('api_key');
    }
  });

  it('refuses bad input with a field, duplicates with CONFLICT, and calls without a key', async () => {
    const bad = await server.request(CreateUser, { input: { email: 'not an email' } });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.field).toBe('email');
    dataOf(await server.request(CreateUser, { input: { email: 'dup@example.com' } }));
    expect(errorCode(await server.request(CreateUser, { input: { email: 'DUP@example.com' } }))).toBe(
      'CONFLICT',
    );
    expect(errorCode(await server.request(User, { id: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await server.request(CreateUser, { input: { email: 'x@example.com' } }, { apiKey: null })),
    ).toBe('UNAUTHENTICATED');
  });
});

describe('organization memberships', () => {
  it('links users and organizations on both sides, with a role', async () => {
    const organizationId = dataOf(
      await server.request(CreateOrganization, { input: { name: 'Members Inc' } }),
    ).createOrganization.organization.id;
    const userId = dataOf(await server.request(CreateUser, { input: { email: 'member@example.com' } }))
      .createUser.user.id;
    const membership = dataOf(
      await server.request(CreateMembership, { input: { userId, organizationId, role: 'admin' } }),
    ).createOrganizationMembership.organizationMembership;
    expect(membership).toMatchObject({ role: 'admin', status: 'ACTIVE', user: { id: userId } });

    const user = dataOf(await server.request(User, { id: userId })).user;
    expect(user?.memberships).toEqual([
      { id: membership.id, role: 'admin', organization: { id: organizationId, name: 'Members Inc' } },
    ]);
    const members = dataOf(await server.request(OrganizationMembers, { id: organizationId })).organization;
    expect(members?.memberships.map((m) => m.user.id)).toEqual([userId]);

    expect(errorCode(await server.request(CreateMembership, { input: { userId, organizationId } }))).toBe(
      'CONFLICT',
    );
    expect(
      errorCode(
        await server.request(CreateMembership, { input: { userId, organizationId, role: 'Bad Role!' } }),
      ),
    ).toBe('BAD_USER_INPUT');

    dataOf(await server.request(DeleteMembership, { input: { id: membership.id } }));
    expect(dataOf(await server.request(User, { id: userId })).user?.memberships).toEqual([]);
    expect(errorCode(await server.request(DeleteMembership, { input: { id: membership.id } }))).toBe(
      'NOT_FOUND',
    );

    const events = dataOf(await server.request(Events, { type: 'membership.deleted' })).events.edges;
    expect(events[0]?.node).toMatchObject({ organizationId, before: { userId, role: 'admin' } });
  });

  it('refuses memberships of unknown users or organizations', async () => {
    const organizationId = dataOf(await server.request(CreateOrganization, { input: { name: 'Lonely' } }))
      .createOrganization.organization.id;
    const missing = await server.request(CreateMembership, {
      input: { userId: 'user_01J00000000000000000000000', organizationId },
    });
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });
});

import { graphql } from '../gql/index.ts';
import { dataOf, type TestServer } from './server.ts';

/** Fixtures shared by the real-time tests: organizations, flags, users, sessions, cursors. */

const CreateOrganization = graphql(`
  mutation RealtimeCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateFlag = graphql(`
  mutation RealtimeCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);
const CreateUser = graphql(`
  mutation RealtimeCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation RealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);
const CreateSession = graphql(`
  mutation RealtimeCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { accessToken sealedSession session { id } }
  }
`);
const LatestCursor = graphql(`
  query RealtimeLatestCursor { events(first: 1) { edges { node { cursor } } } }
`);
export const SetEnabled = graphql(`
  mutation RealtimeSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { version } }
  }
`);
export const SetRule = graphql(`
  mutation RealtimeSetRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);
export const AddOrganization = graphql(`
  mutation RealtimeAddOrganization($input: AddFeatureFlagOrganizationInput!) {
    addFeatureFlagOrganization(input: $input) { rule { version } }
  }
`);
export const RemoveOrganization = graphql(`
  mutation RealtimeRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {
    removeFeatureFlagOrganization(input: $input) { rule { version } }
  }
`);
export const DeleteFlag = graphql(`
  mutation RealtimeDeleteFlag($input: DeleteFeatureFlagInput!) {
    deleteFeatureFlag(input: $input) { slug }
  }
`);
export const DeleteOrganization = graphql(`
  mutation RealtimeDeleteOrganization($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) { deletedOrganizationId }
  }
`);
export const RevokeSession = graphql(`
  mutation RealtimeRevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) { session { id } }
  }
`);
export const DeleteMembership = graphql(`
  mutation RealtimeDeleteMembership($input: DeleteOrganizationMembershipInput!) {
    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }
  }
`);
export const DeleteUser = graphql(`
  mutation RealtimeDeleteUser($input: DeleteUserInput!) {
    deleteUser(input: $input) { deletedUserId }
  }
`);
export const CreateApiKey = graphql(`
  mutation RealtimeCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { id } }
  }
`);
export const RevokeApiKey = graphql(`
  mutation RealtimeRevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) { apiKey { id } }
  }
`);
export const LatestCursorQuery = graphql(`
  query RealtimeLatestCursorField { latestCursor }
`);
export const FlagRules = graphql(`
  query RealtimeFlagRules($environment: String!) {
    featureFlags(first: 100) {
      edges { node { slug rule(environment: $environment) { enabled organizationRule organizationIds } } }
    }
  }
`);
export const OrganizationFlags = graphql(`
  query RealtimeOrganizationFlags($id: ID!, $environment: String!) {
    organization(id: $id) { featureFlags(environment: $environment) }
  }
`);

export const FeatureFlagsChanged = graphql(`
  subscription RealtimeFeatureFlagsChanged($after: String) {
    featureFlagsChanged(after: $after) {
      cursor organizationId environment featureFlags added removed reason occurredAt
    }
  }
`);
export const EventsStream = graphql(`
  subscription RealtimeEvents($environment: String!, $after: String) {
    events(environment: $environment, after: $after) { cursor type flagSlug environment { slug } }
  }
`);

export function realtimeFixtures(server: TestServer) {
  let users = 0;
  const fixtures = {
    /** A new organization of the environment (organizations belong to one). */
    async organization(name: string, environment: 'sandbox' | 'production' = 'sandbox'): Promise<string> {
      const result = await server.request(
        CreateOrganization,
        { input: { name } },
        { apiKey: server.keys[environment] },
      );
      return dataOf(result).createOrganization.organization.id;
    },
    async flag(slug: string): Promise<string> {
      const result = await server.request(CreateFlag, { input: { slug, name: slug } });
      return dataOf(result).createFeatureFlag.featureFlag.id;
    },
    /** A new user of the environment, member of its organization, signed in there. */
    async session(
      organizationId: string,
      environment: 'sandbox' | 'production' = 'sandbox',
    ): Promise<{
      accessToken: string;
      sealedSession: string;
      sessionId: string;
      userId: string;
      membershipId: string;
    }> {
      users += 1;
      const apiKey = server.keys[environment];
      const user = dataOf(
        await server.request(
          CreateUser,
          { input: { email: `user${users}-${Math.random().toString(36).slice(2)}@example.com` } },
          { apiKey },
        ),
      ).createUser.user.id;
      const membershipId = dataOf(
        await server.request(CreateMembership, { input: { userId: user, organizationId } }, { apiKey }),
      ).createOrganizationMembership.organizationMembership.id;
      return {
        ...(await fixtures.sessionFor(user, organizationId, environment)),
        userId: user,
        membershipId,
      };
    },
    async sessionFor(
      userId: string,
      organizationId: string,
      environment: 'sandbox' | 'production',
    ): Promise<{ accessToken: string; sealedSession: string; sessionId: string }> {
      const result = await server.request(
        CreateSession,
        { input: { userId, organizationId } },
        { apiKey: server.keys[environment] },
      );
      const { accessToken, sealedSession, session } = dataOf(result).createSession;
      return { accessToken, sealedSession, sessionId: session.id };
    },
    async latestCursor(): Promise<string> {
      const result = await server.request(LatestCursor, {});
      return dataOf(result).events.edges[0]?.node.cursor ?? '0';
    },
    async setEnabled(slug: string, enabled: boolean, environment: 'sandbox' | 'production' = 'sandbox') {
      dataOf(
        await server.request(
          SetEnabled,
          { input: { slug, environment, enabled } },
          { apiKey: server.keys[environment] },
        ),
      );
    },
    async setRule(
      slug: string,
      rule: 'ALL' | 'SOME' | 'NONE',
      organizationIds?: string[],
      environment: 'sandbox' | 'production' = 'sandbox',
    ) {
      dataOf(
        await server.request(
          SetRule,
          { input: { slug, environment, rule, organizationIds } },
          { apiKey: server.keys[environment] },
        ),
      );
    },
    async addOrganization(
      slug: string,
      organizationId: string,
      environment: 'sandbox' | 'production' = 'sandbox',
    ) {
      dataOf(
        await server.request(
          AddOrganization,
          { input: { slug, environment, organizationId } },
          { apiKey: server.keys[environment] },
        ),
      );
    },
    async removeOrganization(
      slug: string,
      organizationId: string,
      environment: 'sandbox' | 'production' = 'sandbox',
    ) {
      dataOf(
        await server.request(
          RemoveOrganization,
          { input: { slug, environment, organizationId } },
          { apiKey: server.keys[environment] },
        ),
      );
    },
  };
  return fixtures;
}

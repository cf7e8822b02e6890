/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuthCurrentEnvironment {\n    currentEnvironment { slug kind }\n  }\n": typeof types.AuthCurrentEnvironmentDocument,
    "\n  query AuthEnvironments {\n    environments { id slug name kind clientId }\n  }\n": typeof types.AuthEnvironmentsDocument,
    "\n  query AuthApiKeys {\n    apiKeys { id name redactedSecret revokedAt lastUsedAt environment { slug } }\n  }\n": typeof types.AuthApiKeysDocument,
    "\n  mutation AuthCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name redactedSecret environment { slug } } }\n  }\n": typeof types.AuthCreateKeyDocument,
    "\n  mutation AuthRevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id revokedAt } }\n  }\n": typeof types.AuthRevokeKeyDocument,
    "\n  mutation AuthCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug name kind clientId } }\n  }\n": typeof types.AuthCreateEnvironmentDocument,
    "\n  mutation AuthCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.AuthCreateFlagDocument,
    "\n  mutation AuthCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.AuthCreateOrganizationDocument,
    "\n  mutation AuthSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled environment { slug } } }\n  }\n": typeof types.AuthSetEnabledDocument,
    "\n  query AuthFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { slug rule(environment: $environment) { enabled version } }\n  }\n": typeof types.AuthFlagRuleDocument,
    "\n  query AuthOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": typeof types.AuthOrganizationFlagsDocument,
    "\n  query AuthEvents($environment: String) {\n    events(environment: $environment, first: 5) { edges { node { type } } }\n  }\n": typeof types.AuthEventsDocument,
    "\n  query CliCurrentEnvironment {\n    currentEnvironment { slug }\n  }\n": typeof types.CliCurrentEnvironmentDocument,
    "\n  query ClientCurrentEnvironment { currentEnvironment { clientId } }\n": typeof types.ClientCurrentEnvironmentDocument,
    "\n  mutation ClientRefreshWithSeal($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n": typeof types.ClientRefreshWithSealDocument,
    "\n  query DashboardServingEnvironment {\n    currentEnvironment {\n      slug\n    }\n  }\n": typeof types.DashboardServingEnvironmentDocument,
    "\n  mutation DashboardCreateOrganization($name: String!) {\n    createOrganization(input: { name: $name }) {\n      organization {\n        id\n      }\n    }\n  }\n": typeof types.DashboardCreateOrganizationDocument,
    "\n  query DashboardSandboxRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        enabled\n        organizationRule\n        organizationIds\n        version\n      }\n    }\n  }\n": typeof types.DashboardSandboxRuleDocument,
    "\n  mutation DashboardSetEnabled($slug: String!, $environment: String!, $enabled: Boolean!) {\n    setFeatureFlagEnabled(input: { slug: $slug, environment: $environment, enabled: $enabled }) {\n      rule {\n        version\n      }\n    }\n  }\n": typeof types.DashboardSetEnabledDocument,
    "\n  mutation IsolationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.IsolationCreateOrganizationDocument,
    "\n  mutation IsolationCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.IsolationCreateUserDocument,
    "\n  mutation IsolationCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.IsolationCreateMembershipDocument,
    "\n  mutation IsolationCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n": typeof types.IsolationCreateSessionDocument,
    "\n  query IsolationOrganization($id: ID!) { organization(id: $id) { id name } }\n": typeof types.IsolationOrganizationDocument,
    "\n  query IsolationOrganizations { organizations(first: 100) { edges { node { id } } } }\n": typeof types.IsolationOrganizationsDocument,
    "\n  query IsolationUser($id: ID!) { user(id: $id) { id email } }\n": typeof types.IsolationUserDocument,
    "\n  query IsolationUsers { users(first: 100) { edges { node { id email } } } }\n": typeof types.IsolationUsersDocument,
    "\n  mutation IsolationUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id } }\n  }\n": typeof types.IsolationUpdateOrganizationDocument,
    "\n  mutation IsolationDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": typeof types.IsolationDeleteOrganizationDocument,
    "\n  mutation IsolationDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n": typeof types.IsolationDeleteUserDocument,
    "\n  mutation IsolationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.IsolationCreateFlagDocument,
    "\n  mutation IsolationAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n": typeof types.IsolationAddFlagOrganizationDocument,
    "\n  subscription IsolationFlagsChanged { featureFlagsChanged { organizationId featureFlags } }\n": typeof types.IsolationFlagsChangedDocument,
    "\n      mutation IsolationCreateEnvironment($input: CreateEnvironmentInput!) {\n        createEnvironment(input: $input) { environment { id clientId } }\n      }\n    ": typeof types.IsolationCreateEnvironmentDocument,
    "\n  subscription IsolationFlagsChangedAfter($after: String) {\n    featureFlagsChanged(after: $after) { organizationId featureFlags }\n  }\n": typeof types.IsolationFlagsChangedAfterDocument,
    "\n  query IsolationLatestCursor { latestCursor }\n": typeof types.IsolationLatestCursorDocument,
    "\n  mutation IsolationRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken organizationId } }\n  }\n": typeof types.IsolationRefreshSessionDocument,
    "\n  mutation IsolationDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": typeof types.IsolationDeleteMembershipDocument,
    "\n  mutation IsolationSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { featureFlag { id } }\n  }\n": typeof types.IsolationSetFlagEnabledDocument,
    "\n  mutation EvaluationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.EvaluationCreateFlagDocument,
    "\n  mutation EvaluationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.EvaluationCreateOrganizationDocument,
    "\n  mutation EvaluationSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.EvaluationSetRuleDocument,
    "\n  mutation EvaluationSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": typeof types.EvaluationSetEnabledDocument,
    "\n  query EvaluationOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": typeof types.EvaluationOrganizationFlagsDocument,
    "\n  mutation EventsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.EventsCreateFlagDocument,
    "\n  mutation EventsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.EventsUpdateFlagDocument,
    "\n  mutation EventsDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n": typeof types.EventsDeleteFlagDocument,
    "\n  mutation EventsSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": typeof types.EventsSetEnabledDocument,
    "\n  mutation EventsSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.EventsSetRuleDocument,
    "\n  mutation EventsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.EventsCreateOrganizationDocument,
    "\n  mutation EventsDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": typeof types.EventsDeleteOrganizationDocument,
    "\n  query EventsKeys {\n    apiKeys { id name }\n    currentEnvironment { id }\n  }\n": typeof types.EventsKeysDocument,
    "\n  query EventsList($first: Int, $after: String, $flagSlug: String, $type: String, $environment: String) {\n    events(first: $first, after: $after, flagSlug: $flagSlug, type: $type, environment: $environment) {\n      edges {\n        cursor\n        node { id cursor type actorType actorId flagId flagSlug organizationId before after createdAt environment { slug } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.EventsListDocument,
    "\n  mutation FanOutSharedAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n": typeof types.FanOutSharedAddUserDocument,
    "\n  mutation FanOutSharedRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n": typeof types.FanOutSharedRemoveUserDocument,
    "\n  mutation FlagsCreate($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        id\n        slug\n        name\n        description\n        tags\n        sandbox: rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy }\n      }\n    }\n  }\n": typeof types.FlagsCreateDocument,
    "\n  mutation FlagsUpdate($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id slug name description tags } }\n  }\n": typeof types.FlagsUpdateDocument,
    "\n  mutation FlagsDelete($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId slug }\n  }\n": typeof types.FlagsDeleteDocument,
    "\n  query FlagsBySlug($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { id slug name description tags rule(environment: $environment) { enabled organizationRule version } }\n  }\n": typeof types.FlagsBySlugDocument,
    "\n  query FlagsList($tag: String, $search: String, $first: Int, $after: String) {\n    featureFlags(tag: $tag, search: $search, first: $first, after: $after) {\n      edges { cursor node { slug } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.FlagsListDocument,
    "\n  query FlagsListBackwards($tag: String, $last: Int, $before: String) {\n    featureFlags(tag: $tag, last: $last, before: $before) {\n      edges { node { slug } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n": typeof types.FlagsListBackwardsDocument,
    "\n  query FlagsEvents($flagSlug: String) {\n    events(flagSlug: $flagSlug, first: 50) { edges { node { type flagSlug before after } } }\n  }\n": typeof types.FlagsEventsDocument,
    "\n  query FlagsFaultOrganizations { organizations(first: 1) { edges { node { id } } } }\n": typeof types.FlagsFaultOrganizationsDocument,
    "\n  mutation GraphiqlCreateFlag($slug: String!) {\n    createFeatureFlag(input: { slug: $slug, name: \"From the test\" }) { featureFlag { slug } }\n  }\n": typeof types.GraphiqlCreateFlagDocument,
    "\n  mutation TargetsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n": typeof types.TargetsCreateEndpointDocument,
    "\n  query TargetsEndpoints { webhookEndpoints { id deliveries { status lastStatusCode lastError } } }\n": typeof types.TargetsEndpointsDocument,
    "\n  mutation TargetsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.TargetsCreateFlagDocument,
    "\n  mutation SeedCreateEnvironment($slug: String!, $name: String!) {\n    createEnvironment(input: { slug: $slug, name: $name, kind: SANDBOX }) {\n      environment {\n        slug\n      }\n    }\n  }\n": typeof types.SeedCreateEnvironmentDocument,
    "\n  mutation SeedCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n": typeof types.SeedCreateFlagDocument,
    "\n  mutation SeedSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n": typeof types.SeedSetEnabledDocument,
    "\n  mutation SeedSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n": typeof types.SeedSetRuleDocument,
    "\n  mutation SeedCreateOrganization($name: String!, $externalId: String) {\n    createOrganization(input: { name: $name, externalId: $externalId }) {\n      organization {\n        id\n      }\n    }\n  }\n": typeof types.SeedCreateOrganizationDocument,
    "\n  mutation RealtimeCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.RealtimeCreateOrganizationDocument,
    "\n  mutation RealtimeCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.RealtimeCreateFlagDocument,
    "\n  mutation RealtimeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.RealtimeCreateUserDocument,
    "\n  mutation RealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.RealtimeCreateMembershipDocument,
    "\n  mutation RealtimeCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken sealedSession session { id } }\n  }\n": typeof types.RealtimeCreateSessionDocument,
    "\n  query RealtimeLatestCursor { events(first: 1) { edges { node { cursor } } } }\n": typeof types.RealtimeLatestCursorDocument,
    "\n  mutation RealtimeSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": typeof types.RealtimeSetEnabledDocument,
    "\n  mutation RealtimeSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.RealtimeSetRuleDocument,
    "\n  mutation RealtimeAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": typeof types.RealtimeAddOrganizationDocument,
    "\n  mutation RealtimeRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": typeof types.RealtimeRemoveOrganizationDocument,
    "\n  mutation RealtimeDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n": typeof types.RealtimeDeleteFlagDocument,
    "\n  mutation RealtimeDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": typeof types.RealtimeDeleteOrganizationDocument,
    "\n  mutation RealtimeRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n": typeof types.RealtimeRevokeSessionDocument,
    "\n  mutation RealtimeDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": typeof types.RealtimeDeleteMembershipDocument,
    "\n  mutation RealtimeDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n": typeof types.RealtimeDeleteUserDocument,
    "\n  mutation RealtimeCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id } }\n  }\n": typeof types.RealtimeCreateApiKeyDocument,
    "\n  mutation RealtimeRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id } }\n  }\n": typeof types.RealtimeRevokeApiKeyDocument,
    "\n  query RealtimeLatestCursorField { latestCursor }\n": typeof types.RealtimeLatestCursorFieldDocument,
    "\n  query RealtimeFlagRules($environment: String!) {\n    featureFlags(first: 100) {\n      edges { node { slug rule(environment: $environment) { enabled organizationRule organizationIds } } }\n    }\n  }\n": typeof types.RealtimeFlagRulesDocument,
    "\n  query RealtimeOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": typeof types.RealtimeOrganizationFlagsDocument,
    "\n  subscription RealtimeFeatureFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) {\n      cursor organizationId environment featureFlags added removed reason occurredAt\n    }\n  }\n": typeof types.RealtimeFeatureFlagsChangedDocument,
    "\n  subscription RealtimeEvents($environment: String!, $after: String) {\n    events(environment: $environment, after: $after) { cursor type flagSlug environment { slug } }\n  }\n": typeof types.RealtimeEventsDocument,
    "\n  mutation MemoryReadsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { updatedAt } }\n  }\n": typeof types.MemoryReadsUpdateFlagDocument,
    "\n  mutation MemoryReadsSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.MemoryReadsSetPercentageDocument,
    "\n  query MemoryReadsFlagWithRule($slug: String!) {\n    featureFlag(slug: $slug) {\n      slug\n      name\n      updatedAt\n      rule(environment: \"sandbox\") {\n        id\n        enabled\n        organizationRule\n        organizationIds\n        version\n        updatedAt\n        updatedBy\n        rolloutSalt\n        environment { slug }\n        organizations { id name }\n      }\n    }\n  }\n": typeof types.MemoryReadsFlagWithRuleDocument,
    "\n  query MemoryReadsOrganization($id: ID!) {\n    organization(id: $id) { id name featureFlags(environment: \"sandbox\") }\n  }\n": typeof types.MemoryReadsOrganizationDocument,
    "\n  query MemoryReadsFlagList($search: String) {\n    featureFlags(first: 10, search: $search) {\n      edges { cursor node { slug tags rule(environment: \"sandbox\") { enabled } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MemoryReadsFlagListDocument,
    "\n  mutation MemoryReadsCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug } }\n  }\n": typeof types.MemoryReadsCreateEnvironmentDocument,
    "\n  mutation MemoryReadsCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n": typeof types.MemoryReadsCreateApiKeyDocument,
    "subscription OperatorRolesEvents { events(environment: \"production\") { type actorType } }": typeof types.OperatorRolesEventsDocument,
    "subscription OperatorRolesSandboxEvents { events(environment: \"sandbox\") { type actorType actorId } }": typeof types.OperatorRolesSandboxEventsDocument,
    "subscription OperatorRolesForeign { events(environment: \"sandbox\") { type } }": typeof types.OperatorRolesForeignDocument,
    "subscription OperatorRolesSignedOut { events(environment: \"sandbox\") { type } }": typeof types.OperatorRolesSignedOutDocument,
    "subscription OperatorRolesExpiring { events(environment: \"sandbox\") { type } }": typeof types.OperatorRolesExpiringDocument,
    "\n  mutation OrganizationsCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name externalId createdAt updatedAt } }\n  }\n": typeof types.OrganizationsCreateDocument,
    "\n  mutation OrganizationsUpdate($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id name externalId } }\n  }\n": typeof types.OrganizationsUpdateDocument,
    "\n  mutation OrganizationsDelete($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": typeof types.OrganizationsDeleteDocument,
    "\n  query OrganizationsById($id: ID!) {\n    organization(id: $id) { id name externalId featureFlags(environment: \"sandbox\") }\n  }\n": typeof types.OrganizationsByIdDocument,
    "\n  query OrganizationsList($first: Int, $after: String, $search: String) {\n    organizations(first: $first, after: $after, search: $search) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n    }\n  }\n": typeof types.OrganizationsListDocument,
    "\n  mutation OrganizationsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.OrganizationsCreateFlagDocument,
    "\n  mutation OrganizationsAddToFlag($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n": typeof types.OrganizationsAddToFlagDocument,
    "\n  mutation OrganizationsEnableFlag($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n": typeof types.OrganizationsEnableFlagDocument,
    "\n  query OrganizationsFlagRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { organizationRule organizationIds organizations { id } } }\n  }\n": typeof types.OrganizationsFlagRuleDocument,
    "\n  query OrganizationsEvents($type: String) {\n    events(type: $type, first: 100) { edges { node { type organizationId actorId before after environment { slug } } } }\n  }\n": typeof types.OrganizationsEventsDocument,
    "\n  mutation PersistenceCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.PersistenceCreateFlagDocument,
    "\n  mutation PersistenceCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.PersistenceCreateOrganizationDocument,
    "\n  mutation PersistenceAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": typeof types.PersistenceAddOrganizationDocument,
    "\n  mutation PersistenceSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": typeof types.PersistenceSetEnabledDocument,
    "\n  mutation PersistenceCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n": typeof types.PersistenceCreateKeyDocument,
    "\n  query PersistenceSnapshot($organizationId: ID!) {\n    environments { id slug clientId }\n    featureFlags(first: 10) { edges { node { id slug name tags rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy } } } }\n    organizations(first: 10) { edges { node { id name externalId } } }\n    organization(id: $organizationId) { featureFlags(environment: \"sandbox\") }\n    events(first: 30) { edges { node { id type actorId before after } } }\n    apiKeys { id name }\n  }\n": typeof types.PersistenceSnapshotDocument,
    "\n  mutation QueryCountCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.QueryCountCreateFlagDocument,
    "\n  mutation QueryCountCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.QueryCountCreateOrganizationDocument,
    "\n  mutation QueryCountSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.QueryCountSetRuleDocument,
    "\n  query QueryCountFlagsWithRules {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rule(environment: \"sandbox\") {\n            enabled\n            organizationRule\n            organizationIds\n            version\n            updatedAt\n            updatedBy\n            environment { slug }\n            organizations { id name }\n          }\n        }\n      }\n    }\n  }\n": typeof types.QueryCountFlagsWithRulesDocument,
    "\n  query QueryCountFlagTable($environments: [String!]!) {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rules(environments: $environments) {\n            enabled\n            organizationRule\n            version\n            environment { slug }\n          }\n        }\n      }\n    }\n  }\n": typeof types.QueryCountFlagTableDocument,
    "\n  mutation QueryCountCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.QueryCountCreateUserDocument,
    "\n  mutation QueryCountCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.QueryCountCreateMembershipDocument,
    "\n  mutation QueryCountCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession }\n  }\n": typeof types.QueryCountCreateSessionDocument,
    "\n  mutation QueryCountRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags user { id email } } }\n  }\n": typeof types.QueryCountRefreshSessionDocument,
    "\n  mutation QueryCountUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id } }\n  }\n": typeof types.QueryCountUpdateUserDocument,
    "\n  subscription ShapesNarrow { featureFlagsChanged { organizationId added } }\n": typeof types.ShapesNarrowDocument,
    "\n  subscription ShapesAliased { change: featureFlagsChanged { flags: featureFlags __typename } }\n": typeof types.ShapesAliasedDocument,
    "\n  subscription ShapesConditional($withFlags: Boolean!) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n": typeof types.ShapesConditionalDocument,
    "\n  subscription ShapesFragment($withReason: Boolean!) {\n    featureFlagsChanged { ...ShapesChangeFields }\n  }\n  fragment ShapesChangeFields on FeatureFlagsChange { added reason @include(if: $withReason) }\n": typeof types.ShapesFragmentDocument,
    "\n  subscription ShapesDefaulted($withFlags: Boolean = true) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n": typeof types.ShapesDefaultedDocument,
    "\n  mutation RealtimeVolumeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.RealtimeVolumeCreateUserDocument,
    "\n  mutation RealtimeVolumeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.RealtimeVolumeCreateMembershipDocument,
    "\n  mutation RefreshPathsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.RefreshPathsCreateOrganizationDocument,
    "\n  mutation RefreshPathsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.RefreshPathsCreateUserDocument,
    "\n  mutation RefreshPathsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.RefreshPathsCreateMembershipDocument,
    "\n  mutation RefreshPathsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": typeof types.RefreshPathsDeleteMembershipDocument,
    "\n  mutation RefreshPathsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n": typeof types.RefreshPathsCreateSessionDocument,
    "\n  mutation RefreshPathsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n": typeof types.RefreshPathsRevokeSessionDocument,
    "\n  mutation RefreshPathsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { id organizationId role accessToken } }\n  }\n": typeof types.RefreshPathsRefreshSessionDocument,
    "\n  mutation RetentionRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n": typeof types.RetentionRefreshDocument,
    "\n  mutation RulesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.RulesCreateFlagDocument,
    "\n  mutation RulesCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.RulesCreateOrganizationDocument,
    "\n  mutation RulesSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule { enabled organizationRule version updatedBy updatedAt environment { slug } }\n      featureFlag { slug }\n    }\n  }\n": typeof types.RulesSetEnabledDocument,
    "\n  mutation RulesSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule { id flagSlug enabled organizationRule organizationIds organizations { id } version }\n    }\n  }\n": typeof types.RulesSetRuleDocument,
    "\n  mutation RulesAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n": typeof types.RulesAddOrganizationDocument,
    "\n  mutation RulesRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n": typeof types.RulesRemoveOrganizationDocument,
    "\n  mutation RulesDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": typeof types.RulesDeleteOrganizationDocument,
    "\n  query RulesRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds version } }\n  }\n": typeof types.RulesRuleDocument,
    "\n  query RulesEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, first: 100) { edges { node { type actorId before after environment { slug } } } }\n  }\n": typeof types.RulesEventsDocument,
    "\n  mutation SessionsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.SessionsCreateOrganizationDocument,
    "\n  mutation SessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.SessionsCreateFlagDocument,
    "\n  mutation SessionsAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": typeof types.SessionsAddFlagOrganizationDocument,
    "\n  mutation SessionsSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n": typeof types.SessionsSetFlagEnabledDocument,
    "\n  mutation SessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.SessionsCreateUserDocument,
    "\n  mutation SessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id role } }\n  }\n": typeof types.SessionsCreateMembershipDocument,
    "\n  mutation SessionsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": typeof types.SessionsDeleteMembershipDocument,
    "\n  mutation SessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      sealedSession accessToken refreshToken\n      session { id expiresAt revokedAt user { id email } organization { id } environment { slug } }\n    }\n  }\n": typeof types.SessionsCreateSessionDocument,
    "\n  mutation SessionsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      sealedSession\n      session { id organizationId role permissions featureFlags accessToken expiresAt user { id email } }\n    }\n  }\n": typeof types.SessionsRefreshSessionDocument,
    "\n  mutation SessionsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id revokedAt revokedReason } }\n  }\n": typeof types.SessionsRevokeSessionDocument,
    "\n  mutation SessionsSignOut($input: SignOutInput!) {\n    signOut(input: $input) { sessionId }\n  }\n": typeof types.SessionsSignOutDocument,
    "\n  query SessionsList($userId: ID, $organizationId: ID) {\n    sessions(userId: $userId, organizationId: $organizationId) { id organization { id } }\n  }\n": typeof types.SessionsListDocument,
    "\n  query SessionsEvents($type: String) {\n    events(type: $type, first: 20) { edges { node { type organizationId after } } }\n  }\n": typeof types.SessionsEventsDocument,
    "\n  mutation AlgorithmsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.AlgorithmsCreateOrganizationDocument,
    "\n  mutation AlgorithmsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.AlgorithmsCreateUserDocument,
    "\n  mutation AlgorithmsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.AlgorithmsCreateMembershipDocument,
    "\n  mutation AlgorithmsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken }\n  }\n": typeof types.AlgorithmsCreateSessionDocument,
    "\n  mutation TargetingRealtimeSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.TargetingRealtimeSetPercentageDocument,
    "\n  mutation TargetingRealtimeAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n": typeof types.TargetingRealtimeAddUserDocument,
    "\n  mutation TargetingRealtimeRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n": typeof types.TargetingRealtimeRemoveUserDocument,
    "\n  mutation TargetingRealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.TargetingRealtimeCreateMembershipDocument,
    "\n  mutation TargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version organizationRule percentage organizationIds } }\n  }\n": typeof types.TargetingSetPercentageDocument,
    "\n  mutation TargetingAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version userIds users { id email } } }\n  }\n": typeof types.TargetingAddUserDocument,
    "\n  mutation TargetingRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version userIds } }\n  }\n": typeof types.TargetingRemoveUserDocument,
    "\n  mutation TargetingReroll($input: RerollFeatureFlagRolloutInput!) {\n    rerollFeatureFlagRollout(input: $input) { rule { version percentage } }\n  }\n": typeof types.TargetingRerollDocument,
    "\n  query TargetingRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) { version enabled organizationRule organizationIds percentage userIds }\n    }\n  }\n": typeof types.TargetingRuleDocument,
    "\n  query TargetingOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": typeof types.TargetingOrganizationFlagsDocument,
    "\n  query TargetingRuleEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type before after } } }\n  }\n": typeof types.TargetingRuleEventsDocument,
    "\n  mutation TargetingRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags } }\n  }\n": typeof types.TargetingRefreshDocument,
    "\n  mutation TargetingDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n": typeof types.TargetingDeleteFlagDocument,
    "\n  mutation TokensCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.TokensCreateOrganizationDocument,
    "\n  mutation TokensCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.TokensCreateUserDocument,
    "\n  mutation TokensCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.TokensCreateMembershipDocument,
    "\n  mutation TokensCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n": typeof types.TokensCreateSessionDocument,
    "\n  query TokensLatestCursor { latestCursor }\n": typeof types.TokensLatestCursorDocument,
    "\n  mutation TokensRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken } }\n  }\n": typeof types.TokensRefreshSessionDocument,
    "\n  mutation UsersCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.UsersCreateOrganizationDocument,
    "\n  mutation UsersCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id email firstName lastName emailVerified externalId createdAt } }\n  }\n": typeof types.UsersCreateUserDocument,
    "\n  mutation UsersUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id email firstName lastName emailVerified externalId } }\n  }\n": typeof types.UsersUpdateUserDocument,
    "\n  mutation UsersDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n": typeof types.UsersDeleteUserDocument,
    "\n  mutation UsersCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) {\n      organizationMembership { id role status user { id } organization { id } }\n    }\n  }\n": typeof types.UsersCreateMembershipDocument,
    "\n  mutation UsersDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": typeof types.UsersDeleteMembershipDocument,
    "\n  query UsersUser($id: ID!) {\n    user(id: $id) { id email memberships { id role organization { id name } } }\n  }\n": typeof types.UsersUserDocument,
    "\n  query UsersList($search: String, $first: Int) {\n    users(search: $search, first: $first) { edges { node { id email } } }\n  }\n": typeof types.UsersListDocument,
    "\n  query UsersOrganizationMembers($id: ID!) {\n    organization(id: $id) { memberships { id role user { id email } } }\n  }\n": typeof types.UsersOrganizationMembersDocument,
    "\n  query UsersEvents($type: String) {\n    events(type: $type, first: 50) { edges { node { type actorType organizationId before after } } }\n  }\n": typeof types.UsersEventsDocument,
    "\n  mutation WorkosCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id slug } }\n  }\n": typeof types.WorkosCreateFlagDocument,
    "\n  mutation WorkosCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.WorkosCreateOrganizationDocument,
    "\n  mutation WorkosSetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.WorkosSetOrganizationRuleDocument,
    "\n  query WorkosFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds } }\n  }\n": typeof types.WorkosFlagRuleDocument,
    "\n  query WorkosOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": typeof types.WorkosOrganizationFlagsDocument,
    "\n  query WorkosFlagEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type actorId } } }\n  }\n": typeof types.WorkosFlagEventsDocument,
    "\n  mutation WorkosSessionsSetupOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.WorkosSessionsSetupOrganizationDocument,
    "\n  mutation WorkosSessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.WorkosSessionsCreateFlagDocument,
    "\n  mutation WorkosSessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": typeof types.WorkosSessionsCreateUserDocument,
    "\n  mutation WorkosSessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": typeof types.WorkosSessionsCreateMembershipDocument,
    "\n  mutation WorkosSessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession refreshToken }\n  }\n": typeof types.WorkosSessionsCreateSessionDocument,
    "\n  subscription WorkosSessionsFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) { featureFlags added reason }\n  }\n": typeof types.WorkosSessionsFlagsChangedDocument,
    "\n  query WorkosSessionsFlagCreatedEvent($flagSlug: String!) {\n    events(flagSlug: $flagSlug, type: \"flag.created\", first: 1) { edges { node { cursor } } }\n  }\n": typeof types.WorkosSessionsFlagCreatedEventDocument,
    "\n  query WorkosSessionsCurrentEnvironment { currentEnvironment { clientId } }\n": typeof types.WorkosSessionsCurrentEnvironmentDocument,
    "\n  mutation WorkosTargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": typeof types.WorkosTargetingSetPercentageDocument,
    "\n  query WorkosTargetingRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { userIds organizationRule percentage } }\n  }\n": typeof types.WorkosTargetingRuleDocument,
    "\n  query WorkosTargetingOrganizationFlags($id: ID!) {\n    organization(id: $id) { featureFlags(environment: \"sandbox\") }\n  }\n": typeof types.WorkosTargetingOrganizationFlagsDocument,
    "\n  mutation InstancesCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n": typeof types.InstancesCreateEndpointDocument,
    "\n  query InstancesDeliveries {\n    webhookEndpoints { deliveries(first: 100) { eventId status attempts } }\n  }\n": typeof types.InstancesDeliveriesDocument,
    "\n  mutation InstancesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.InstancesCreateFlagDocument,
    "\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url events enabled environment { slug } } }\n  }\n": typeof types.WebhooksCreateEndpointDocument,
    "\n  mutation WebhooksDeleteEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId }\n  }\n": typeof types.WebhooksDeleteEndpointDocument,
    "\n  query WebhooksEndpoints {\n    webhookEndpoints { id url deliveries { eventId status attempts lastStatusCode lastError deliveredAt } }\n  }\n": typeof types.WebhooksEndpointsDocument,
    "\n  mutation WebhooksCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.WebhooksCreateFlagDocument,
    "\n  mutation WebhooksUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": typeof types.WebhooksUpdateFlagDocument,
    "\n  mutation WebhooksDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId }\n  }\n": typeof types.WebhooksDeleteFlagDocument,
    "\n  mutation WebhooksCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": typeof types.WebhooksCreateOrganizationDocument,
};
const documents: Documents = {
    "\n  query AuthCurrentEnvironment {\n    currentEnvironment { slug kind }\n  }\n": types.AuthCurrentEnvironmentDocument,
    "\n  query AuthEnvironments {\n    environments { id slug name kind clientId }\n  }\n": types.AuthEnvironmentsDocument,
    "\n  query AuthApiKeys {\n    apiKeys { id name redactedSecret revokedAt lastUsedAt environment { slug } }\n  }\n": types.AuthApiKeysDocument,
    "\n  mutation AuthCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name redactedSecret environment { slug } } }\n  }\n": types.AuthCreateKeyDocument,
    "\n  mutation AuthRevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id revokedAt } }\n  }\n": types.AuthRevokeKeyDocument,
    "\n  mutation AuthCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug name kind clientId } }\n  }\n": types.AuthCreateEnvironmentDocument,
    "\n  mutation AuthCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.AuthCreateFlagDocument,
    "\n  mutation AuthCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.AuthCreateOrganizationDocument,
    "\n  mutation AuthSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled environment { slug } } }\n  }\n": types.AuthSetEnabledDocument,
    "\n  query AuthFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { slug rule(environment: $environment) { enabled version } }\n  }\n": types.AuthFlagRuleDocument,
    "\n  query AuthOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": types.AuthOrganizationFlagsDocument,
    "\n  query AuthEvents($environment: String) {\n    events(environment: $environment, first: 5) { edges { node { type } } }\n  }\n": types.AuthEventsDocument,
    "\n  query CliCurrentEnvironment {\n    currentEnvironment { slug }\n  }\n": types.CliCurrentEnvironmentDocument,
    "\n  query ClientCurrentEnvironment { currentEnvironment { clientId } }\n": types.ClientCurrentEnvironmentDocument,
    "\n  mutation ClientRefreshWithSeal($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n": types.ClientRefreshWithSealDocument,
    "\n  query DashboardServingEnvironment {\n    currentEnvironment {\n      slug\n    }\n  }\n": types.DashboardServingEnvironmentDocument,
    "\n  mutation DashboardCreateOrganization($name: String!) {\n    createOrganization(input: { name: $name }) {\n      organization {\n        id\n      }\n    }\n  }\n": types.DashboardCreateOrganizationDocument,
    "\n  query DashboardSandboxRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        enabled\n        organizationRule\n        organizationIds\n        version\n      }\n    }\n  }\n": types.DashboardSandboxRuleDocument,
    "\n  mutation DashboardSetEnabled($slug: String!, $environment: String!, $enabled: Boolean!) {\n    setFeatureFlagEnabled(input: { slug: $slug, environment: $environment, enabled: $enabled }) {\n      rule {\n        version\n      }\n    }\n  }\n": types.DashboardSetEnabledDocument,
    "\n  mutation IsolationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.IsolationCreateOrganizationDocument,
    "\n  mutation IsolationCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.IsolationCreateUserDocument,
    "\n  mutation IsolationCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.IsolationCreateMembershipDocument,
    "\n  mutation IsolationCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n": types.IsolationCreateSessionDocument,
    "\n  query IsolationOrganization($id: ID!) { organization(id: $id) { id name } }\n": types.IsolationOrganizationDocument,
    "\n  query IsolationOrganizations { organizations(first: 100) { edges { node { id } } } }\n": types.IsolationOrganizationsDocument,
    "\n  query IsolationUser($id: ID!) { user(id: $id) { id email } }\n": types.IsolationUserDocument,
    "\n  query IsolationUsers { users(first: 100) { edges { node { id email } } } }\n": types.IsolationUsersDocument,
    "\n  mutation IsolationUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id } }\n  }\n": types.IsolationUpdateOrganizationDocument,
    "\n  mutation IsolationDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": types.IsolationDeleteOrganizationDocument,
    "\n  mutation IsolationDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n": types.IsolationDeleteUserDocument,
    "\n  mutation IsolationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.IsolationCreateFlagDocument,
    "\n  mutation IsolationAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n": types.IsolationAddFlagOrganizationDocument,
    "\n  subscription IsolationFlagsChanged { featureFlagsChanged { organizationId featureFlags } }\n": types.IsolationFlagsChangedDocument,
    "\n      mutation IsolationCreateEnvironment($input: CreateEnvironmentInput!) {\n        createEnvironment(input: $input) { environment { id clientId } }\n      }\n    ": types.IsolationCreateEnvironmentDocument,
    "\n  subscription IsolationFlagsChangedAfter($after: String) {\n    featureFlagsChanged(after: $after) { organizationId featureFlags }\n  }\n": types.IsolationFlagsChangedAfterDocument,
    "\n  query IsolationLatestCursor { latestCursor }\n": types.IsolationLatestCursorDocument,
    "\n  mutation IsolationRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken organizationId } }\n  }\n": types.IsolationRefreshSessionDocument,
    "\n  mutation IsolationDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": types.IsolationDeleteMembershipDocument,
    "\n  mutation IsolationSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { featureFlag { id } }\n  }\n": types.IsolationSetFlagEnabledDocument,
    "\n  mutation EvaluationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.EvaluationCreateFlagDocument,
    "\n  mutation EvaluationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.EvaluationCreateOrganizationDocument,
    "\n  mutation EvaluationSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.EvaluationSetRuleDocument,
    "\n  mutation EvaluationSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": types.EvaluationSetEnabledDocument,
    "\n  query EvaluationOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": types.EvaluationOrganizationFlagsDocument,
    "\n  mutation EventsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.EventsCreateFlagDocument,
    "\n  mutation EventsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.EventsUpdateFlagDocument,
    "\n  mutation EventsDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n": types.EventsDeleteFlagDocument,
    "\n  mutation EventsSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": types.EventsSetEnabledDocument,
    "\n  mutation EventsSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.EventsSetRuleDocument,
    "\n  mutation EventsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.EventsCreateOrganizationDocument,
    "\n  mutation EventsDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": types.EventsDeleteOrganizationDocument,
    "\n  query EventsKeys {\n    apiKeys { id name }\n    currentEnvironment { id }\n  }\n": types.EventsKeysDocument,
    "\n  query EventsList($first: Int, $after: String, $flagSlug: String, $type: String, $environment: String) {\n    events(first: $first, after: $after, flagSlug: $flagSlug, type: $type, environment: $environment) {\n      edges {\n        cursor\n        node { id cursor type actorType actorId flagId flagSlug organizationId before after createdAt environment { slug } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.EventsListDocument,
    "\n  mutation FanOutSharedAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n": types.FanOutSharedAddUserDocument,
    "\n  mutation FanOutSharedRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n": types.FanOutSharedRemoveUserDocument,
    "\n  mutation FlagsCreate($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        id\n        slug\n        name\n        description\n        tags\n        sandbox: rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy }\n      }\n    }\n  }\n": types.FlagsCreateDocument,
    "\n  mutation FlagsUpdate($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id slug name description tags } }\n  }\n": types.FlagsUpdateDocument,
    "\n  mutation FlagsDelete($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId slug }\n  }\n": types.FlagsDeleteDocument,
    "\n  query FlagsBySlug($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { id slug name description tags rule(environment: $environment) { enabled organizationRule version } }\n  }\n": types.FlagsBySlugDocument,
    "\n  query FlagsList($tag: String, $search: String, $first: Int, $after: String) {\n    featureFlags(tag: $tag, search: $search, first: $first, after: $after) {\n      edges { cursor node { slug } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.FlagsListDocument,
    "\n  query FlagsListBackwards($tag: String, $last: Int, $before: String) {\n    featureFlags(tag: $tag, last: $last, before: $before) {\n      edges { node { slug } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n": types.FlagsListBackwardsDocument,
    "\n  query FlagsEvents($flagSlug: String) {\n    events(flagSlug: $flagSlug, first: 50) { edges { node { type flagSlug before after } } }\n  }\n": types.FlagsEventsDocument,
    "\n  query FlagsFaultOrganizations { organizations(first: 1) { edges { node { id } } } }\n": types.FlagsFaultOrganizationsDocument,
    "\n  mutation GraphiqlCreateFlag($slug: String!) {\n    createFeatureFlag(input: { slug: $slug, name: \"From the test\" }) { featureFlag { slug } }\n  }\n": types.GraphiqlCreateFlagDocument,
    "\n  mutation TargetsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n": types.TargetsCreateEndpointDocument,
    "\n  query TargetsEndpoints { webhookEndpoints { id deliveries { status lastStatusCode lastError } } }\n": types.TargetsEndpointsDocument,
    "\n  mutation TargetsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.TargetsCreateFlagDocument,
    "\n  mutation SeedCreateEnvironment($slug: String!, $name: String!) {\n    createEnvironment(input: { slug: $slug, name: $name, kind: SANDBOX }) {\n      environment {\n        slug\n      }\n    }\n  }\n": types.SeedCreateEnvironmentDocument,
    "\n  mutation SeedCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n": types.SeedCreateFlagDocument,
    "\n  mutation SeedSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n": types.SeedSetEnabledDocument,
    "\n  mutation SeedSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n": types.SeedSetRuleDocument,
    "\n  mutation SeedCreateOrganization($name: String!, $externalId: String) {\n    createOrganization(input: { name: $name, externalId: $externalId }) {\n      organization {\n        id\n      }\n    }\n  }\n": types.SeedCreateOrganizationDocument,
    "\n  mutation RealtimeCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.RealtimeCreateOrganizationDocument,
    "\n  mutation RealtimeCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.RealtimeCreateFlagDocument,
    "\n  mutation RealtimeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.RealtimeCreateUserDocument,
    "\n  mutation RealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.RealtimeCreateMembershipDocument,
    "\n  mutation RealtimeCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken sealedSession session { id } }\n  }\n": types.RealtimeCreateSessionDocument,
    "\n  query RealtimeLatestCursor { events(first: 1) { edges { node { cursor } } } }\n": types.RealtimeLatestCursorDocument,
    "\n  mutation RealtimeSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": types.RealtimeSetEnabledDocument,
    "\n  mutation RealtimeSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.RealtimeSetRuleDocument,
    "\n  mutation RealtimeAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": types.RealtimeAddOrganizationDocument,
    "\n  mutation RealtimeRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": types.RealtimeRemoveOrganizationDocument,
    "\n  mutation RealtimeDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n": types.RealtimeDeleteFlagDocument,
    "\n  mutation RealtimeDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": types.RealtimeDeleteOrganizationDocument,
    "\n  mutation RealtimeRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n": types.RealtimeRevokeSessionDocument,
    "\n  mutation RealtimeDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": types.RealtimeDeleteMembershipDocument,
    "\n  mutation RealtimeDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n": types.RealtimeDeleteUserDocument,
    "\n  mutation RealtimeCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id } }\n  }\n": types.RealtimeCreateApiKeyDocument,
    "\n  mutation RealtimeRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id } }\n  }\n": types.RealtimeRevokeApiKeyDocument,
    "\n  query RealtimeLatestCursorField { latestCursor }\n": types.RealtimeLatestCursorFieldDocument,
    "\n  query RealtimeFlagRules($environment: String!) {\n    featureFlags(first: 100) {\n      edges { node { slug rule(environment: $environment) { enabled organizationRule organizationIds } } }\n    }\n  }\n": types.RealtimeFlagRulesDocument,
    "\n  query RealtimeOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": types.RealtimeOrganizationFlagsDocument,
    "\n  subscription RealtimeFeatureFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) {\n      cursor organizationId environment featureFlags added removed reason occurredAt\n    }\n  }\n": types.RealtimeFeatureFlagsChangedDocument,
    "\n  subscription RealtimeEvents($environment: String!, $after: String) {\n    events(environment: $environment, after: $after) { cursor type flagSlug environment { slug } }\n  }\n": types.RealtimeEventsDocument,
    "\n  mutation MemoryReadsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { updatedAt } }\n  }\n": types.MemoryReadsUpdateFlagDocument,
    "\n  mutation MemoryReadsSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.MemoryReadsSetPercentageDocument,
    "\n  query MemoryReadsFlagWithRule($slug: String!) {\n    featureFlag(slug: $slug) {\n      slug\n      name\n      updatedAt\n      rule(environment: \"sandbox\") {\n        id\n        enabled\n        organizationRule\n        organizationIds\n        version\n        updatedAt\n        updatedBy\n        rolloutSalt\n        environment { slug }\n        organizations { id name }\n      }\n    }\n  }\n": types.MemoryReadsFlagWithRuleDocument,
    "\n  query MemoryReadsOrganization($id: ID!) {\n    organization(id: $id) { id name featureFlags(environment: \"sandbox\") }\n  }\n": types.MemoryReadsOrganizationDocument,
    "\n  query MemoryReadsFlagList($search: String) {\n    featureFlags(first: 10, search: $search) {\n      edges { cursor node { slug tags rule(environment: \"sandbox\") { enabled } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MemoryReadsFlagListDocument,
    "\n  mutation MemoryReadsCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug } }\n  }\n": types.MemoryReadsCreateEnvironmentDocument,
    "\n  mutation MemoryReadsCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n": types.MemoryReadsCreateApiKeyDocument,
    "subscription OperatorRolesEvents { events(environment: \"production\") { type actorType } }": types.OperatorRolesEventsDocument,
    "subscription OperatorRolesSandboxEvents { events(environment: \"sandbox\") { type actorType actorId } }": types.OperatorRolesSandboxEventsDocument,
    "subscription OperatorRolesForeign { events(environment: \"sandbox\") { type } }": types.OperatorRolesForeignDocument,
    "subscription OperatorRolesSignedOut { events(environment: \"sandbox\") { type } }": types.OperatorRolesSignedOutDocument,
    "subscription OperatorRolesExpiring { events(environment: \"sandbox\") { type } }": types.OperatorRolesExpiringDocument,
    "\n  mutation OrganizationsCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name externalId createdAt updatedAt } }\n  }\n": types.OrganizationsCreateDocument,
    "\n  mutation OrganizationsUpdate($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id name externalId } }\n  }\n": types.OrganizationsUpdateDocument,
    "\n  mutation OrganizationsDelete($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": types.OrganizationsDeleteDocument,
    "\n  query OrganizationsById($id: ID!) {\n    organization(id: $id) { id name externalId featureFlags(environment: \"sandbox\") }\n  }\n": types.OrganizationsByIdDocument,
    "\n  query OrganizationsList($first: Int, $after: String, $search: String) {\n    organizations(first: $first, after: $after, search: $search) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n    }\n  }\n": types.OrganizationsListDocument,
    "\n  mutation OrganizationsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.OrganizationsCreateFlagDocument,
    "\n  mutation OrganizationsAddToFlag($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n": types.OrganizationsAddToFlagDocument,
    "\n  mutation OrganizationsEnableFlag($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n": types.OrganizationsEnableFlagDocument,
    "\n  query OrganizationsFlagRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { organizationRule organizationIds organizations { id } } }\n  }\n": types.OrganizationsFlagRuleDocument,
    "\n  query OrganizationsEvents($type: String) {\n    events(type: $type, first: 100) { edges { node { type organizationId actorId before after environment { slug } } } }\n  }\n": types.OrganizationsEventsDocument,
    "\n  mutation PersistenceCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.PersistenceCreateFlagDocument,
    "\n  mutation PersistenceCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.PersistenceCreateOrganizationDocument,
    "\n  mutation PersistenceAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": types.PersistenceAddOrganizationDocument,
    "\n  mutation PersistenceSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n": types.PersistenceSetEnabledDocument,
    "\n  mutation PersistenceCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n": types.PersistenceCreateKeyDocument,
    "\n  query PersistenceSnapshot($organizationId: ID!) {\n    environments { id slug clientId }\n    featureFlags(first: 10) { edges { node { id slug name tags rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy } } } }\n    organizations(first: 10) { edges { node { id name externalId } } }\n    organization(id: $organizationId) { featureFlags(environment: \"sandbox\") }\n    events(first: 30) { edges { node { id type actorId before after } } }\n    apiKeys { id name }\n  }\n": types.PersistenceSnapshotDocument,
    "\n  mutation QueryCountCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.QueryCountCreateFlagDocument,
    "\n  mutation QueryCountCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.QueryCountCreateOrganizationDocument,
    "\n  mutation QueryCountSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.QueryCountSetRuleDocument,
    "\n  query QueryCountFlagsWithRules {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rule(environment: \"sandbox\") {\n            enabled\n            organizationRule\n            organizationIds\n            version\n            updatedAt\n            updatedBy\n            environment { slug }\n            organizations { id name }\n          }\n        }\n      }\n    }\n  }\n": types.QueryCountFlagsWithRulesDocument,
    "\n  query QueryCountFlagTable($environments: [String!]!) {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rules(environments: $environments) {\n            enabled\n            organizationRule\n            version\n            environment { slug }\n          }\n        }\n      }\n    }\n  }\n": types.QueryCountFlagTableDocument,
    "\n  mutation QueryCountCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.QueryCountCreateUserDocument,
    "\n  mutation QueryCountCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.QueryCountCreateMembershipDocument,
    "\n  mutation QueryCountCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession }\n  }\n": types.QueryCountCreateSessionDocument,
    "\n  mutation QueryCountRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags user { id email } } }\n  }\n": types.QueryCountRefreshSessionDocument,
    "\n  mutation QueryCountUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id } }\n  }\n": types.QueryCountUpdateUserDocument,
    "\n  subscription ShapesNarrow { featureFlagsChanged { organizationId added } }\n": types.ShapesNarrowDocument,
    "\n  subscription ShapesAliased { change: featureFlagsChanged { flags: featureFlags __typename } }\n": types.ShapesAliasedDocument,
    "\n  subscription ShapesConditional($withFlags: Boolean!) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n": types.ShapesConditionalDocument,
    "\n  subscription ShapesFragment($withReason: Boolean!) {\n    featureFlagsChanged { ...ShapesChangeFields }\n  }\n  fragment ShapesChangeFields on FeatureFlagsChange { added reason @include(if: $withReason) }\n": types.ShapesFragmentDocument,
    "\n  subscription ShapesDefaulted($withFlags: Boolean = true) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n": types.ShapesDefaultedDocument,
    "\n  mutation RealtimeVolumeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.RealtimeVolumeCreateUserDocument,
    "\n  mutation RealtimeVolumeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.RealtimeVolumeCreateMembershipDocument,
    "\n  mutation RefreshPathsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.RefreshPathsCreateOrganizationDocument,
    "\n  mutation RefreshPathsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.RefreshPathsCreateUserDocument,
    "\n  mutation RefreshPathsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.RefreshPathsCreateMembershipDocument,
    "\n  mutation RefreshPathsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": types.RefreshPathsDeleteMembershipDocument,
    "\n  mutation RefreshPathsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n": types.RefreshPathsCreateSessionDocument,
    "\n  mutation RefreshPathsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n": types.RefreshPathsRevokeSessionDocument,
    "\n  mutation RefreshPathsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { id organizationId role accessToken } }\n  }\n": types.RefreshPathsRefreshSessionDocument,
    "\n  mutation RetentionRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n": types.RetentionRefreshDocument,
    "\n  mutation RulesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.RulesCreateFlagDocument,
    "\n  mutation RulesCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.RulesCreateOrganizationDocument,
    "\n  mutation RulesSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule { enabled organizationRule version updatedBy updatedAt environment { slug } }\n      featureFlag { slug }\n    }\n  }\n": types.RulesSetEnabledDocument,
    "\n  mutation RulesSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule { id flagSlug enabled organizationRule organizationIds organizations { id } version }\n    }\n  }\n": types.RulesSetRuleDocument,
    "\n  mutation RulesAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n": types.RulesAddOrganizationDocument,
    "\n  mutation RulesRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n": types.RulesRemoveOrganizationDocument,
    "\n  mutation RulesDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n": types.RulesDeleteOrganizationDocument,
    "\n  query RulesRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds version } }\n  }\n": types.RulesRuleDocument,
    "\n  query RulesEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, first: 100) { edges { node { type actorId before after environment { slug } } } }\n  }\n": types.RulesEventsDocument,
    "\n  mutation SessionsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.SessionsCreateOrganizationDocument,
    "\n  mutation SessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.SessionsCreateFlagDocument,
    "\n  mutation SessionsAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n": types.SessionsAddFlagOrganizationDocument,
    "\n  mutation SessionsSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n": types.SessionsSetFlagEnabledDocument,
    "\n  mutation SessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.SessionsCreateUserDocument,
    "\n  mutation SessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id role } }\n  }\n": types.SessionsCreateMembershipDocument,
    "\n  mutation SessionsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": types.SessionsDeleteMembershipDocument,
    "\n  mutation SessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      sealedSession accessToken refreshToken\n      session { id expiresAt revokedAt user { id email } organization { id } environment { slug } }\n    }\n  }\n": types.SessionsCreateSessionDocument,
    "\n  mutation SessionsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      sealedSession\n      session { id organizationId role permissions featureFlags accessToken expiresAt user { id email } }\n    }\n  }\n": types.SessionsRefreshSessionDocument,
    "\n  mutation SessionsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id revokedAt revokedReason } }\n  }\n": types.SessionsRevokeSessionDocument,
    "\n  mutation SessionsSignOut($input: SignOutInput!) {\n    signOut(input: $input) { sessionId }\n  }\n": types.SessionsSignOutDocument,
    "\n  query SessionsList($userId: ID, $organizationId: ID) {\n    sessions(userId: $userId, organizationId: $organizationId) { id organization { id } }\n  }\n": types.SessionsListDocument,
    "\n  query SessionsEvents($type: String) {\n    events(type: $type, first: 20) { edges { node { type organizationId after } } }\n  }\n": types.SessionsEventsDocument,
    "\n  mutation AlgorithmsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.AlgorithmsCreateOrganizationDocument,
    "\n  mutation AlgorithmsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.AlgorithmsCreateUserDocument,
    "\n  mutation AlgorithmsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.AlgorithmsCreateMembershipDocument,
    "\n  mutation AlgorithmsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken }\n  }\n": types.AlgorithmsCreateSessionDocument,
    "\n  mutation TargetingRealtimeSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.TargetingRealtimeSetPercentageDocument,
    "\n  mutation TargetingRealtimeAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n": types.TargetingRealtimeAddUserDocument,
    "\n  mutation TargetingRealtimeRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n": types.TargetingRealtimeRemoveUserDocument,
    "\n  mutation TargetingRealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.TargetingRealtimeCreateMembershipDocument,
    "\n  mutation TargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version organizationRule percentage organizationIds } }\n  }\n": types.TargetingSetPercentageDocument,
    "\n  mutation TargetingAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version userIds users { id email } } }\n  }\n": types.TargetingAddUserDocument,
    "\n  mutation TargetingRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version userIds } }\n  }\n": types.TargetingRemoveUserDocument,
    "\n  mutation TargetingReroll($input: RerollFeatureFlagRolloutInput!) {\n    rerollFeatureFlagRollout(input: $input) { rule { version percentage } }\n  }\n": types.TargetingRerollDocument,
    "\n  query TargetingRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) { version enabled organizationRule organizationIds percentage userIds }\n    }\n  }\n": types.TargetingRuleDocument,
    "\n  query TargetingOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": types.TargetingOrganizationFlagsDocument,
    "\n  query TargetingRuleEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type before after } } }\n  }\n": types.TargetingRuleEventsDocument,
    "\n  mutation TargetingRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags } }\n  }\n": types.TargetingRefreshDocument,
    "\n  mutation TargetingDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n": types.TargetingDeleteFlagDocument,
    "\n  mutation TokensCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.TokensCreateOrganizationDocument,
    "\n  mutation TokensCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.TokensCreateUserDocument,
    "\n  mutation TokensCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.TokensCreateMembershipDocument,
    "\n  mutation TokensCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n": types.TokensCreateSessionDocument,
    "\n  query TokensLatestCursor { latestCursor }\n": types.TokensLatestCursorDocument,
    "\n  mutation TokensRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken } }\n  }\n": types.TokensRefreshSessionDocument,
    "\n  mutation UsersCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.UsersCreateOrganizationDocument,
    "\n  mutation UsersCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id email firstName lastName emailVerified externalId createdAt } }\n  }\n": types.UsersCreateUserDocument,
    "\n  mutation UsersUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id email firstName lastName emailVerified externalId } }\n  }\n": types.UsersUpdateUserDocument,
    "\n  mutation UsersDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n": types.UsersDeleteUserDocument,
    "\n  mutation UsersCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) {\n      organizationMembership { id role status user { id } organization { id } }\n    }\n  }\n": types.UsersCreateMembershipDocument,
    "\n  mutation UsersDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n": types.UsersDeleteMembershipDocument,
    "\n  query UsersUser($id: ID!) {\n    user(id: $id) { id email memberships { id role organization { id name } } }\n  }\n": types.UsersUserDocument,
    "\n  query UsersList($search: String, $first: Int) {\n    users(search: $search, first: $first) { edges { node { id email } } }\n  }\n": types.UsersListDocument,
    "\n  query UsersOrganizationMembers($id: ID!) {\n    organization(id: $id) { memberships { id role user { id email } } }\n  }\n": types.UsersOrganizationMembersDocument,
    "\n  query UsersEvents($type: String) {\n    events(type: $type, first: 50) { edges { node { type actorType organizationId before after } } }\n  }\n": types.UsersEventsDocument,
    "\n  mutation WorkosCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id slug } }\n  }\n": types.WorkosCreateFlagDocument,
    "\n  mutation WorkosCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.WorkosCreateOrganizationDocument,
    "\n  mutation WorkosSetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.WorkosSetOrganizationRuleDocument,
    "\n  query WorkosFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds } }\n  }\n": types.WorkosFlagRuleDocument,
    "\n  query WorkosOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n": types.WorkosOrganizationFlagsDocument,
    "\n  query WorkosFlagEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type actorId } } }\n  }\n": types.WorkosFlagEventsDocument,
    "\n  mutation WorkosSessionsSetupOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.WorkosSessionsSetupOrganizationDocument,
    "\n  mutation WorkosSessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.WorkosSessionsCreateFlagDocument,
    "\n  mutation WorkosSessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n": types.WorkosSessionsCreateUserDocument,
    "\n  mutation WorkosSessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n": types.WorkosSessionsCreateMembershipDocument,
    "\n  mutation WorkosSessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession refreshToken }\n  }\n": types.WorkosSessionsCreateSessionDocument,
    "\n  subscription WorkosSessionsFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) { featureFlags added reason }\n  }\n": types.WorkosSessionsFlagsChangedDocument,
    "\n  query WorkosSessionsFlagCreatedEvent($flagSlug: String!) {\n    events(flagSlug: $flagSlug, type: \"flag.created\", first: 1) { edges { node { cursor } } }\n  }\n": types.WorkosSessionsFlagCreatedEventDocument,
    "\n  query WorkosSessionsCurrentEnvironment { currentEnvironment { clientId } }\n": types.WorkosSessionsCurrentEnvironmentDocument,
    "\n  mutation WorkosTargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n": types.WorkosTargetingSetPercentageDocument,
    "\n  query WorkosTargetingRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { userIds organizationRule percentage } }\n  }\n": types.WorkosTargetingRuleDocument,
    "\n  query WorkosTargetingOrganizationFlags($id: ID!) {\n    organization(id: $id) { featureFlags(environment: \"sandbox\") }\n  }\n": types.WorkosTargetingOrganizationFlagsDocument,
    "\n  mutation InstancesCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n": types.InstancesCreateEndpointDocument,
    "\n  query InstancesDeliveries {\n    webhookEndpoints { deliveries(first: 100) { eventId status attempts } }\n  }\n": types.InstancesDeliveriesDocument,
    "\n  mutation InstancesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.InstancesCreateFlagDocument,
    "\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url events enabled environment { slug } } }\n  }\n": types.WebhooksCreateEndpointDocument,
    "\n  mutation WebhooksDeleteEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId }\n  }\n": types.WebhooksDeleteEndpointDocument,
    "\n  query WebhooksEndpoints {\n    webhookEndpoints { id url deliveries { eventId status attempts lastStatusCode lastError deliveredAt } }\n  }\n": types.WebhooksEndpointsDocument,
    "\n  mutation WebhooksCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.WebhooksCreateFlagDocument,
    "\n  mutation WebhooksUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n": types.WebhooksUpdateFlagDocument,
    "\n  mutation WebhooksDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId }\n  }\n": types.WebhooksDeleteFlagDocument,
    "\n  mutation WebhooksCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n": types.WebhooksCreateOrganizationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthCurrentEnvironment {\n    currentEnvironment { slug kind }\n  }\n"): (typeof documents)["\n  query AuthCurrentEnvironment {\n    currentEnvironment { slug kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthEnvironments {\n    environments { id slug name kind clientId }\n  }\n"): (typeof documents)["\n  query AuthEnvironments {\n    environments { id slug name kind clientId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthApiKeys {\n    apiKeys { id name redactedSecret revokedAt lastUsedAt environment { slug } }\n  }\n"): (typeof documents)["\n  query AuthApiKeys {\n    apiKeys { id name redactedSecret revokedAt lastUsedAt environment { slug } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name redactedSecret environment { slug } } }\n  }\n"): (typeof documents)["\n  mutation AuthCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name redactedSecret environment { slug } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthRevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id revokedAt } }\n  }\n"): (typeof documents)["\n  mutation AuthRevokeKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id revokedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug name kind clientId } }\n  }\n"): (typeof documents)["\n  mutation AuthCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug name kind clientId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation AuthCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation AuthCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled environment { slug } } }\n  }\n"): (typeof documents)["\n  mutation AuthSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled environment { slug } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { slug rule(environment: $environment) { enabled version } }\n  }\n"): (typeof documents)["\n  query AuthFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { slug rule(environment: $environment) { enabled version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"): (typeof documents)["\n  query AuthOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthEvents($environment: String) {\n    events(environment: $environment, first: 5) { edges { node { type } } }\n  }\n"): (typeof documents)["\n  query AuthEvents($environment: String) {\n    events(environment: $environment, first: 5) { edges { node { type } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliCurrentEnvironment {\n    currentEnvironment { slug }\n  }\n"): (typeof documents)["\n  query CliCurrentEnvironment {\n    currentEnvironment { slug }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientCurrentEnvironment { currentEnvironment { clientId } }\n"): (typeof documents)["\n  query ClientCurrentEnvironment { currentEnvironment { clientId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientRefreshWithSeal($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n"): (typeof documents)["\n  mutation ClientRefreshWithSeal($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardServingEnvironment {\n    currentEnvironment {\n      slug\n    }\n  }\n"): (typeof documents)["\n  query DashboardServingEnvironment {\n    currentEnvironment {\n      slug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCreateOrganization($name: String!) {\n    createOrganization(input: { name: $name }) {\n      organization {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DashboardCreateOrganization($name: String!) {\n    createOrganization(input: { name: $name }) {\n      organization {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSandboxRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        enabled\n        organizationRule\n        organizationIds\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardSandboxRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        enabled\n        organizationRule\n        organizationIds\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardSetEnabled($slug: String!, $environment: String!, $enabled: Boolean!) {\n    setFeatureFlagEnabled(input: { slug: $slug, environment: $environment, enabled: $enabled }) {\n      rule {\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DashboardSetEnabled($slug: String!, $environment: String!, $enabled: Boolean!) {\n    setFeatureFlagEnabled(input: { slug: $slug, environment: $environment, enabled: $enabled }) {\n      rule {\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsolationOrganization($id: ID!) { organization(id: $id) { id name } }\n"): (typeof documents)["\n  query IsolationOrganization($id: ID!) { organization(id: $id) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsolationOrganizations { organizations(first: 100) { edges { node { id } } } }\n"): (typeof documents)["\n  query IsolationOrganizations { organizations(first: 100) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsolationUser($id: ID!) { user(id: $id) { id email } }\n"): (typeof documents)["\n  query IsolationUser($id: ID!) { user(id: $id) { id email } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsolationUsers { users(first: 100) { edges { node { id email } } } }\n"): (typeof documents)["\n  query IsolationUsers { users(first: 100) { edges { node { id email } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationUpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"): (typeof documents)["\n  mutation IsolationDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n"): (typeof documents)["\n  mutation IsolationDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n"): (typeof documents)["\n  mutation IsolationAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IsolationFlagsChanged { featureFlagsChanged { organizationId featureFlags } }\n"): (typeof documents)["\n  subscription IsolationFlagsChanged { featureFlagsChanged { organizationId featureFlags } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation IsolationCreateEnvironment($input: CreateEnvironmentInput!) {\n        createEnvironment(input: $input) { environment { id clientId } }\n      }\n    "): (typeof documents)["\n      mutation IsolationCreateEnvironment($input: CreateEnvironmentInput!) {\n        createEnvironment(input: $input) { environment { id clientId } }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IsolationFlagsChangedAfter($after: String) {\n    featureFlagsChanged(after: $after) { organizationId featureFlags }\n  }\n"): (typeof documents)["\n  subscription IsolationFlagsChangedAfter($after: String) {\n    featureFlagsChanged(after: $after) { organizationId featureFlags }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsolationLatestCursor { latestCursor }\n"): (typeof documents)["\n  query IsolationLatestCursor { latestCursor }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken organizationId } }\n  }\n"): (typeof documents)["\n  mutation IsolationRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken organizationId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"): (typeof documents)["\n  mutation IsolationDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation IsolationSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation EvaluationCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation EvaluationCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation EvaluationSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EvaluationSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation EvaluationSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"): (typeof documents)["\n  query EvaluationOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation EventsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation EventsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n"): (typeof documents)["\n  mutation EventsDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation EventsSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation EventsSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation EventsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"): (typeof documents)["\n  mutation EventsDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsKeys {\n    apiKeys { id name }\n    currentEnvironment { id }\n  }\n"): (typeof documents)["\n  query EventsKeys {\n    apiKeys { id name }\n    currentEnvironment { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsList($first: Int, $after: String, $flagSlug: String, $type: String, $environment: String) {\n    events(first: $first, after: $after, flagSlug: $flagSlug, type: $type, environment: $environment) {\n      edges {\n        cursor\n        node { id cursor type actorType actorId flagId flagSlug organizationId before after createdAt environment { slug } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query EventsList($first: Int, $after: String, $flagSlug: String, $type: String, $environment: String) {\n    events(first: $first, after: $after, flagSlug: $flagSlug, type: $type, environment: $environment) {\n      edges {\n        cursor\n        node { id cursor type actorType actorId flagId flagSlug organizationId before after createdAt environment { slug } }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FanOutSharedAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation FanOutSharedAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FanOutSharedRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation FanOutSharedRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlagsCreate($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        id\n        slug\n        name\n        description\n        tags\n        sandbox: rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FlagsCreate($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        id\n        slug\n        name\n        description\n        tags\n        sandbox: rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlagsUpdate($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id slug name description tags } }\n  }\n"): (typeof documents)["\n  mutation FlagsUpdate($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id slug name description tags } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlagsDelete($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId slug }\n  }\n"): (typeof documents)["\n  mutation FlagsDelete($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId slug }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagsBySlug($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { id slug name description tags rule(environment: $environment) { enabled organizationRule version } }\n  }\n"): (typeof documents)["\n  query FlagsBySlug($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { id slug name description tags rule(environment: $environment) { enabled organizationRule version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagsList($tag: String, $search: String, $first: Int, $after: String) {\n    featureFlags(tag: $tag, search: $search, first: $first, after: $after) {\n      edges { cursor node { slug } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query FlagsList($tag: String, $search: String, $first: Int, $after: String) {\n    featureFlags(tag: $tag, search: $search, first: $first, after: $after) {\n      edges { cursor node { slug } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagsListBackwards($tag: String, $last: Int, $before: String) {\n    featureFlags(tag: $tag, last: $last, before: $before) {\n      edges { node { slug } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n"): (typeof documents)["\n  query FlagsListBackwards($tag: String, $last: Int, $before: String) {\n    featureFlags(tag: $tag, last: $last, before: $before) {\n      edges { node { slug } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagsEvents($flagSlug: String) {\n    events(flagSlug: $flagSlug, first: 50) { edges { node { type flagSlug before after } } }\n  }\n"): (typeof documents)["\n  query FlagsEvents($flagSlug: String) {\n    events(flagSlug: $flagSlug, first: 50) { edges { node { type flagSlug before after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagsFaultOrganizations { organizations(first: 1) { edges { node { id } } } }\n"): (typeof documents)["\n  query FlagsFaultOrganizations { organizations(first: 1) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GraphiqlCreateFlag($slug: String!) {\n    createFeatureFlag(input: { slug: $slug, name: \"From the test\" }) { featureFlag { slug } }\n  }\n"): (typeof documents)["\n  mutation GraphiqlCreateFlag($slug: String!) {\n    createFeatureFlag(input: { slug: $slug, name: \"From the test\" }) { featureFlag { slug } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n"): (typeof documents)["\n  mutation TargetsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetsEndpoints { webhookEndpoints { id deliveries { status lastStatusCode lastError } } }\n"): (typeof documents)["\n  query TargetsEndpoints { webhookEndpoints { id deliveries { status lastStatusCode lastError } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation TargetsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedCreateEnvironment($slug: String!, $name: String!) {\n    createEnvironment(input: { slug: $slug, name: $name, kind: SANDBOX }) {\n      environment {\n        slug\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SeedCreateEnvironment($slug: String!, $name: String!) {\n    createEnvironment(input: { slug: $slug, name: $name, kind: SANDBOX }) {\n      environment {\n        slug\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SeedCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SeedSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SeedSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeedCreateOrganization($name: String!, $externalId: String) {\n    createOrganization(input: { name: $name, externalId: $externalId }) {\n      organization {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SeedCreateOrganization($name: String!, $externalId: String) {\n    createOrganization(input: { name: $name, externalId: $externalId }) {\n      organization {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken sealedSession session { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken sealedSession session { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealtimeLatestCursor { events(first: 1) { edges { node { cursor } } } }\n"): (typeof documents)["\n  query RealtimeLatestCursor { events(first: 1) { edges { node { cursor } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation RealtimeSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation RealtimeSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation RealtimeAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation RealtimeRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n"): (typeof documents)["\n  mutation RealtimeDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"): (typeof documents)["\n  mutation RealtimeDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"): (typeof documents)["\n  mutation RealtimeDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n"): (typeof documents)["\n  mutation RealtimeDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { apiKey { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealtimeLatestCursorField { latestCursor }\n"): (typeof documents)["\n  query RealtimeLatestCursorField { latestCursor }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealtimeFlagRules($environment: String!) {\n    featureFlags(first: 100) {\n      edges { node { slug rule(environment: $environment) { enabled organizationRule organizationIds } } }\n    }\n  }\n"): (typeof documents)["\n  query RealtimeFlagRules($environment: String!) {\n    featureFlags(first: 100) {\n      edges { node { slug rule(environment: $environment) { enabled organizationRule organizationIds } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealtimeOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"): (typeof documents)["\n  query RealtimeOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RealtimeFeatureFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) {\n      cursor organizationId environment featureFlags added removed reason occurredAt\n    }\n  }\n"): (typeof documents)["\n  subscription RealtimeFeatureFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) {\n      cursor organizationId environment featureFlags added removed reason occurredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RealtimeEvents($environment: String!, $after: String) {\n    events(environment: $environment, after: $after) { cursor type flagSlug environment { slug } }\n  }\n"): (typeof documents)["\n  subscription RealtimeEvents($environment: String!, $after: String) {\n    events(environment: $environment, after: $after) { cursor type flagSlug environment { slug } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemoryReadsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { updatedAt } }\n  }\n"): (typeof documents)["\n  mutation MemoryReadsUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { updatedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemoryReadsSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation MemoryReadsSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemoryReadsFlagWithRule($slug: String!) {\n    featureFlag(slug: $slug) {\n      slug\n      name\n      updatedAt\n      rule(environment: \"sandbox\") {\n        id\n        enabled\n        organizationRule\n        organizationIds\n        version\n        updatedAt\n        updatedBy\n        rolloutSalt\n        environment { slug }\n        organizations { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemoryReadsFlagWithRule($slug: String!) {\n    featureFlag(slug: $slug) {\n      slug\n      name\n      updatedAt\n      rule(environment: \"sandbox\") {\n        id\n        enabled\n        organizationRule\n        organizationIds\n        version\n        updatedAt\n        updatedBy\n        rolloutSalt\n        environment { slug }\n        organizations { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemoryReadsOrganization($id: ID!) {\n    organization(id: $id) { id name featureFlags(environment: \"sandbox\") }\n  }\n"): (typeof documents)["\n  query MemoryReadsOrganization($id: ID!) {\n    organization(id: $id) { id name featureFlags(environment: \"sandbox\") }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemoryReadsFlagList($search: String) {\n    featureFlags(first: 10, search: $search) {\n      edges { cursor node { slug tags rule(environment: \"sandbox\") { enabled } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query MemoryReadsFlagList($search: String) {\n    featureFlags(first: 10, search: $search) {\n      edges { cursor node { slug tags rule(environment: \"sandbox\") { enabled } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemoryReadsCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug } }\n  }\n"): (typeof documents)["\n  mutation MemoryReadsCreateEnvironment($input: CreateEnvironmentInput!) {\n    createEnvironment(input: $input) { environment { id slug } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemoryReadsCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n"): (typeof documents)["\n  mutation MemoryReadsCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OperatorRolesEvents { events(environment: \"production\") { type actorType } }"): (typeof documents)["subscription OperatorRolesEvents { events(environment: \"production\") { type actorType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OperatorRolesSandboxEvents { events(environment: \"sandbox\") { type actorType actorId } }"): (typeof documents)["subscription OperatorRolesSandboxEvents { events(environment: \"sandbox\") { type actorType actorId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OperatorRolesForeign { events(environment: \"sandbox\") { type } }"): (typeof documents)["subscription OperatorRolesForeign { events(environment: \"sandbox\") { type } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OperatorRolesSignedOut { events(environment: \"sandbox\") { type } }"): (typeof documents)["subscription OperatorRolesSignedOut { events(environment: \"sandbox\") { type } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OperatorRolesExpiring { events(environment: \"sandbox\") { type } }"): (typeof documents)["subscription OperatorRolesExpiring { events(environment: \"sandbox\") { type } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationsCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name externalId createdAt updatedAt } }\n  }\n"): (typeof documents)["\n  mutation OrganizationsCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id name externalId createdAt updatedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationsUpdate($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id name externalId } }\n  }\n"): (typeof documents)["\n  mutation OrganizationsUpdate($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { organization { id name externalId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationsDelete($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"): (typeof documents)["\n  mutation OrganizationsDelete($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationsById($id: ID!) {\n    organization(id: $id) { id name externalId featureFlags(environment: \"sandbox\") }\n  }\n"): (typeof documents)["\n  query OrganizationsById($id: ID!) {\n    organization(id: $id) { id name externalId featureFlags(environment: \"sandbox\") }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationsList($first: Int, $after: String, $search: String) {\n    organizations(first: $first, after: $after, search: $search) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query OrganizationsList($first: Int, $after: String, $search: String) {\n    organizations(first: $first, after: $after, search: $search) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation OrganizationsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationsAddToFlag($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n"): (typeof documents)["\n  mutation OrganizationsAddToFlag($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationsEnableFlag($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n"): (typeof documents)["\n  mutation OrganizationsEnableFlag($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationsFlagRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { organizationRule organizationIds organizations { id } } }\n  }\n"): (typeof documents)["\n  query OrganizationsFlagRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { organizationRule organizationIds organizations { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationsEvents($type: String) {\n    events(type: $type, first: 100) { edges { node { type organizationId actorId before after environment { slug } } } }\n  }\n"): (typeof documents)["\n  query OrganizationsEvents($type: String) {\n    events(type: $type, first: 100) { edges { node { type organizationId actorId before after environment { slug } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistenceCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation PersistenceCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistenceCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation PersistenceCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistenceAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation PersistenceAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistenceSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation PersistenceSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistenceCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n"): (typeof documents)["\n  mutation PersistenceCreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersistenceSnapshot($organizationId: ID!) {\n    environments { id slug clientId }\n    featureFlags(first: 10) { edges { node { id slug name tags rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy } } } }\n    organizations(first: 10) { edges { node { id name externalId } } }\n    organization(id: $organizationId) { featureFlags(environment: \"sandbox\") }\n    events(first: 30) { edges { node { id type actorId before after } } }\n    apiKeys { id name }\n  }\n"): (typeof documents)["\n  query PersistenceSnapshot($organizationId: ID!) {\n    environments { id slug clientId }\n    featureFlags(first: 10) { edges { node { id slug name tags rule(environment: \"sandbox\") { enabled organizationRule organizationIds version updatedBy } } } }\n    organizations(first: 10) { edges { node { id name externalId } } }\n    organization(id: $organizationId) { featureFlags(environment: \"sandbox\") }\n    events(first: 30) { edges { node { id type actorId before after } } }\n    apiKeys { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation QueryCountCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation QueryCountCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation QueryCountSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryCountFlagsWithRules {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rule(environment: \"sandbox\") {\n            enabled\n            organizationRule\n            organizationIds\n            version\n            updatedAt\n            updatedBy\n            environment { slug }\n            organizations { id name }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueryCountFlagsWithRules {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rule(environment: \"sandbox\") {\n            enabled\n            organizationRule\n            organizationIds\n            version\n            updatedAt\n            updatedBy\n            environment { slug }\n            organizations { id name }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryCountFlagTable($environments: [String!]!) {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rules(environments: $environments) {\n            enabled\n            organizationRule\n            version\n            environment { slug }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueryCountFlagTable($environments: [String!]!) {\n    featureFlags(first: 50) {\n      edges {\n        node {\n          slug\n          rules(environments: $environments) {\n            enabled\n            organizationRule\n            version\n            environment { slug }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation QueryCountCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation QueryCountCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession }\n  }\n"): (typeof documents)["\n  mutation QueryCountCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags user { id email } } }\n  }\n"): (typeof documents)["\n  mutation QueryCountRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags user { id email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueryCountUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation QueryCountUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapesNarrow { featureFlagsChanged { organizationId added } }\n"): (typeof documents)["\n  subscription ShapesNarrow { featureFlagsChanged { organizationId added } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapesAliased { change: featureFlagsChanged { flags: featureFlags __typename } }\n"): (typeof documents)["\n  subscription ShapesAliased { change: featureFlagsChanged { flags: featureFlags __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapesConditional($withFlags: Boolean!) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n"): (typeof documents)["\n  subscription ShapesConditional($withFlags: Boolean!) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapesFragment($withReason: Boolean!) {\n    featureFlagsChanged { ...ShapesChangeFields }\n  }\n  fragment ShapesChangeFields on FeatureFlagsChange { added reason @include(if: $withReason) }\n"): (typeof documents)["\n  subscription ShapesFragment($withReason: Boolean!) {\n    featureFlagsChanged { ...ShapesChangeFields }\n  }\n  fragment ShapesChangeFields on FeatureFlagsChange { added reason @include(if: $withReason) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapesDefaulted($withFlags: Boolean = true) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n"): (typeof documents)["\n  subscription ShapesDefaulted($withFlags: Boolean = true) {\n    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeVolumeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeVolumeCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RealtimeVolumeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation RealtimeVolumeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshPathsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { id organizationId role accessToken } }\n  }\n"): (typeof documents)["\n  mutation RefreshPathsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { id organizationId role accessToken } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n"): (typeof documents)["\n  mutation RetentionRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { featureFlags } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation RulesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation RulesCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule { enabled organizationRule version updatedBy updatedAt environment { slug } }\n      featureFlag { slug }\n    }\n  }\n"): (typeof documents)["\n  mutation RulesSetEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule { enabled organizationRule version updatedBy updatedAt environment { slug } }\n      featureFlag { slug }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule { id flagSlug enabled organizationRule organizationIds organizations { id } version }\n    }\n  }\n"): (typeof documents)["\n  mutation RulesSetRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule { id flagSlug enabled organizationRule organizationIds organizations { id } version }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n"): (typeof documents)["\n  mutation RulesAddOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n"): (typeof documents)["\n  mutation RulesRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {\n    removeFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RulesDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"): (typeof documents)["\n  mutation RulesDeleteOrganization($input: DeleteOrganizationInput!) {\n    deleteOrganization(input: $input) { deletedOrganizationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RulesRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds version } }\n  }\n"): (typeof documents)["\n  query RulesRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RulesEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, first: 100) { edges { node { type actorId before after environment { slug } } } }\n  }\n"): (typeof documents)["\n  query RulesEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, first: 100) { edges { node { type actorId before after environment { slug } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation SessionsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation SessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation SessionsAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {\n    addFeatureFlagOrganization(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n"): (typeof documents)["\n  mutation SessionsSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) { rule { enabled } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation SessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id role } }\n  }\n"): (typeof documents)["\n  mutation SessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"): (typeof documents)["\n  mutation SessionsDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      sealedSession accessToken refreshToken\n      session { id expiresAt revokedAt user { id email } organization { id } environment { slug } }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      sealedSession accessToken refreshToken\n      session { id expiresAt revokedAt user { id email } organization { id } environment { slug } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      sealedSession\n      session { id organizationId role permissions featureFlags accessToken expiresAt user { id email } }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionsRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      sealedSession\n      session { id organizationId role permissions featureFlags accessToken expiresAt user { id email } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id revokedAt revokedReason } }\n  }\n"): (typeof documents)["\n  mutation SessionsRevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) { session { id revokedAt revokedReason } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsSignOut($input: SignOutInput!) {\n    signOut(input: $input) { sessionId }\n  }\n"): (typeof documents)["\n  mutation SessionsSignOut($input: SignOutInput!) {\n    signOut(input: $input) { sessionId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsList($userId: ID, $organizationId: ID) {\n    sessions(userId: $userId, organizationId: $organizationId) { id organization { id } }\n  }\n"): (typeof documents)["\n  query SessionsList($userId: ID, $organizationId: ID) {\n    sessions(userId: $userId, organizationId: $organizationId) { id organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsEvents($type: String) {\n    events(type: $type, first: 20) { edges { node { type organizationId after } } }\n  }\n"): (typeof documents)["\n  query SessionsEvents($type: String) {\n    events(type: $type, first: 20) { edges { node { type organizationId after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlgorithmsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation AlgorithmsCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlgorithmsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation AlgorithmsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlgorithmsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation AlgorithmsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlgorithmsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken }\n  }\n"): (typeof documents)["\n  mutation AlgorithmsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { accessToken }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingRealtimeSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation TargetingRealtimeSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingRealtimeAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation TargetingRealtimeAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingRealtimeRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation TargetingRealtimeRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingRealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation TargetingRealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version organizationRule percentage organizationIds } }\n  }\n"): (typeof documents)["\n  mutation TargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version organizationRule percentage organizationIds } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version userIds users { id email } } }\n  }\n"): (typeof documents)["\n  mutation TargetingAddUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) { rule { version userIds users { id email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version userIds } }\n  }\n"): (typeof documents)["\n  mutation TargetingRemoveUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) { rule { version userIds } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingReroll($input: RerollFeatureFlagRolloutInput!) {\n    rerollFeatureFlagRollout(input: $input) { rule { version percentage } }\n  }\n"): (typeof documents)["\n  mutation TargetingReroll($input: RerollFeatureFlagRolloutInput!) {\n    rerollFeatureFlagRollout(input: $input) { rule { version percentage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetingRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) { version enabled organizationRule organizationIds percentage userIds }\n    }\n  }\n"): (typeof documents)["\n  query TargetingRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) { version enabled organizationRule organizationIds percentage userIds }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetingOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"): (typeof documents)["\n  query TargetingOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TargetingRuleEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type before after } } }\n  }\n"): (typeof documents)["\n  query TargetingRuleEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type before after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags } }\n  }\n"): (typeof documents)["\n  mutation TargetingRefresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken featureFlags } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TargetingDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n"): (typeof documents)["\n  mutation TargetingDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { slug }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation TokensCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation TokensCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation TokensCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n"): (typeof documents)["\n  mutation TokensCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokensLatestCursor { latestCursor }\n"): (typeof documents)["\n  query TokensLatestCursor { latestCursor }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken } }\n  }\n"): (typeof documents)["\n  mutation TokensRefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { sealedSession session { accessToken } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation UsersCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id email firstName lastName emailVerified externalId createdAt } }\n  }\n"): (typeof documents)["\n  mutation UsersCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id email firstName lastName emailVerified externalId createdAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id email firstName lastName emailVerified externalId } }\n  }\n"): (typeof documents)["\n  mutation UsersUpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { user { id email firstName lastName emailVerified externalId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n"): (typeof documents)["\n  mutation UsersDeleteUser($input: DeleteUserInput!) {\n    deleteUser(input: $input) { deletedUserId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) {\n      organizationMembership { id role status user { id } organization { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation UsersCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) {\n      organizationMembership { id role status user { id } organization { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"): (typeof documents)["\n  mutation UsersDeleteMembership($input: DeleteOrganizationMembershipInput!) {\n    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersUser($id: ID!) {\n    user(id: $id) { id email memberships { id role organization { id name } } }\n  }\n"): (typeof documents)["\n  query UsersUser($id: ID!) {\n    user(id: $id) { id email memberships { id role organization { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersList($search: String, $first: Int) {\n    users(search: $search, first: $first) { edges { node { id email } } }\n  }\n"): (typeof documents)["\n  query UsersList($search: String, $first: Int) {\n    users(search: $search, first: $first) { edges { node { id email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersOrganizationMembers($id: ID!) {\n    organization(id: $id) { memberships { id role user { id email } } }\n  }\n"): (typeof documents)["\n  query UsersOrganizationMembers($id: ID!) {\n    organization(id: $id) { memberships { id role user { id email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersEvents($type: String) {\n    events(type: $type, first: 50) { edges { node { type actorType organizationId before after } } }\n  }\n"): (typeof documents)["\n  query UsersEvents($type: String) {\n    events(type: $type, first: 50) { edges { node { type actorType organizationId before after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id slug } }\n  }\n"): (typeof documents)["\n  mutation WorkosCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id slug } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation WorkosCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosSetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation WorkosSetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds } }\n  }\n"): (typeof documents)["\n  query WorkosFlagRule($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"): (typeof documents)["\n  query WorkosOrganizationFlags($id: ID!, $environment: String!) {\n    organization(id: $id) { featureFlags(environment: $environment) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosFlagEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type actorId } } }\n  }\n"): (typeof documents)["\n  query WorkosFlagEvents($flagSlug: String!) {\n    events(flagSlug: $flagSlug, environment: \"sandbox\", first: 50) { edges { node { type actorId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosSessionsSetupOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation WorkosSessionsSetupOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosSessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation WorkosSessionsCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosSessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"): (typeof documents)["\n  mutation WorkosSessionsCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosSessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"): (typeof documents)["\n  mutation WorkosSessionsCreateMembership($input: CreateOrganizationMembershipInput!) {\n    createOrganizationMembership(input: $input) { organizationMembership { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosSessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession refreshToken }\n  }\n"): (typeof documents)["\n  mutation WorkosSessionsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { sealedSession refreshToken }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkosSessionsFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) { featureFlags added reason }\n  }\n"): (typeof documents)["\n  subscription WorkosSessionsFlagsChanged($after: String) {\n    featureFlagsChanged(after: $after) { featureFlags added reason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosSessionsFlagCreatedEvent($flagSlug: String!) {\n    events(flagSlug: $flagSlug, type: \"flag.created\", first: 1) { edges { node { cursor } } }\n  }\n"): (typeof documents)["\n  query WorkosSessionsFlagCreatedEvent($flagSlug: String!) {\n    events(flagSlug: $flagSlug, type: \"flag.created\", first: 1) { edges { node { cursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosSessionsCurrentEnvironment { currentEnvironment { clientId } }\n"): (typeof documents)["\n  query WorkosSessionsCurrentEnvironment { currentEnvironment { clientId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkosTargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"): (typeof documents)["\n  mutation WorkosTargetingSetPercentage($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) { rule { version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosTargetingRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { userIds organizationRule percentage } }\n  }\n"): (typeof documents)["\n  query WorkosTargetingRule($slug: String!) {\n    featureFlag(slug: $slug) { rule(environment: \"sandbox\") { userIds organizationRule percentage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkosTargetingOrganizationFlags($id: ID!) {\n    organization(id: $id) { featureFlags(environment: \"sandbox\") }\n  }\n"): (typeof documents)["\n  query WorkosTargetingOrganizationFlags($id: ID!) {\n    organization(id: $id) { featureFlags(environment: \"sandbox\") }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstancesCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n"): (typeof documents)["\n  mutation InstancesCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { webhookEndpoint { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstancesDeliveries {\n    webhookEndpoints { deliveries(first: 100) { eventId status attempts } }\n  }\n"): (typeof documents)["\n  query InstancesDeliveries {\n    webhookEndpoints { deliveries(first: 100) { eventId status attempts } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstancesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation InstancesCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url events enabled environment { slug } } }\n  }\n"): (typeof documents)["\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url events enabled environment { slug } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksDeleteEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId }\n  }\n"): (typeof documents)["\n  mutation WebhooksDeleteEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksEndpoints {\n    webhookEndpoints { id url deliveries { eventId status attempts lastStatusCode lastError deliveredAt } }\n  }\n"): (typeof documents)["\n  query WebhooksEndpoints {\n    webhookEndpoints { id url deliveries { eventId status attempts lastStatusCode lastError deliveredAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation WebhooksCreateFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"): (typeof documents)["\n  mutation WebhooksUpdateFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) { featureFlag { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId }\n  }\n"): (typeof documents)["\n  mutation WebhooksDeleteFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) { deletedFeatureFlagId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"): (typeof documents)["\n  mutation WebhooksCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { organization { id } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
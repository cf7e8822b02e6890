/* eslint-disable */
import * as types from './graphql.js';



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
    "\n  query WhoAmI {\n    setupRequired\n    currentOperator {\n      id\n      email\n      role\n      environments\n    }\n  }\n": typeof types.WhoAmIDocument,
    "\n  query SessionEnvironments {\n    environments {\n      id\n      slug\n      name\n      kind\n      clientId\n    }\n  }\n": typeof types.SessionEnvironmentsDocument,
    "\n  mutation OperatorSignOut {\n    signOutOperator(input: {}) {\n      signedOut\n    }\n  }\n": typeof types.OperatorSignOutDocument,
    "\n  query ApiKeys($environment: String!) {\n    apiKeys(environment: $environment) {\n      id\n      name\n      role\n      redactedSecret\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        id\n        revokedAt\n      }\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation CreateFeatureFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        ...FlagDefinition\n      }\n    }\n  }\n": typeof types.CreateFeatureFlagDocument,
    "\n  mutation UpdateFeatureFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) {\n      featureFlag {\n        ...FlagDefinition\n      }\n    }\n  }\n": typeof types.UpdateFeatureFlagDocument,
    "\n  mutation DeleteFeatureFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) {\n      deletedFeatureFlagId\n    }\n  }\n": typeof types.DeleteFeatureFlagDocument,
    "\n  mutation ArchiveFeatureFlag($input: ArchiveFeatureFlagInput!) {\n    archiveFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n        archivedAt\n      }\n    }\n  }\n": typeof types.ArchiveFeatureFlagDocument,
    "\n  query RuleEditor($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        ...RuleFields\n      }\n    }\n  }\n  fragment RuleFields on FeatureFlagRule {\n    enabled\n    version\n    organizationRule\n    percentage\n    updatedAt\n    organizations {\n      id\n      name\n    }\n    users {\n      id\n      email\n    }\n  }\n": typeof types.RuleEditorDocument,
    "\n  mutation SetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n": typeof types.SetOrganizationRuleDocument,
    "\n  query SearchOrganizations($environment: String!, $search: String!) {\n    organizations(environment: $environment, search: $search, first: 8) {\n      edges {\n        node {\n          id\n          name\n          externalId\n        }\n      }\n    }\n  }\n": typeof types.SearchOrganizationsDocument,
    "\n  mutation AddFeatureFlagUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n": typeof types.AddFeatureFlagUserDocument,
    "\n  mutation RemoveFeatureFlagUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n": typeof types.RemoveFeatureFlagUserDocument,
    "\n  query SearchUsers($environment: String!, $search: String!) {\n    users(environment: $environment, search: $search, first: 8) {\n      edges {\n        node {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.SearchUsersDocument,
    "\n  query WebhookEndpoints($environment: String!) {\n    webhookEndpoints(environment: $environment) {\n      id\n      url\n      events\n      enabled\n      createdAt\n      deliveries(first: 5) {\n        id\n        eventId\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      webhookEndpoint {\n        id\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) {\n      deletedWebhookEndpointId\n    }\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  fragment FlagDefinition on FeatureFlag {\n    id\n    slug\n    name\n    description\n    tags\n  }\n": typeof types.FlagDefinitionFragmentDoc,
    "\n  query FlagTable($environments: [String!]!, $first: Int!, $after: String) {\n    featureFlags(first: $first, after: $after) {\n      edges {\n        node {\n          ...FlagDefinition\n          rules(environments: $environments) {\n            enabled\n            version\n            organizationRule\n            percentage\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FlagTableDocument,
    "\n  query FlagRow($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      id\n      slug\n      name\n      description\n      tags\n      archivedAt\n      rule(environment: $environment) {\n        enabled\n        version\n        organizationRule\n        percentage\n      }\n    }\n  }\n": typeof types.FlagRowDocument,
    "\n  mutation SetFeatureFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        enabled\n        version\n        organizationRule\n        percentage\n      }\n    }\n  }\n": typeof types.SetFeatureFlagEnabledDocument,
    "\n  subscription LiveEvents($environment: String!) {\n    events(environment: $environment) {\n      id\n      type\n      flagSlug\n      organizationId\n      actorName\n      createdAt\n      environment {\n        slug\n      }\n    }\n  }\n": typeof types.LiveEventsDocument,
    "\n  query ArchivedFlags($after: String) {\n    featureFlags(archived: true, first: 100, after: $after) {\n      edges {\n        node {\n          ...FlagDefinition\n          archivedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ArchivedFlagsDocument,
    "\n  mutation UnarchiveFeatureFlag($input: UnarchiveFeatureFlagInput!) {\n    unarchiveFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n": typeof types.UnarchiveFeatureFlagDocument,
    "\n  query AuditLog($environment: String!, $flagSlug: String, $type: String, $actorId: ID, $after: String) {\n    events(\n      environment: $environment\n      flagSlug: $flagSlug\n      type: $type\n      actorId: $actorId\n      first: 50\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          actorType\n          actorId\n          actorName\n          flagSlug\n          before\n          after\n          environment {\n            slug\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditActors($environment: String!, $withOperators: Boolean!) {\n    apiKeys(environment: $environment) {\n      id\n      name\n    }\n    operators @include(if: $withOperators) {\n      id\n      email\n    }\n  }\n": typeof types.AuditActorsDocument,
    "\n  query FlagPage($slug: String!) {\n    featureFlag(slug: $slug) {\n      id\n      slug\n      name\n      description\n      tags\n      createdAt\n      archivedAt\n    }\n  }\n": typeof types.FlagPageDocument,
    "\n  query FlagHistory($slug: String!, $environment: String!) {\n    events(environment: $environment, flagSlug: $slug, first: 30) {\n      edges {\n        node {\n          id\n          cursor\n          type\n          createdAt\n          actorType\n          actorId\n          actorName\n          before\n          after\n          environment {\n            slug\n          }\n        }\n      }\n    }\n  }\n": typeof types.FlagHistoryDocument,
    "\n  query Operators {\n    operators {\n      id\n      email\n      role\n      environments\n      invitePending\n      createdAt\n      lastSignedInAt\n    }\n  }\n": typeof types.OperatorsDocument,
    "\n  mutation InviteOperator($input: InviteOperatorInput!) {\n    inviteOperator(input: $input) {\n      inviteUrl\n      operator {\n        id\n      }\n    }\n  }\n": typeof types.InviteOperatorDocument,
    "\n  mutation ChangeOperatorRole($input: ChangeOperatorRoleInput!) {\n    changeOperatorRole(input: $input) {\n      operator {\n        id\n        role\n        environments\n      }\n    }\n  }\n": typeof types.ChangeOperatorRoleDocument,
    "\n  mutation RemoveOperator($input: RemoveOperatorInput!) {\n    removeOperator(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": typeof types.RemoveOperatorDocument,
    "\n  query OrganizationPage($id: ID!, $environment: String!) {\n    organization(id: $id, environment: $environment) {\n      id\n      name\n      externalId\n      createdAt\n      featureFlags(environment: $environment)\n    }\n  }\n": typeof types.OrganizationPageDocument,
    "\n  query OrganizationsPage($environment: String!, $search: String, $after: String) {\n    organizations(environment: $environment, search: $search, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          name\n          externalId\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.OrganizationsPageDocument,
    "\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": typeof types.CompleteSetupDocument,
    "\n  mutation AcceptOperatorInvite($input: AcceptOperatorInviteInput!) {\n    acceptOperatorInvite(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": typeof types.AcceptOperatorInviteDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": typeof types.SignInDocument,
};
const documents: Documents = {
    "\n  query WhoAmI {\n    setupRequired\n    currentOperator {\n      id\n      email\n      role\n      environments\n    }\n  }\n": types.WhoAmIDocument,
    "\n  query SessionEnvironments {\n    environments {\n      id\n      slug\n      name\n      kind\n      clientId\n    }\n  }\n": types.SessionEnvironmentsDocument,
    "\n  mutation OperatorSignOut {\n    signOutOperator(input: {}) {\n      signedOut\n    }\n  }\n": types.OperatorSignOutDocument,
    "\n  query ApiKeys($environment: String!) {\n    apiKeys(environment: $environment) {\n      id\n      name\n      role\n      redactedSecret\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        id\n        revokedAt\n      }\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation CreateFeatureFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        ...FlagDefinition\n      }\n    }\n  }\n": types.CreateFeatureFlagDocument,
    "\n  mutation UpdateFeatureFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) {\n      featureFlag {\n        ...FlagDefinition\n      }\n    }\n  }\n": types.UpdateFeatureFlagDocument,
    "\n  mutation DeleteFeatureFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) {\n      deletedFeatureFlagId\n    }\n  }\n": types.DeleteFeatureFlagDocument,
    "\n  mutation ArchiveFeatureFlag($input: ArchiveFeatureFlagInput!) {\n    archiveFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n        archivedAt\n      }\n    }\n  }\n": types.ArchiveFeatureFlagDocument,
    "\n  query RuleEditor($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        ...RuleFields\n      }\n    }\n  }\n  fragment RuleFields on FeatureFlagRule {\n    enabled\n    version\n    organizationRule\n    percentage\n    updatedAt\n    organizations {\n      id\n      name\n    }\n    users {\n      id\n      email\n    }\n  }\n": types.RuleEditorDocument,
    "\n  mutation SetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n": types.SetOrganizationRuleDocument,
    "\n  query SearchOrganizations($environment: String!, $search: String!) {\n    organizations(environment: $environment, search: $search, first: 8) {\n      edges {\n        node {\n          id\n          name\n          externalId\n        }\n      }\n    }\n  }\n": types.SearchOrganizationsDocument,
    "\n  mutation AddFeatureFlagUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n": types.AddFeatureFlagUserDocument,
    "\n  mutation RemoveFeatureFlagUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n": types.RemoveFeatureFlagUserDocument,
    "\n  query SearchUsers($environment: String!, $search: String!) {\n    users(environment: $environment, search: $search, first: 8) {\n      edges {\n        node {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.SearchUsersDocument,
    "\n  query WebhookEndpoints($environment: String!) {\n    webhookEndpoints(environment: $environment) {\n      id\n      url\n      events\n      enabled\n      createdAt\n      deliveries(first: 5) {\n        id\n        eventId\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      webhookEndpoint {\n        id\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) {\n      deletedWebhookEndpointId\n    }\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  fragment FlagDefinition on FeatureFlag {\n    id\n    slug\n    name\n    description\n    tags\n  }\n": types.FlagDefinitionFragmentDoc,
    "\n  query FlagTable($environments: [String!]!, $first: Int!, $after: String) {\n    featureFlags(first: $first, after: $after) {\n      edges {\n        node {\n          ...FlagDefinition\n          rules(environments: $environments) {\n            enabled\n            version\n            organizationRule\n            percentage\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FlagTableDocument,
    "\n  query FlagRow($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      id\n      slug\n      name\n      description\n      tags\n      archivedAt\n      rule(environment: $environment) {\n        enabled\n        version\n        organizationRule\n        percentage\n      }\n    }\n  }\n": types.FlagRowDocument,
    "\n  mutation SetFeatureFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        enabled\n        version\n        organizationRule\n        percentage\n      }\n    }\n  }\n": types.SetFeatureFlagEnabledDocument,
    "\n  subscription LiveEvents($environment: String!) {\n    events(environment: $environment) {\n      id\n      type\n      flagSlug\n      organizationId\n      actorName\n      createdAt\n      environment {\n        slug\n      }\n    }\n  }\n": types.LiveEventsDocument,
    "\n  query ArchivedFlags($after: String) {\n    featureFlags(archived: true, first: 100, after: $after) {\n      edges {\n        node {\n          ...FlagDefinition\n          archivedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ArchivedFlagsDocument,
    "\n  mutation UnarchiveFeatureFlag($input: UnarchiveFeatureFlagInput!) {\n    unarchiveFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n": types.UnarchiveFeatureFlagDocument,
    "\n  query AuditLog($environment: String!, $flagSlug: String, $type: String, $actorId: ID, $after: String) {\n    events(\n      environment: $environment\n      flagSlug: $flagSlug\n      type: $type\n      actorId: $actorId\n      first: 50\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          actorType\n          actorId\n          actorName\n          flagSlug\n          before\n          after\n          environment {\n            slug\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditActors($environment: String!, $withOperators: Boolean!) {\n    apiKeys(environment: $environment) {\n      id\n      name\n    }\n    operators @include(if: $withOperators) {\n      id\n      email\n    }\n  }\n": types.AuditActorsDocument,
    "\n  query FlagPage($slug: String!) {\n    featureFlag(slug: $slug) {\n      id\n      slug\n      name\n      description\n      tags\n      createdAt\n      archivedAt\n    }\n  }\n": types.FlagPageDocument,
    "\n  query FlagHistory($slug: String!, $environment: String!) {\n    events(environment: $environment, flagSlug: $slug, first: 30) {\n      edges {\n        node {\n          id\n          cursor\n          type\n          createdAt\n          actorType\n          actorId\n          actorName\n          before\n          after\n          environment {\n            slug\n          }\n        }\n      }\n    }\n  }\n": types.FlagHistoryDocument,
    "\n  query Operators {\n    operators {\n      id\n      email\n      role\n      environments\n      invitePending\n      createdAt\n      lastSignedInAt\n    }\n  }\n": types.OperatorsDocument,
    "\n  mutation InviteOperator($input: InviteOperatorInput!) {\n    inviteOperator(input: $input) {\n      inviteUrl\n      operator {\n        id\n      }\n    }\n  }\n": types.InviteOperatorDocument,
    "\n  mutation ChangeOperatorRole($input: ChangeOperatorRoleInput!) {\n    changeOperatorRole(input: $input) {\n      operator {\n        id\n        role\n        environments\n      }\n    }\n  }\n": types.ChangeOperatorRoleDocument,
    "\n  mutation RemoveOperator($input: RemoveOperatorInput!) {\n    removeOperator(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": types.RemoveOperatorDocument,
    "\n  query OrganizationPage($id: ID!, $environment: String!) {\n    organization(id: $id, environment: $environment) {\n      id\n      name\n      externalId\n      createdAt\n      featureFlags(environment: $environment)\n    }\n  }\n": types.OrganizationPageDocument,
    "\n  query OrganizationsPage($environment: String!, $search: String, $after: String) {\n    organizations(environment: $environment, search: $search, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          name\n          externalId\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.OrganizationsPageDocument,
    "\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": types.CompleteSetupDocument,
    "\n  mutation AcceptOperatorInvite($input: AcceptOperatorInviteInput!) {\n    acceptOperatorInvite(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": types.AcceptOperatorInviteDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n": types.SignInDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAmI {\n    setupRequired\n    currentOperator {\n      id\n      email\n      role\n      environments\n    }\n  }\n"): typeof import('./graphql.js').WhoAmIDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionEnvironments {\n    environments {\n      id\n      slug\n      name\n      kind\n      clientId\n    }\n  }\n"): typeof import('./graphql.js').SessionEnvironmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OperatorSignOut {\n    signOutOperator(input: {}) {\n      signedOut\n    }\n  }\n"): typeof import('./graphql.js').OperatorSignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($environment: String!) {\n    apiKeys(environment: $environment) {\n      id\n      name\n      role\n      redactedSecret\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): typeof import('./graphql.js').ApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey {\n        id\n        revokedAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFeatureFlag($input: CreateFeatureFlagInput!) {\n    createFeatureFlag(input: $input) {\n      featureFlag {\n        ...FlagDefinition\n      }\n    }\n  }\n"): typeof import('./graphql.js').CreateFeatureFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFeatureFlag($input: UpdateFeatureFlagInput!) {\n    updateFeatureFlag(input: $input) {\n      featureFlag {\n        ...FlagDefinition\n      }\n    }\n  }\n"): typeof import('./graphql.js').UpdateFeatureFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFeatureFlag($input: DeleteFeatureFlagInput!) {\n    deleteFeatureFlag(input: $input) {\n      deletedFeatureFlagId\n    }\n  }\n"): typeof import('./graphql.js').DeleteFeatureFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveFeatureFlag($input: ArchiveFeatureFlagInput!) {\n    archiveFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n        archivedAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').ArchiveFeatureFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuleEditor($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      rule(environment: $environment) {\n        ...RuleFields\n      }\n    }\n  }\n  fragment RuleFields on FeatureFlagRule {\n    enabled\n    version\n    organizationRule\n    percentage\n    updatedAt\n    organizations {\n      id\n      name\n    }\n    users {\n      id\n      email\n    }\n  }\n"): typeof import('./graphql.js').RuleEditorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOrganizationRule($input: SetOrganizationRuleInput!) {\n    setOrganizationRule(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n"): typeof import('./graphql.js').SetOrganizationRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchOrganizations($environment: String!, $search: String!) {\n    organizations(environment: $environment, search: $search, first: 8) {\n      edges {\n        node {\n          id\n          name\n          externalId\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').SearchOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddFeatureFlagUser($input: AddFeatureFlagUserInput!) {\n    addFeatureFlagUser(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n"): typeof import('./graphql.js').AddFeatureFlagUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFeatureFlagUser($input: RemoveFeatureFlagUserInput!) {\n    removeFeatureFlagUser(input: $input) {\n      rule {\n        ...RuleFields\n      }\n    }\n  }\n"): typeof import('./graphql.js').RemoveFeatureFlagUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchUsers($environment: String!, $search: String!) {\n    users(environment: $environment, search: $search, first: 8) {\n      edges {\n        node {\n          id\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').SearchUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints($environment: String!) {\n    webhookEndpoints(environment: $environment) {\n      id\n      url\n      events\n      enabled\n      createdAt\n      deliveries(first: 5) {\n        id\n        eventId\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').WebhookEndpointsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      webhookEndpoint {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').CreateWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {\n    deleteWebhookEndpoint(input: $input) {\n      deletedWebhookEndpointId\n    }\n  }\n"): typeof import('./graphql.js').DeleteWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FlagDefinition on FeatureFlag {\n    id\n    slug\n    name\n    description\n    tags\n  }\n"): typeof import('./graphql.js').FlagDefinitionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagTable($environments: [String!]!, $first: Int!, $after: String) {\n    featureFlags(first: $first, after: $after) {\n      edges {\n        node {\n          ...FlagDefinition\n          rules(environments: $environments) {\n            enabled\n            version\n            organizationRule\n            percentage\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').FlagTableDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagRow($slug: String!, $environment: String!) {\n    featureFlag(slug: $slug) {\n      id\n      slug\n      name\n      description\n      tags\n      archivedAt\n      rule(environment: $environment) {\n        enabled\n        version\n        organizationRule\n        percentage\n      }\n    }\n  }\n"): typeof import('./graphql.js').FlagRowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFeatureFlagEnabled($input: SetFeatureFlagEnabledInput!) {\n    setFeatureFlagEnabled(input: $input) {\n      rule {\n        enabled\n        version\n        organizationRule\n        percentage\n      }\n    }\n  }\n"): typeof import('./graphql.js').SetFeatureFlagEnabledDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveEvents($environment: String!) {\n    events(environment: $environment) {\n      id\n      type\n      flagSlug\n      organizationId\n      actorName\n      createdAt\n      environment {\n        slug\n      }\n    }\n  }\n"): typeof import('./graphql.js').LiveEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArchivedFlags($after: String) {\n    featureFlags(archived: true, first: 100, after: $after) {\n      edges {\n        node {\n          ...FlagDefinition\n          archivedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').ArchivedFlagsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnarchiveFeatureFlag($input: UnarchiveFeatureFlagInput!) {\n    unarchiveFeatureFlag(input: $input) {\n      featureFlag {\n        slug\n      }\n    }\n  }\n"): typeof import('./graphql.js').UnarchiveFeatureFlagDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($environment: String!, $flagSlug: String, $type: String, $actorId: ID, $after: String) {\n    events(\n      environment: $environment\n      flagSlug: $flagSlug\n      type: $type\n      actorId: $actorId\n      first: 50\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          actorType\n          actorId\n          actorName\n          flagSlug\n          before\n          after\n          environment {\n            slug\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActors($environment: String!, $withOperators: Boolean!) {\n    apiKeys(environment: $environment) {\n      id\n      name\n    }\n    operators @include(if: $withOperators) {\n      id\n      email\n    }\n  }\n"): typeof import('./graphql.js').AuditActorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagPage($slug: String!) {\n    featureFlag(slug: $slug) {\n      id\n      slug\n      name\n      description\n      tags\n      createdAt\n      archivedAt\n    }\n  }\n"): typeof import('./graphql.js').FlagPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagHistory($slug: String!, $environment: String!) {\n    events(environment: $environment, flagSlug: $slug, first: 30) {\n      edges {\n        node {\n          id\n          cursor\n          type\n          createdAt\n          actorType\n          actorId\n          actorName\n          before\n          after\n          environment {\n            slug\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').FlagHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Operators {\n    operators {\n      id\n      email\n      role\n      environments\n      invitePending\n      createdAt\n      lastSignedInAt\n    }\n  }\n"): typeof import('./graphql.js').OperatorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteOperator($input: InviteOperatorInput!) {\n    inviteOperator(input: $input) {\n      inviteUrl\n      operator {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').InviteOperatorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeOperatorRole($input: ChangeOperatorRoleInput!) {\n    changeOperatorRole(input: $input) {\n      operator {\n        id\n        role\n        environments\n      }\n    }\n  }\n"): typeof import('./graphql.js').ChangeOperatorRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveOperator($input: RemoveOperatorInput!) {\n    removeOperator(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').RemoveOperatorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationPage($id: ID!, $environment: String!) {\n    organization(id: $id, environment: $environment) {\n      id\n      name\n      externalId\n      createdAt\n      featureFlags(environment: $environment)\n    }\n  }\n"): typeof import('./graphql.js').OrganizationPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationsPage($environment: String!, $search: String, $after: String) {\n    organizations(environment: $environment, search: $search, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          name\n          externalId\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').OrganizationsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').CompleteSetupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptOperatorInvite($input: AcceptOperatorInviteInput!) {\n    acceptOperatorInvite(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').AcceptOperatorInviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      operator {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').SignInDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

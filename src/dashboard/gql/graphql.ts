/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AcceptOperatorInviteInput = {
  /** At least 12 characters. */
  password: string;
  /** The `token` of the invitation link. */
  token: string;
};

export type AddFeatureFlagUserInput = {
  environment: string;
  slug: string;
  userId: string | number;
};

/** What a key may do. READ_ONLY: queries and subscriptions. MEMBER (the default): everything within its environment, flag definitions included. ADMIN: also what reaches other environments (deleting a flag, creating environments, keys of other environments). */
export type ApiKeyRole =
  | 'ADMIN'
  | 'MEMBER'
  | 'READ_ONLY';

export type ArchiveFeatureFlagInput = {
  slug: string;
};

export type ChangeOperatorRoleInput = {
  /** For an EDITOR: its environments’ slugs. */
  environments?: Array<string> | null | undefined;
  id: string | number;
  role: OperatorRole;
};

export type CompleteSetupInput = {
  email: string;
  /** At least 12 characters. */
  password: string;
  /** The `token` of the setup link. */
  token: string;
};

export type CreateApiKeyInput = {
  /** Defaults to the key’s environment; only an admin key creates keys for another. Required for operators. */
  environment?: string | null | undefined;
  name: string;
  /** Defaults to MEMBER. A key creates keys of its own role or lower. */
  role?: ApiKeyRole | null | undefined;
};

export type CreateFeatureFlagInput = {
  description?: string | null | undefined;
  name: string;
  /** Lower-case letters, digits and dashes; permanent. */
  slug: string;
  tags?: Array<string> | null | undefined;
};

export type CreateWebhookEndpointInput = {
  /** The environment’s slug. Defaults to the API key’s own environment; required for operators. */
  environment?: string | null | undefined;
  /** Among flag.created, flag.updated, flag.deleted, flag.rule_updated. */
  events: Array<string>;
  /** An absolute http(s) URL. */
  url: string;
};

export type DeleteFeatureFlagInput = {
  slug: string;
};

export type DeleteWebhookEndpointInput = {
  /** The environment’s slug. Defaults to the API key’s own environment; required for operators. */
  environment?: string | null | undefined;
  id: string | number;
};

/** Sandbox environments use `sk_test_` keys; production ones `sk_live_` keys. */
export type EnvironmentKind =
  | 'PRODUCTION'
  | 'SANDBOX';

export type InviteOperatorInput = {
  email: string;
  /** For an EDITOR: the slugs of the environments whose rules it may change. */
  environments?: Array<string> | null | undefined;
  role: OperatorRole;
};

/** What an operator may do. OWNER: everything, operators included. ADMIN: what an admin API key may do, in every environment. EDITOR: reads; creates and edits flag definitions; changes rules and targets in its `environments` only. VIEWER: reads. */
export type OperatorRole =
  | 'ADMIN'
  | 'EDITOR'
  | 'OWNER'
  | 'VIEWER';

/** Which organizations an enabled flag is on for. */
export type OrganizationRule =
  /** Every organization. */
  | 'ALL'
  /** No organization. */
  | 'NONE'
  /** The chosen organizations, and of the rest those whose bucket (a stable hash of the rule’s salt and the organization id, 10,000 buckets) is below `percentage`: sticky, and raising the percentage only adds organizations. */
  | 'PERCENTAGE'
  /** Only the chosen organizations. */
  | 'SOME';

export type RemoveFeatureFlagUserInput = {
  environment: string;
  slug: string;
  userId: string | number;
};

export type RemoveOperatorInput = {
  id: string | number;
};

export type RevokeApiKeyInput = {
  id: string | number;
};

export type SetFeatureFlagEnabledInput = {
  enabled: boolean;
  environment: string;
  expectedVersion?: number | null | undefined;
  slug: string;
};

export type SetOrganizationRuleInput = {
  environment: string;
  /** When given, the change is made only if the rule is still at this version (else CONFLICT). */
  expectedVersion?: number | null | undefined;
  /** Replaces the chosen organizations; omitted, they stay as they are. */
  organizationIds?: Array<string | number> | null | undefined;
  /** Required for PERCENTAGE: 0–100, at most two decimals. Omitted for another rule, the last percentage stays. */
  percentage?: number | null | undefined;
  rule: OrganizationRule;
  slug: string;
};

export type SignInInput = {
  email: string;
  password: string;
};

export type UnarchiveFeatureFlagInput = {
  slug: string;
};

export type UpdateFeatureFlagInput = {
  description?: string | null | undefined;
  name?: string | null | undefined;
  slug: string;
  tags?: Array<string> | null | undefined;
};

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { setupRequired: boolean, currentOperator: { id: string, email: string, role: OperatorRole, environments: Array<string> } | null };

export type SessionEnvironmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionEnvironmentsQuery = { environments: Array<{ id: string, slug: string, name: string, kind: EnvironmentKind, clientId: string }> };

export type OperatorSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type OperatorSignOutMutation = { signOutOperator: { signedOut: boolean } };

export type ApiKeysQueryVariables = Exact<{
  environment: string;
}>;


export type ApiKeysQuery = { apiKeys: Array<{ id: string, name: string, role: ApiKeyRole, redactedSecret: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string } } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { apiKey: { id: string, revokedAt: string | null } } };

export type CreateFeatureFlagMutationVariables = Exact<{
  input: CreateFeatureFlagInput;
}>;


export type CreateFeatureFlagMutation = { createFeatureFlag: { featureFlag: { id: string, slug: string, name: string, description: string, tags: Array<string> } } };

export type UpdateFeatureFlagMutationVariables = Exact<{
  input: UpdateFeatureFlagInput;
}>;


export type UpdateFeatureFlagMutation = { updateFeatureFlag: { featureFlag: { id: string, slug: string, name: string, description: string, tags: Array<string> } } };

export type DeleteFeatureFlagMutationVariables = Exact<{
  input: DeleteFeatureFlagInput;
}>;


export type DeleteFeatureFlagMutation = { deleteFeatureFlag: { deletedFeatureFlagId: string } };

export type ArchiveFeatureFlagMutationVariables = Exact<{
  input: ArchiveFeatureFlagInput;
}>;


export type ArchiveFeatureFlagMutation = { archiveFeatureFlag: { featureFlag: { slug: string, archivedAt: string | null } } };

export type RuleEditorQueryVariables = Exact<{
  slug: string;
  environment: string;
}>;


export type RuleEditorQuery = { featureFlag: { rule: { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number, updatedAt: string, organizations: Array<{ id: string, name: string }>, users: Array<{ id: string, email: string }> } } | null };

export type RuleFieldsFragment = { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number, updatedAt: string, organizations: Array<{ id: string, name: string }>, users: Array<{ id: string, email: string }> };

export type SetOrganizationRuleMutationVariables = Exact<{
  input: SetOrganizationRuleInput;
}>;


export type SetOrganizationRuleMutation = { setOrganizationRule: { rule: { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number, updatedAt: string, organizations: Array<{ id: string, name: string }>, users: Array<{ id: string, email: string }> } } };

export type SearchOrganizationsQueryVariables = Exact<{
  environment: string;
  search: string;
}>;


export type SearchOrganizationsQuery = { organizations: { edges: Array<{ node: { id: string, name: string, externalId: string | null } }> } };

export type AddFeatureFlagUserMutationVariables = Exact<{
  input: AddFeatureFlagUserInput;
}>;


export type AddFeatureFlagUserMutation = { addFeatureFlagUser: { rule: { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number, updatedAt: string, organizations: Array<{ id: string, name: string }>, users: Array<{ id: string, email: string }> } } };

export type RemoveFeatureFlagUserMutationVariables = Exact<{
  input: RemoveFeatureFlagUserInput;
}>;


export type RemoveFeatureFlagUserMutation = { removeFeatureFlagUser: { rule: { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number, updatedAt: string, organizations: Array<{ id: string, name: string }>, users: Array<{ id: string, email: string }> } } };

export type SearchUsersQueryVariables = Exact<{
  environment: string;
  search: string;
}>;


export type SearchUsersQuery = { users: { edges: Array<{ node: { id: string, email: string } }> } };

export type WebhookEndpointsQueryVariables = Exact<{
  environment: string;
}>;


export type WebhookEndpointsQuery = { webhookEndpoints: Array<{ id: string, url: string, events: Array<string>, enabled: boolean, createdAt: string, deliveries: Array<{ id: string, eventId: string, status: string, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null }> }> };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string, webhookEndpoint: { id: string } } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  input: DeleteWebhookEndpointInput;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { deletedWebhookEndpointId: string } };

export type FlagDefinitionFragment = { id: string, slug: string, name: string, description: string, tags: Array<string> };

export type FlagTableQueryVariables = Exact<{
  environments: Array<string> | string;
  first: number;
  after?: string | null | undefined;
}>;


export type FlagTableQuery = { featureFlags: { edges: Array<{ node: { id: string, slug: string, name: string, description: string, tags: Array<string>, rules: Array<{ enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type FlagRowQueryVariables = Exact<{
  slug: string;
  environment: string;
}>;


export type FlagRowQuery = { featureFlag: { id: string, slug: string, name: string, description: string, tags: Array<string>, archivedAt: string | null, rule: { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number } } | null };

export type SetFeatureFlagEnabledMutationVariables = Exact<{
  input: SetFeatureFlagEnabledInput;
}>;


export type SetFeatureFlagEnabledMutation = { setFeatureFlagEnabled: { rule: { enabled: boolean, version: number, organizationRule: OrganizationRule, percentage: number } } };

export type LiveEventsSubscriptionVariables = Exact<{
  environment: string;
}>;


export type LiveEventsSubscription = { events: { id: string, type: string, flagSlug: string | null, organizationId: string | null, actorName: string | null, createdAt: string, environment: { slug: string } | null } };

export type ArchivedFlagsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ArchivedFlagsQuery = { featureFlags: { edges: Array<{ node: { archivedAt: string | null, id: string, slug: string, name: string, description: string, tags: Array<string> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UnarchiveFeatureFlagMutationVariables = Exact<{
  input: UnarchiveFeatureFlagInput;
}>;


export type UnarchiveFeatureFlagMutation = { unarchiveFeatureFlag: { featureFlag: { slug: string } } };

export type AuditLogQueryVariables = Exact<{
  environment: string;
  flagSlug?: string | null | undefined;
  type?: string | null | undefined;
  actorId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { events: { edges: Array<{ node: { id: string, type: string, createdAt: string, actorType: string | null, actorId: string | null, actorName: string | null, flagSlug: string | null, before: unknown, after: unknown, environment: { slug: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AuditActorsQueryVariables = Exact<{
  environment: string;
  withOperators: boolean;
}>;


export type AuditActorsQuery = { apiKeys: Array<{ id: string, name: string }>, operators?: Array<{ id: string, email: string }> };

export type FlagPageQueryVariables = Exact<{
  slug: string;
}>;


export type FlagPageQuery = { featureFlag: { id: string, slug: string, name: string, description: string, tags: Array<string>, createdAt: string, archivedAt: string | null } | null };

export type FlagHistoryQueryVariables = Exact<{
  slug: string;
  environment: string;
}>;


export type FlagHistoryQuery = { events: { edges: Array<{ node: { id: string, cursor: string, type: string, createdAt: string, actorType: string | null, actorId: string | null, actorName: string | null, before: unknown, after: unknown, environment: { slug: string } | null } }> } };

export type OperatorsQueryVariables = Exact<{ [key: string]: never; }>;


export type OperatorsQuery = { operators: Array<{ id: string, email: string, role: OperatorRole, environments: Array<string>, invitePending: boolean, createdAt: string, lastSignedInAt: string | null }> };

export type InviteOperatorMutationVariables = Exact<{
  input: InviteOperatorInput;
}>;


export type InviteOperatorMutation = { inviteOperator: { inviteUrl: string, operator: { id: string } } };

export type ChangeOperatorRoleMutationVariables = Exact<{
  input: ChangeOperatorRoleInput;
}>;


export type ChangeOperatorRoleMutation = { changeOperatorRole: { operator: { id: string, role: OperatorRole, environments: Array<string> } } };

export type RemoveOperatorMutationVariables = Exact<{
  input: RemoveOperatorInput;
}>;


export type RemoveOperatorMutation = { removeOperator: { operator: { id: string } } };

export type OrganizationPageQueryVariables = Exact<{
  id: string | number;
  environment: string;
}>;


export type OrganizationPageQuery = { organization: { id: string, name: string, externalId: string | null, createdAt: string, featureFlags: Array<string> } | null };

export type OrganizationsPageQueryVariables = Exact<{
  environment: string;
  search?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type OrganizationsPageQuery = { organizations: { edges: Array<{ node: { id: string, name: string, externalId: string | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CompleteSetupMutationVariables = Exact<{
  input: CompleteSetupInput;
}>;


export type CompleteSetupMutation = { completeSetup: { operator: { id: string } } };

export type AcceptOperatorInviteMutationVariables = Exact<{
  input: AcceptOperatorInviteInput;
}>;


export type AcceptOperatorInviteMutation = { acceptOperatorInvite: { operator: { id: string } } };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { operator: { id: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RuleFieldsFragmentDoc = new TypedDocumentString(`
    fragment RuleFields on FeatureFlagRule {
  enabled
  version
  organizationRule
  percentage
  updatedAt
  organizations {
    id
    name
  }
  users {
    id
    email
  }
}
    `, {"fragmentName":"RuleFields"}) as unknown as TypedDocumentString<RuleFieldsFragment, unknown>;
export const FlagDefinitionFragmentDoc = new TypedDocumentString(`
    fragment FlagDefinition on FeatureFlag {
  id
  slug
  name
  description
  tags
}
    `, {"fragmentName":"FlagDefinition"}) as unknown as TypedDocumentString<FlagDefinitionFragment, unknown>;
export const WhoAmIDocument = new TypedDocumentString(`
    query WhoAmI {
  setupRequired
  currentOperator {
    id
    email
    role
    environments
  }
}
    `) as unknown as TypedDocumentString<WhoAmIQuery, WhoAmIQueryVariables>;
export const SessionEnvironmentsDocument = new TypedDocumentString(`
    query SessionEnvironments {
  environments {
    id
    slug
    name
    kind
    clientId
  }
}
    `) as unknown as TypedDocumentString<SessionEnvironmentsQuery, SessionEnvironmentsQueryVariables>;
export const OperatorSignOutDocument = new TypedDocumentString(`
    mutation OperatorSignOut {
  signOutOperator(input: {}) {
    signedOut
  }
}
    `) as unknown as TypedDocumentString<OperatorSignOutMutation, OperatorSignOutMutationVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys($environment: String!) {
  apiKeys(environment: $environment) {
    id
    name
    role
    redactedSecret
    createdAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) {
    apiKey {
      id
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const CreateFeatureFlagDocument = new TypedDocumentString(`
    mutation CreateFeatureFlag($input: CreateFeatureFlagInput!) {
  createFeatureFlag(input: $input) {
    featureFlag {
      ...FlagDefinition
    }
  }
}
    fragment FlagDefinition on FeatureFlag {
  id
  slug
  name
  description
  tags
}`) as unknown as TypedDocumentString<CreateFeatureFlagMutation, CreateFeatureFlagMutationVariables>;
export const UpdateFeatureFlagDocument = new TypedDocumentString(`
    mutation UpdateFeatureFlag($input: UpdateFeatureFlagInput!) {
  updateFeatureFlag(input: $input) {
    featureFlag {
      ...FlagDefinition
    }
  }
}
    fragment FlagDefinition on FeatureFlag {
  id
  slug
  name
  description
  tags
}`) as unknown as TypedDocumentString<UpdateFeatureFlagMutation, UpdateFeatureFlagMutationVariables>;
export const DeleteFeatureFlagDocument = new TypedDocumentString(`
    mutation DeleteFeatureFlag($input: DeleteFeatureFlagInput!) {
  deleteFeatureFlag(input: $input) {
    deletedFeatureFlagId
  }
}
    `) as unknown as TypedDocumentString<DeleteFeatureFlagMutation, DeleteFeatureFlagMutationVariables>;
export const ArchiveFeatureFlagDocument = new TypedDocumentString(`
    mutation ArchiveFeatureFlag($input: ArchiveFeatureFlagInput!) {
  archiveFeatureFlag(input: $input) {
    featureFlag {
      slug
      archivedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ArchiveFeatureFlagMutation, ArchiveFeatureFlagMutationVariables>;
export const RuleEditorDocument = new TypedDocumentString(`
    query RuleEditor($slug: String!, $environment: String!) {
  featureFlag(slug: $slug) {
    rule(environment: $environment) {
      ...RuleFields
    }
  }
}
    fragment RuleFields on FeatureFlagRule {
  enabled
  version
  organizationRule
  percentage
  updatedAt
  organizations {
    id
    name
  }
  users {
    id
    email
  }
}`) as unknown as TypedDocumentString<RuleEditorQuery, RuleEditorQueryVariables>;
export const SetOrganizationRuleDocument = new TypedDocumentString(`
    mutation SetOrganizationRule($input: SetOrganizationRuleInput!) {
  setOrganizationRule(input: $input) {
    rule {
      ...RuleFields
    }
  }
}
    fragment RuleFields on FeatureFlagRule {
  enabled
  version
  organizationRule
  percentage
  updatedAt
  organizations {
    id
    name
  }
  users {
    id
    email
  }
}`) as unknown as TypedDocumentString<SetOrganizationRuleMutation, SetOrganizationRuleMutationVariables>;
export const SearchOrganizationsDocument = new TypedDocumentString(`
    query SearchOrganizations($environment: String!, $search: String!) {
  organizations(environment: $environment, search: $search, first: 8) {
    edges {
      node {
        id
        name
        externalId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SearchOrganizationsQuery, SearchOrganizationsQueryVariables>;
export const AddFeatureFlagUserDocument = new TypedDocumentString(`
    mutation AddFeatureFlagUser($input: AddFeatureFlagUserInput!) {
  addFeatureFlagUser(input: $input) {
    rule {
      ...RuleFields
    }
  }
}
    fragment RuleFields on FeatureFlagRule {
  enabled
  version
  organizationRule
  percentage
  updatedAt
  organizations {
    id
    name
  }
  users {
    id
    email
  }
}`) as unknown as TypedDocumentString<AddFeatureFlagUserMutation, AddFeatureFlagUserMutationVariables>;
export const RemoveFeatureFlagUserDocument = new TypedDocumentString(`
    mutation RemoveFeatureFlagUser($input: RemoveFeatureFlagUserInput!) {
  removeFeatureFlagUser(input: $input) {
    rule {
      ...RuleFields
    }
  }
}
    fragment RuleFields on FeatureFlagRule {
  enabled
  version
  organizationRule
  percentage
  updatedAt
  organizations {
    id
    name
  }
  users {
    id
    email
  }
}`) as unknown as TypedDocumentString<RemoveFeatureFlagUserMutation, RemoveFeatureFlagUserMutationVariables>;
export const SearchUsersDocument = new TypedDocumentString(`
    query SearchUsers($environment: String!, $search: String!) {
  users(environment: $environment, search: $search, first: 8) {
    edges {
      node {
        id
        email
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SearchUsersQuery, SearchUsersQueryVariables>;
export const WebhookEndpointsDocument = new TypedDocumentString(`
    query WebhookEndpoints($environment: String!) {
  webhookEndpoints(environment: $environment) {
    id
    url
    events
    enabled
    createdAt
    deliveries(first: 5) {
      id
      eventId
      status
      attempts
      lastStatusCode
      lastError
      createdAt
      deliveredAt
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    secret
    webhookEndpoint {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
  deleteWebhookEndpoint(input: $input) {
    deletedWebhookEndpointId
  }
}
    `) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const FlagTableDocument = new TypedDocumentString(`
    query FlagTable($environments: [String!]!, $first: Int!, $after: String) {
  featureFlags(first: $first, after: $after) {
    edges {
      node {
        ...FlagDefinition
        rules(environments: $environments) {
          enabled
          version
          organizationRule
          percentage
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment FlagDefinition on FeatureFlag {
  id
  slug
  name
  description
  tags
}`) as unknown as TypedDocumentString<FlagTableQuery, FlagTableQueryVariables>;
export const FlagRowDocument = new TypedDocumentString(`
    query FlagRow($slug: String!, $environment: String!) {
  featureFlag(slug: $slug) {
    id
    slug
    name
    description
    tags
    archivedAt
    rule(environment: $environment) {
      enabled
      version
      organizationRule
      percentage
    }
  }
}
    `) as unknown as TypedDocumentString<FlagRowQuery, FlagRowQueryVariables>;
export const SetFeatureFlagEnabledDocument = new TypedDocumentString(`
    mutation SetFeatureFlagEnabled($input: SetFeatureFlagEnabledInput!) {
  setFeatureFlagEnabled(input: $input) {
    rule {
      enabled
      version
      organizationRule
      percentage
    }
  }
}
    `) as unknown as TypedDocumentString<SetFeatureFlagEnabledMutation, SetFeatureFlagEnabledMutationVariables>;
export const LiveEventsDocument = new TypedDocumentString(`
    subscription LiveEvents($environment: String!) {
  events(environment: $environment) {
    id
    type
    flagSlug
    organizationId
    actorName
    createdAt
    environment {
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<LiveEventsSubscription, LiveEventsSubscriptionVariables>;
export const ArchivedFlagsDocument = new TypedDocumentString(`
    query ArchivedFlags($after: String) {
  featureFlags(archived: true, first: 100, after: $after) {
    edges {
      node {
        ...FlagDefinition
        archivedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment FlagDefinition on FeatureFlag {
  id
  slug
  name
  description
  tags
}`) as unknown as TypedDocumentString<ArchivedFlagsQuery, ArchivedFlagsQueryVariables>;
export const UnarchiveFeatureFlagDocument = new TypedDocumentString(`
    mutation UnarchiveFeatureFlag($input: UnarchiveFeatureFlagInput!) {
  unarchiveFeatureFlag(input: $input) {
    featureFlag {
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<UnarchiveFeatureFlagMutation, UnarchiveFeatureFlagMutationVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($environment: String!, $flagSlug: String, $type: String, $actorId: ID, $after: String) {
  events(
    environment: $environment
    flagSlug: $flagSlug
    type: $type
    actorId: $actorId
    first: 50
    after: $after
  ) {
    edges {
      node {
        id
        type
        createdAt
        actorType
        actorId
        actorName
        flagSlug
        before
        after
        environment {
          slug
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const AuditActorsDocument = new TypedDocumentString(`
    query AuditActors($environment: String!, $withOperators: Boolean!) {
  apiKeys(environment: $environment) {
    id
    name
  }
  operators @include(if: $withOperators) {
    id
    email
  }
}
    `) as unknown as TypedDocumentString<AuditActorsQuery, AuditActorsQueryVariables>;
export const FlagPageDocument = new TypedDocumentString(`
    query FlagPage($slug: String!) {
  featureFlag(slug: $slug) {
    id
    slug
    name
    description
    tags
    createdAt
    archivedAt
  }
}
    `) as unknown as TypedDocumentString<FlagPageQuery, FlagPageQueryVariables>;
export const FlagHistoryDocument = new TypedDocumentString(`
    query FlagHistory($slug: String!, $environment: String!) {
  events(environment: $environment, flagSlug: $slug, first: 30) {
    edges {
      node {
        id
        cursor
        type
        createdAt
        actorType
        actorId
        actorName
        before
        after
        environment {
          slug
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlagHistoryQuery, FlagHistoryQueryVariables>;
export const OperatorsDocument = new TypedDocumentString(`
    query Operators {
  operators {
    id
    email
    role
    environments
    invitePending
    createdAt
    lastSignedInAt
  }
}
    `) as unknown as TypedDocumentString<OperatorsQuery, OperatorsQueryVariables>;
export const InviteOperatorDocument = new TypedDocumentString(`
    mutation InviteOperator($input: InviteOperatorInput!) {
  inviteOperator(input: $input) {
    inviteUrl
    operator {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<InviteOperatorMutation, InviteOperatorMutationVariables>;
export const ChangeOperatorRoleDocument = new TypedDocumentString(`
    mutation ChangeOperatorRole($input: ChangeOperatorRoleInput!) {
  changeOperatorRole(input: $input) {
    operator {
      id
      role
      environments
    }
  }
}
    `) as unknown as TypedDocumentString<ChangeOperatorRoleMutation, ChangeOperatorRoleMutationVariables>;
export const RemoveOperatorDocument = new TypedDocumentString(`
    mutation RemoveOperator($input: RemoveOperatorInput!) {
  removeOperator(input: $input) {
    operator {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RemoveOperatorMutation, RemoveOperatorMutationVariables>;
export const OrganizationPageDocument = new TypedDocumentString(`
    query OrganizationPage($id: ID!, $environment: String!) {
  organization(id: $id, environment: $environment) {
    id
    name
    externalId
    createdAt
    featureFlags(environment: $environment)
  }
}
    `) as unknown as TypedDocumentString<OrganizationPageQuery, OrganizationPageQueryVariables>;
export const OrganizationsPageDocument = new TypedDocumentString(`
    query OrganizationsPage($environment: String!, $search: String, $after: String) {
  organizations(
    environment: $environment
    search: $search
    first: 50
    after: $after
  ) {
    edges {
      node {
        id
        name
        externalId
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<OrganizationsPageQuery, OrganizationsPageQueryVariables>;
export const CompleteSetupDocument = new TypedDocumentString(`
    mutation CompleteSetup($input: CompleteSetupInput!) {
  completeSetup(input: $input) {
    operator {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CompleteSetupMutation, CompleteSetupMutationVariables>;
export const AcceptOperatorInviteDocument = new TypedDocumentString(`
    mutation AcceptOperatorInvite($input: AcceptOperatorInviteInput!) {
  acceptOperatorInvite(input: $input) {
    operator {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<AcceptOperatorInviteMutation, AcceptOperatorInviteMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    operator {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
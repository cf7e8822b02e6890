import { resolveCursorConnection } from '@pothos/plugin-relay';
import { prisma } from '../db/index.ts';
import { directory } from '../domain/directory.ts';
import { percentageOf } from '../domain/evaluation.ts';
import { flagCatalogue } from '../domain/flag-catalogue.ts';
import { flagState } from '../domain/flag-state.ts';
import { createFeatureFlag, deleteFeatureFlag, updateFeatureFlag } from '../domain/flags.ts';
import {
  addFeatureFlagOrganization,
  addFeatureFlagUser,
  type RuleView,
  removeFeatureFlagOrganization,
  removeFeatureFlagUser,
  rerollFeatureFlagRollout,
  setFeatureFlagEnabled,
  setOrganizationRule,
} from '../domain/rules.ts';
import { isId, isSlug, validFilterText, validId, validPercentage } from '../domain/validation.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { FeatureFlag } from '../generated/prisma/client.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf, type GraphQLContext } from './context.ts';
import { EnvironmentType } from './environment.ts';
import { BatchLoader, requestLoader } from './loaders.ts';
import { OrganizationType } from './organization.ts';
import { checkedPageSize, maxPageSize } from './page-size.ts';
import { UserType } from './user.ts';

export const OrganizationRuleEnum = builder.enumType('OrganizationRule', {
  description: 'Which organizations an enabled flag is on for.',
  values: {
    NONE: { description: 'No organization.' },
    SOME: { description: 'Only the chosen organizations.' },
    ALL: { description: 'Every organization.' },
    PERCENTAGE: {
      description:
        'The chosen organizations, and of the rest those whose bucket (a stable hash of the rule’s salt and the organization id, 10,000 buckets) is below `percentage`: sticky, and raising the percentage only adds organizations.',
    },
  } as const,
});

export const FeatureFlagRuleType = builder.objectRef<RuleView>('FeatureFlagRule').implement({
  description:
    'A flag’s rule in one environment. The flag is on for a user of an organization when `enabled` and (the user is targeted, or the organization rule matches the organization: ALL; SOME and chosen; PERCENTAGE and chosen or in the rollout).',
  fields: (t) => ({
    id: t.exposeID('ruleId'),
    flagSlug: t.exposeString('flagSlug'),
    environment: t.field({
      type: EnvironmentType,
      // Almost always the caller's own environment, which came with its (cached) key.
      resolve: (rule, _args, context) => {
        const own = context.apiKey?.environment;
        if (own?.id === rule.environmentId) return own;
        const environment = directory.environment(rule.environmentId);
        if (!environment) throw new NotFoundError('Environment', rule.environmentId);
        return environment;
      },
    }),
    enabled: t.exposeBoolean('enabled'),
    organizationRule: t.expose('organizationRule', { type: OrganizationRuleEnum }),
    organizationIds: t.exposeIDList('organizationIds', {
      description: 'The chosen organizations (used when the rule is SOME or PERCENTAGE).',
    }),
    percentage: t.float({
      description:
        'The PERCENTAGE rule’s share of organizations, 0–100 with at most two decimals (kept while the rule is something else).',
      resolve: (rule) => percentageOf(rule.percentageBasisPoints),
    }),
    rolloutSalt: t.exposeString('rolloutSalt', {
      description:
        'The salt of the PERCENTAGE rule’s buckets, for clients that evaluate locally (the OpenFeature provider). Changed only by `rerollFeatureFlagRollout`.',
    }),
    userIds: t.exposeIDList('userIds', {
      description:
        'Users the flag is on for while enabled, in any organization, whatever the organization rule.',
    }),
    users: t.field({
      type: [UserType],
      description: 'The targeted users, by id.',
      resolve: async (rule, _args, context) => {
        const loader = userLoader(context);
        const users = await Promise.all(rule.userIds.map((id) => loader.load(id)));
        return users.filter((user) => user !== undefined);
      },
    }),
    organizations: t.field({
      type: [OrganizationType],
      description: 'The chosen organizations (used when the rule is SOME or PERCENTAGE), by id.',
      // From memory (src/domain/directory.ts).
      resolve: (rule) =>
        rule.organizationIds.flatMap((id) => directory.organization(rule.environmentId, id) ?? []),
    }),
    version: t.exposeInt('version', {
      description: 'Increases with every change; pass it as `expectedVersion` to detect concurrent edits.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    updatedBy: t.exposeString('updatedById', {
      nullable: true,
      description: 'Id of the API key or operator that made the last change.',
    }),
  }),
});

function userLoader(context: GraphQLContext) {
  return requestLoader(
    context,
    'userById',
    () =>
      new BatchLoader(async (ids: string[]) => {
        const rows = await prisma.user.findMany({ where: { id: { in: ids } } });
        return new Map(rows.map((row) => [row.id, row]));
      }),
  );
}

export const FeatureFlagType = builder.prismaObject('FeatureFlag', {
  description: 'A feature flag. It exists in every environment, with a rule in each.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug', { description: 'Unique and permanent: the name code and tokens use.' }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    tags: t.exposeStringList('tags'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    archivedAt: t.expose('archivedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the flag was archived; null while it is live. An archived flag is off everywhere and its rules cannot change until `unarchiveFeatureFlag`.',
    }),
    rule: t.field({
      type: FeatureFlagRuleType,
      description: 'The rule in an environment the caller’s key may act on.',
      authScopes: { may: 'read' },
      args: { environment: t.arg.string() },
      resolve: async (flag, args, context) => {
        const environment = await environmentFor(context, args.environment, 'read');
        // From memory, kept current by the change feed (src/domain/flag-state.ts).
        const rule = flagState.rule(environment.id, flag.id);
        // Every flag has a rule in every environment; a miss means it was deleted meanwhile.
        if (!rule) throw new NotFoundError('Feature flag', flag.slug);
        return rule;
      },
    }),
    rules: t.field({
      type: [FeatureFlagRuleType],
      description:
        'The rules in the environments named, in that order: a list of flags with every environment’s switch in one request (the dashboard’s flags page). At most 20 environments.',
      authScopes: { may: 'read' },
      args: { environments: t.arg.stringList() },
      resolve: async (flag, args, context) => {
        if (args.environments.length > maxEnvironmentsPerFlag) {
          throw new BadUserInputError('environments', `Name at most ${maxEnvironmentsPerFlag} environments.`);
        }
        return Promise.all(
          args.environments.map(async (slug) => {
            const environment = await environmentFor(context, slug, 'read');
            const rule = flagState.rule(environment.id, flag.id);
            if (!rule) throw new NotFoundError('Feature flag', flag.slug);
            return rule;
          }),
        );
      },
    }),
  }),
});

const cursorPrefix = 'flag:';

/** An opaque cursor for a flag in the `featureFlags` list. */
function flagCursor(id: string): string {
  return Buffer.from(`${cursorPrefix}${id}`).toString('base64url');
}

/** The flag id a cursor stands for, or BAD_USER_INPUT naming the argument. */
function flagIdOfCursor(argument: 'after' | 'before', cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith(cursorPrefix) ? decoded.slice(cursorPrefix.length) : '';
  if (!isId(id, 'flag')) {
    throw new BadUserInputError(argument, `${argument} is not a cursor of this list.`);
  }
  return id;
}

/** Bounds the work of one `rules` field (a page of 100 flags asks for 100 × this). */
const maxEnvironmentsPerFlag = 20;

builder.queryFields((t) => ({
  featureFlags: t.connection({
    type: FeatureFlagType,
    description:
      'Flags, oldest first. `tag` keeps flags with that tag; `search` matches slug, name or description; `archived` lists the archived flags instead of the live ones.',
    authScopes: { may: 'read' },
    args: {
      tag: t.arg.string({ required: false }),
      search: t.arg.string({ required: false }),
      archived: t.arg.boolean({
        defaultValue: false,
        description: 'false (the default): live flags only; true: archived flags only.',
      }),
    },
    // From memory (src/domain/flag-catalogue.ts), in id order.
    resolve: (_root, args) => {
      checkedPageSize(args);
      const tag = args.tag ? validFilterText('tag', args.tag) : undefined;
      const search = args.search ? validFilterText('search', args.search).toLowerCase() : undefined;
      const matches = (flag: FeatureFlag) =>
        (flag.archivedAt !== null) === args.archived &&
        (tag === undefined || flag.tags.includes(tag)) &&
        (search === undefined ||
          [flag.slug, flag.name, flag.description].some((text) => text.toLowerCase().includes(search)));
      const afterId = args.after ? flagIdOfCursor('after', args.after) : undefined;
      const beforeId = args.before ? flagIdOfCursor('before', args.before) : undefined;
      return resolveCursorConnection<FeatureFlag[]>(
        { args, maxSize: maxPageSize, toCursor: (flag) => flagCursor(flag.id) },
        ({ limit, inverted }) => {
          const ids = flagCatalogue.ids();
          const page: FeatureFlag[] = [];
          // Walk from the cursor's end of the list until the page (and one more) is full.
          for (let step = 0; step < ids.length && page.length < limit; step++) {
            const id = ids[inverted ? ids.length - 1 - step : step] as string;
            if ((afterId !== undefined && id <= afterId) || (beforeId !== undefined && id >= beforeId))
              continue;
            const flag = flagCatalogue.byId(id);
            if (flag && matches(flag)) page.push(flag);
          }
          return page;
        },
      );
    },
  }),
  featureFlag: t.prismaField({
    type: FeatureFlagType,
    nullable: true,
    authScopes: { may: 'read' },
    args: { slug: t.arg.string() },
    resolve: (query, _root, args) => {
      if (!isSlug(args.slug)) return null;
      // Only the flag's own fields (always, today): from memory.
      if (Object.keys(query).length === 0) return flagCatalogue.bySlug(args.slug) ?? null;
      return prisma.featureFlag.findUnique({ ...query, where: { slug: args.slug } });
    },
  }),
}));

const featureFlagPayload = {
  outputFields: (t: PayloadFieldBuilder) => ({
    featureFlag: t.field({ type: FeatureFlagType, resolve: (p: { featureFlag: FlagRow }) => p.featureFlag }),
  }),
};
type FlagRow = Awaited<ReturnType<typeof createFeatureFlag>>;
// biome-ignore lint/suspicious/noExplicitAny: Pothos' field-builder type for payloads is internal.
type PayloadFieldBuilder = any;

builder.relayMutationField(
  'createFeatureFlag',
  {
    inputFields: (t) => ({
      slug: t.string({ description: 'Lower-case letters, digits and dashes; permanent.' }),
      name: t.string(),
      description: t.string({ required: false }),
      tags: t.stringList({ required: false }),
    }),
  },
  {
    description: 'Creates a flag, disabled with organization rule NONE in every environment.',
    authScopes: { may: 'editFlags' },
    resolve: async (_root, { input }, context) => ({
      featureFlag: await createFeatureFlag(actorOf(context), input),
    }),
  },
  featureFlagPayload,
);

builder.relayMutationField(
  'updateFeatureFlag',
  {
    inputFields: (t) => ({
      slug: t.string(),
      name: t.string({ required: false }),
      description: t.string({ required: false }),
      tags: t.stringList({ required: false }),
    }),
  },
  {
    authScopes: { may: 'editFlags' },
    resolve: async (_root, { input }, context) => ({
      featureFlag: await updateFeatureFlag(actorOf(context), input.slug, input),
    }),
  },
  featureFlagPayload,
);

builder.relayMutationField(
  'deleteFeatureFlag',
  { inputFields: (t) => ({ slug: t.string() }) },
  {
    description:
      'Deletes a flag in every environment. Needs an admin key or operator: it reaches every environment.',
    authScopes: { may: 'administer' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteFeatureFlag(actorOf(context), input.slug);
      return { deletedFeatureFlagId: deleted.id, slug: deleted.slug };
    },
  },
  {
    outputFields: (t) => ({
      deletedFeatureFlagId: t.id({ resolve: (p) => p.deletedFeatureFlagId }),
      slug: t.string({ resolve: (p) => p.slug }),
    }),
  },
);

const rulePayload = {
  outputFields: (t: PayloadFieldBuilder) => ({
    rule: t.field({ type: FeatureFlagRuleType, resolve: (p: { rule: RuleView }) => p.rule }),
    featureFlag: t.prismaField({
      type: FeatureFlagType,
      // biome-ignore lint/suspicious/noExplicitAny: see PayloadFieldBuilder.
      resolve: (query: any, p: { rule: RuleView }) =>
        prisma.featureFlag.findUniqueOrThrow({ ...query, where: { id: p.rule.flagId } }),
    }),
  }),
};

builder.relayMutationField(
  'setFeatureFlagEnabled',
  {
    inputFields: (t) => ({
      slug: t.string(),
      environment: t.string(),
      enabled: t.boolean(),
      expectedVersion: t.int({ required: false }),
    }),
  },
  {
    description: 'Turns a flag on or off in one environment.',
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      return {
        rule: await setFeatureFlagEnabled(
          actorOf(context),
          input.slug,
          environment.id,
          input.enabled,
          input.expectedVersion,
        ),
      };
    },
  },
  rulePayload,
);

builder.relayMutationField(
  'setOrganizationRule',
  {
    inputFields: (t) => ({
      slug: t.string(),
      environment: t.string(),
      rule: t.field({ type: OrganizationRuleEnum }),
      organizationIds: t.idList({
        required: false,
        description: 'Replaces the chosen organizations; omitted, they stay as they are.',
      }),
      percentage: t.float({
        required: false,
        description:
          'Required for PERCENTAGE: 0–100, at most two decimals. Omitted for another rule, the last percentage stays.',
      }),
      expectedVersion: t.int({
        required: false,
        description:
          'When given, the change is made only if the rule is still at this version (else CONFLICT).',
      }),
    }),
  },
  {
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      const organizationIds = input.organizationIds?.map((id, index) =>
        validId(`organizationIds[${index}]`, String(id), 'org'),
      );
      const percentageBasisPoints =
        input.percentage == null ? null : validPercentage('percentage', input.percentage);
      return {
        rule: await setOrganizationRule(
          actorOf(context),
          input.slug,
          environment.id,
          input.rule,
          organizationIds,
          input.expectedVersion,
          percentageBasisPoints,
        ),
      };
    },
  },
  rulePayload,
);

builder.relayMutationField(
  'addFeatureFlagOrganization',
  { inputFields: (t) => ({ slug: t.string(), environment: t.string(), organizationId: t.id() }) },
  {
    description: 'Chooses one more organization; a rule that was NONE becomes SOME.',
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      const organizationId = validId('organizationId', String(input.organizationId), 'org');
      return {
        rule: await addFeatureFlagOrganization(actorOf(context), input.slug, environment.id, organizationId),
      };
    },
  },
  rulePayload,
);

builder.relayMutationField(
  'removeFeatureFlagOrganization',
  { inputFields: (t) => ({ slug: t.string(), environment: t.string(), organizationId: t.id() }) },
  {
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      const organizationId = validId('organizationId', String(input.organizationId), 'org');
      return {
        rule: await removeFeatureFlagOrganization(
          actorOf(context),
          input.slug,
          environment.id,
          organizationId,
        ),
      };
    },
  },
  rulePayload,
);

builder.relayMutationField(
  'addFeatureFlagUser',
  { inputFields: (t) => ({ slug: t.string(), environment: t.string(), userId: t.id() }) },
  {
    description:
      'Turns the flag on for one user (while the rule is enabled) in every organization they sign in to, whatever the organization rule.',
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      const userId = validId('userId', String(input.userId), 'user');
      return { rule: await addFeatureFlagUser(actorOf(context), input.slug, environment.id, userId) };
    },
  },
  rulePayload,
);

builder.relayMutationField(
  'removeFeatureFlagUser',
  { inputFields: (t) => ({ slug: t.string(), environment: t.string(), userId: t.id() }) },
  {
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      const userId = validId('userId', String(input.userId), 'user');
      return { rule: await removeFeatureFlagUser(actorOf(context), input.slug, environment.id, userId) };
    },
  },
  rulePayload,
);

builder.relayMutationField(
  'rerollFeatureFlagRollout',
  {
    inputFields: (t) => ({
      slug: t.string(),
      environment: t.string(),
      expectedVersion: t.int({ required: false }),
    }),
  },
  {
    description:
      'Draws a new salt for the rule’s percentage rollout: at the same percentage, a different set of organizations. The only way a rollout’s choice changes other than by its percentage.',
    authScopes: { may: 'editRules' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'editRules');
      return {
        rule: await rerollFeatureFlagRollout(
          actorOf(context),
          input.slug,
          environment.id,
          input.expectedVersion,
        ),
      };
    },
  },
  rulePayload,
);

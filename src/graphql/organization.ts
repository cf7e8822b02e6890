import { prisma } from '../db/index.ts';
import { directory } from '../domain/directory.ts';
import { flagState } from '../domain/flag-state.ts';
import { createOrganization, deleteOrganization, updateOrganization } from '../domain/organizations.ts';
import { validFilterText, validId } from '../domain/validation.ts';
import { apiKeyOf, environmentArgument } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';
import { checkedPageSize } from './page-size.ts';

export const OrganizationType = builder.prismaObject('Organization', {
  description: 'A customer organization that flags are rolled out to.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: 'Your own id for this organization, unique when set.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    featureFlags: t.stringList({
      description:
        'Slugs of the flags enabled for this organization in the environment, sorted. Served from memory.',
      authScopes: { apiKey: true },
      args: { environment: t.arg.string() },
      resolve: async (organization, args, context) => {
        const environment = await environmentArgument(context, args.environment);
        return flagState.enabledFlagSlugs(environment.id, organization.id);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  organizations: t.prismaConnection({
    type: 'Organization',
    cursor: 'id',
    maxSize: checkedPageSize,
    description:
      'Organizations of the key’s environment, oldest first; `search` matches name or external id.',
    authScopes: { apiKey: true },
    args: { search: t.arg.string({ required: false }) },
    resolve: (query, _root, args, context) => {
      const search = args.search ? validFilterText('search', args.search) : undefined;
      return prisma.organization.findMany({
        ...query,
        where: {
          environmentId: apiKeyOf(context).environment.id,
          ...(search
            ? {
                OR: [{ name: { contains: search, mode: 'insensitive' } }, { externalId: { equals: search } }],
              }
            : {}),
        },
      });
    },
  }),
  organization: t.prismaField({
    type: OrganizationType,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'An organization of the key’s environment (null for any other).',
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, context) => {
      const id = validId('id', String(args.id), 'org');
      const environmentId = apiKeyOf(context).environment.id;
      // Only the organization's own fields (the flag-read hot path): from memory. With
      // relations selected, one query that includes them.
      if (Object.keys(query).length === 0) return directory.organization(environmentId, id) ?? null;
      return prisma.organization.findFirst({ ...query, where: { id, environmentId } });
    },
  }),
}));

builder.relayMutationField(
  'createOrganization',
  {
    inputFields: (t) => ({
      name: t.string(),
      externalId: t.string({ required: false }),
    }),
  },
  {
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => ({
      organization: await createOrganization(actorOf(context), apiKeyOf(context).environment.id, input),
    }),
  },
  {
    outputFields: (t) => ({
      organization: t.field({ type: OrganizationType, resolve: (p) => p.organization }),
    }),
  },
);

builder.relayMutationField(
  'updateOrganization',
  {
    inputFields: (t) => ({
      id: t.id(),
      name: t.string({ required: false }),
      externalId: t.string({ required: false, description: 'An empty string or null clears it.' }),
    }),
  },
  {
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => ({
      organization: await updateOrganization(
        actorOf(context),
        apiKeyOf(context).environment.id,
        validId('id', String(input.id), 'org'),
        input,
      ),
    }),
  },
  {
    outputFields: (t) => ({
      organization: t.field({ type: OrganizationType, resolve: (p) => p.organization }),
    }),
  },
);

builder.relayMutationField(
  'deleteOrganization',
  { inputFields: (t) => ({ id: t.id() }) },
  {
    description: 'Deletes an organization, its memberships and sessions, and removes it from every rule.',
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteOrganization(
        actorOf(context),
        apiKeyOf(context).environment.id,
        validId('id', String(input.id), 'org'),
      );
      return { deletedOrganizationId: deleted.id };
    },
  },
  {
    outputFields: (t) => ({
      deletedOrganizationId: t.id({ resolve: (p) => p.deletedOrganizationId }),
    }),
  },
);

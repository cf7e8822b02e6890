import { prisma } from '../db/index.ts';
import { directory } from '../domain/directory.ts';
import { flagState } from '../domain/flag-state.ts';
import { createOrganization, deleteOrganization, updateOrganization } from '../domain/organizations.ts';
import { validFilterText, validId } from '../domain/validation.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';
import { environmentOption } from './environment-argument.ts';
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
      args: { environment: t.arg.string() },
      // No scope: the flag-read hot path authorizes in `environmentFor` alone (see `organization`).
      resolve: async (organization, args, context) => {
        const environment = await environmentFor(context, args.environment, 'read');
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
      'Organizations of an environment (by default the key’s; operators name one), oldest first; `search` matches name or external id.',
    authScopes: { may: 'read' },
    args: { environment: t.arg.string(environmentOption), search: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, context) => {
      const search = args.search ? validFilterText('search', args.search) : undefined;
      const environment = await environmentFor(context, args.environment, 'read');
      return prisma.organization.findMany({
        ...query,
        where: {
          environmentId: environment.id,
          ...(search
            ? {
                OR: [{ name: { contains: search, mode: 'insensitive' } }, { externalId: { equals: search } }],
              }
            : {}),
        },
      });
    },
  }),
  organization: t.field({
    type: OrganizationType,
    nullable: true,
    description:
      'An organization of an environment (by default the key’s; operators name one), null for any other.',
    args: { id: t.arg.id(), environment: t.arg.string(environmentOption) },
    // The flag-read hot path: answered from memory (a relation selected under it is loaded by
    // the Prisma plugin, batched per request), and authorized by `environmentFor` alone, which
    // asks `authorize` for `read` in the environment as a `may` scope would. A scope here (and on
    // `featureFlags`) would only repeat that check, and scope-auth's per-request cache and
    // wrapped resolvers are a large part of this read's cost (docs/architecture.md).
    resolve: async (_root, args, context) => {
      const id = validId('id', String(args.id), 'org');
      const environmentId = (await environmentFor(context, args.environment, 'read')).id;
      return directory.organization(environmentId, id) ?? null;
    },
  }),
}));

builder.relayMutationField(
  'createOrganization',
  {
    inputFields: (t) => ({
      name: t.string(),
      externalId: t.string({ required: false }),
      environment: t.string(environmentOption),
    }),
  },
  {
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => ({
      organization: await createOrganization(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
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
  'updateOrganization',
  {
    inputFields: (t) => ({
      id: t.id(),
      name: t.string({ required: false }),
      externalId: t.string({ required: false, description: 'An empty string or null clears it.' }),
      environment: t.string(environmentOption),
    }),
  },
  {
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => ({
      organization: await updateOrganization(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
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
  { inputFields: (t) => ({ id: t.id(), environment: t.string(environmentOption) }) },
  {
    description: 'Deletes an organization, its memberships and sessions, and removes it from every rule.',
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteOrganization(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
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

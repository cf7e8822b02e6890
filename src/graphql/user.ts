import { prisma } from '../db/index.ts';
import { createOrganizationMembership, deleteOrganizationMembership } from '../domain/memberships.ts';
import { createUser, deleteUser, updateUser } from '../domain/users.ts';
import { validFilterText, validId } from '../domain/validation.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';
import { environmentOption } from './environment-argument.ts';
import { OrganizationType } from './organization.ts';
import { checkedPageSize } from './page-size.ts';

export const MembershipStatusEnum = builder.enumType('MembershipStatus', {
  description: 'Only ACTIVE memberships let a user hold a session for the organization.',
  values: ['ACTIVE', 'INACTIVE', 'PENDING'] as const,
});

export const UserType = builder.prismaObject('User', {
  description: 'A person who signs in to your product; sessions are created for users.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName', { nullable: true }),
    lastName: t.exposeString('lastName', { nullable: true }),
    emailVerified: t.exposeBoolean('emailVerified'),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: 'Your own id for this user, unique when set.',
    }),
    lastSignInAt: t.expose('lastSignInAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a session was last created for this user.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    memberships: t.relation('memberships', {
      description: 'The organizations this user belongs to.',
      query: { orderBy: { createdAt: 'asc' } },
    }),
  }),
});

export const OrganizationMembershipType = builder.prismaObject('OrganizationMembership', {
  description: 'A user’s membership of an organization, with a role.',
  fields: (t) => ({
    id: t.exposeID('id'),
    user: t.relation('user'),
    organization: t.relation('organization', { type: OrganizationType }),
    role: t.exposeString('roleSlug', {
      description: 'The role slug (`member` by default), the token’s `role`.',
    }),
    status: t.expose('status', { type: MembershipStatusEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('Organization', 'memberships', (t) =>
  t.relation('memberships', {
    description: 'The users of this organization.',
    authScopes: { may: 'read' },
    query: { orderBy: { createdAt: 'asc' } },
  }),
);

builder.queryFields((t) => ({
  users: t.prismaConnection({
    type: 'User',
    cursor: 'id',
    maxSize: checkedPageSize,
    description:
      'Users of an environment (by default the key’s; operators name one), oldest first; `search` matches email (part) or external id.',
    authScopes: { may: 'read' },
    args: { environment: t.arg.string(environmentOption), search: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, context) => {
      const search = args.search ? validFilterText('search', args.search) : undefined;
      const environment = await environmentFor(context, args.environment, 'read');
      return prisma.user.findMany({
        ...query,
        where: {
          environmentId: environment.id,
          ...(search
            ? {
                OR: [
                  { email: { contains: search, mode: 'insensitive' } },
                  { externalId: { equals: search } },
                ],
              }
            : {}),
        },
      });
    },
  }),
  user: t.prismaField({
    type: UserType,
    nullable: true,
    description: 'A user of an environment (by default the key’s; operators name one), null for any other.',
    authScopes: { may: 'read' },
    args: { id: t.arg.id(), environment: t.arg.string(environmentOption) },
    resolve: async (query, _root, args, context) => {
      const id = validId('id', String(args.id), 'user');
      const environment = await environmentFor(context, args.environment, 'read');
      return prisma.user.findFirst({ ...query, where: { id, environmentId: environment.id } });
    },
  }),
}));

builder.relayMutationField(
  'createUser',
  {
    inputFields: (t) => ({
      email: t.string(),
      firstName: t.string({ required: false }),
      lastName: t.string({ required: false }),
      emailVerified: t.boolean({ required: false, description: 'Default false.' }),
      externalId: t.string({ required: false }),
      environment: t.string(environmentOption),
    }),
  },
  {
    description:
      'Creates a user in an environment (emails are unique within an environment, stored lower-case).',
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => ({
      user: await createUser(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
        input,
      ),
    }),
  },
  { outputFields: (t) => ({ user: t.field({ type: UserType, resolve: (p) => p.user }) }) },
);

builder.relayMutationField(
  'updateUser',
  {
    inputFields: (t) => ({
      id: t.id(),
      email: t.string({ required: false }),
      firstName: t.string({ required: false, description: 'An empty string or null clears it.' }),
      lastName: t.string({ required: false, description: 'An empty string or null clears it.' }),
      emailVerified: t.boolean({ required: false }),
      externalId: t.string({ required: false, description: 'An empty string or null clears it.' }),
      environment: t.string(environmentOption),
    }),
  },
  {
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => ({
      user: await updateUser(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
        validId('id', String(input.id), 'user'),
        input,
      ),
    }),
  },
  { outputFields: (t) => ({ user: t.field({ type: UserType, resolve: (p) => p.user }) }) },
);

builder.relayMutationField(
  'deleteUser',
  { inputFields: (t) => ({ id: t.id(), environment: t.string(environmentOption) }) },
  {
    description: 'Deletes a user with their memberships and sessions (their refresh tokens stop working).',
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteUser(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
        validId('id', String(input.id), 'user'),
      );
      return { deletedUserId: deleted.id };
    },
  },
  { outputFields: (t) => ({ deletedUserId: t.id({ resolve: (p) => p.deletedUserId }) }) },
);

builder.relayMutationField(
  'createOrganizationMembership',
  {
    inputFields: (t) => ({
      userId: t.id(),
      organizationId: t.id(),
      role: t.string({ required: false, description: 'A role slug; `member` by default.' }),
      environment: t.string(environmentOption),
    }),
  },
  {
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => ({
      organizationMembership: await createOrganizationMembership(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
        {
          userId: validId('userId', String(input.userId), 'user'),
          organizationId: validId('organizationId', String(input.organizationId), 'org'),
          roleSlug: input.role,
        },
      ),
    }),
  },
  {
    outputFields: (t) => ({
      organizationMembership: t.field({
        type: OrganizationMembershipType,
        resolve: (p) => p.organizationMembership,
      }),
    }),
  },
);

builder.relayMutationField(
  'deleteOrganizationMembership',
  { inputFields: (t) => ({ id: t.id(), environment: t.string(environmentOption) }) },
  {
    description:
      'Removes a user from an organization and revokes their sessions for it: they can no longer refresh.',
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteOrganizationMembership(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
        validId('id', String(input.id), 'om'),
      );
      return { deletedOrganizationMembershipId: deleted.id };
    },
  },
  {
    outputFields: (t) => ({
      deletedOrganizationMembershipId: t.id({ resolve: (p) => p.deletedOrganizationMembershipId }),
    }),
  },
);

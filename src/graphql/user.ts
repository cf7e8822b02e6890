import { prisma } from '../db/index.ts';
import { createOrganizationMembership, deleteOrganizationMembership } from '../domain/memberships.ts';
import { createUser, deleteUser, updateUser } from '../domain/users.ts';
import { validFilterText, validId } from '../domain/validation.ts';
import { apiKeyOf } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';
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
    authScopes: { apiKey: true },
    query: { orderBy: { createdAt: 'asc' } },
  }),
);

builder.queryFields((t) => ({
  users: t.prismaConnection({
    type: 'User',
    cursor: 'id',
    maxSize: checkedPageSize,
    description:
      'Users of the key’s environment, oldest first; `search` matches email (part) or external id.',
    authScopes: { apiKey: true },
    args: { search: t.arg.string({ required: false }) },
    resolve: (query, _root, args, context) => {
      const search = args.search ? validFilterText('search', args.search) : undefined;
      return prisma.user.findMany({
        ...query,
        where: {
          environmentId: apiKeyOf(context).environment.id,
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
    description: 'A user of the key’s environment (null for any other).',
    authScopes: { apiKey: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, context) =>
      prisma.user.findFirst({
        ...query,
        where: {
          id: validId('id', String(args.id), 'user'),
          environmentId: apiKeyOf(context).environment.id,
        },
      }),
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
    }),
  },
  {
    description:
      'Creates a user in the key’s environment (emails are unique within an environment, stored lower-case).',
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => ({
      user: await createUser(actorOf(context), apiKeyOf(context).environment.id, input),
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
    }),
  },
  {
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => ({
      user: await updateUser(
        actorOf(context),
        apiKeyOf(context).environment.id,
        validId('id', String(input.id), 'user'),
        input,
      ),
    }),
  },
  { outputFields: (t) => ({ user: t.field({ type: UserType, resolve: (p) => p.user }) }) },
);

builder.relayMutationField(
  'deleteUser',
  { inputFields: (t) => ({ id: t.id() }) },
  {
    description: 'Deletes a user with their memberships and sessions (their refresh tokens stop working).',
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteUser(
        actorOf(context),
        apiKeyOf(context).environment.id,
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
    }),
  },
  {
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => ({
      organizationMembership: await createOrganizationMembership(
        actorOf(context),
        apiKeyOf(context).environment.id,
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
  { inputFields: (t) => ({ id: t.id() }) },
  {
    description:
      'Removes a user from an organization and revokes their sessions for it: they can no longer refresh.',
    authScopes: { apiKeyRole: 'MEMBER' },
    resolve: async (_root, { input }, context) => {
      const deleted = await deleteOrganizationMembership(
        actorOf(context),
        apiKeyOf(context).environment.id,
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

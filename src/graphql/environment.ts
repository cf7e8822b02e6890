import { authorize, authorizeKeyRole } from '../auth/authorize.ts';
import { prisma } from '../db/index.ts';
import { apiKeyRoleName, createApiKey, revokeApiKey } from '../domain/api-keys.ts';
import { createEnvironment } from '../domain/environments.ts';
import { isSlug, validId } from '../domain/validation.ts';
import { NotFoundError } from '../errors.ts';
import { apiKeyOf, environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';

export const EnvironmentKindEnum = builder.enumType('EnvironmentKind', {
  description: 'Sandbox environments use `sk_test_` keys; production ones `sk_live_` keys.',
  values: ['SANDBOX', 'PRODUCTION'] as const,
});

export const EnvironmentType = builder.prismaObject('Environment', {
  description: 'A deployment stage. Every flag exists in every environment, with its own rule.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: EnvironmentKindEnum }),
    clientId: t.exposeString('clientId', {
      description: 'The WorkOS-style client id (`client_…`) that SDKs use for this environment.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const ApiKeyRoleEnum = builder.enumType('ApiKeyRole', {
  description:
    'What a key may do. READ_ONLY: queries and subscriptions. MEMBER (the default): everything within its environment, flag definitions included. ADMIN: also what reaches other environments (deleting a flag, creating environments, keys of other environments).',
  values: ['READ_ONLY', 'MEMBER', 'ADMIN'] as const,
});

export const ApiKeyType = builder.prismaObject('ApiKey', {
  description: 'A secret that acts in one environment. Only a hash of the secret is stored.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: ApiKeyRoleEnum }),
    environment: t.relation('environment'),
    redactedSecret: t.string({
      description: 'The prefix and last four characters, to tell keys apart (e.g. `sk_test_…a1b2`).',
      select: { secretLast4: true, environment: { select: { kind: true } } },
      resolve: (key) =>
        `${key.environment.kind === 'PRODUCTION' ? 'sk_live_' : 'sk_test_'}…${key.secretLast4}`,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryFields((t) => ({
  environments: t.prismaField({
    type: [EnvironmentType],
    description: 'Every environment.',
    authScopes: { may: 'read' },
    resolve: (query) => prisma.environment.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
  environment: t.prismaField({
    type: EnvironmentType,
    nullable: true,
    authScopes: { may: 'read' },
    args: { slug: t.arg.string() },
    resolve: (query, _root, args) =>
      isSlug(args.slug) ? prisma.environment.findUnique({ ...query, where: { slug: args.slug } }) : null,
  }),
  currentEnvironment: t.prismaField({
    type: EnvironmentType,
    description: 'The environment of the API key making the request (operators name environments instead).',
    authScopes: { may: 'read' },
    resolve: (query, _root, _args, context) =>
      prisma.environment.findUniqueOrThrow({ ...query, where: { id: apiKeyOf(context).environment.id } }),
  }),
  apiKeys: t.prismaField({
    type: [ApiKeyType],
    description:
      'The API keys of an environment, revoked ones included: by default the key’s own (an admin key may name another; operators name one).',
    authScopes: { may: 'readKeys' },
    args: { environment: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, context) => {
      const environment = await environmentFor(context, args.environment, 'readKeys');
      return prisma.apiKey.findMany({
        ...query,
        where: { environmentId: environment.id },
        orderBy: { createdAt: 'asc' },
      });
    },
  }),
}));

builder.relayMutationField(
  'createEnvironment',
  {
    inputFields: (t) => ({
      slug: t.string({ description: 'Lower-case letters, digits and dashes, e.g. `staging`.' }),
      name: t.string(),
      kind: t.field({ type: EnvironmentKindEnum }),
    }),
  },
  {
    description:
      'Creates an environment; every existing flag gets a disabled rule in it. Needs an admin key or operator.',
    authScopes: { may: 'administer' },
    resolve: async (_root, { input }, context) => ({
      environment: await createEnvironment(actorOf(context), input),
    }),
  },
  {
    outputFields: (t) => ({ environment: t.field({ type: EnvironmentType, resolve: (p) => p.environment }) }),
  },
);

builder.relayMutationField(
  'createApiKey',
  {
    inputFields: (t) => ({
      name: t.string(),
      environment: t.string({
        required: false,
        description:
          'Defaults to the key’s environment; only an admin key creates keys for another. Required for operators.',
      }),
      role: t.field({
        type: ApiKeyRoleEnum,
        required: false,
        description: 'Defaults to MEMBER. A key creates keys of its own role or lower.',
      }),
    }),
  },
  {
    description: 'Creates an API key. The secret is returned here once and never again.',
    authScopes: { may: 'manageKeys' },
    resolve: async (_root, { input }, context) => {
      const role = input.role ?? 'MEMBER';
      // No key can mint a key that may do more than itself.
      authorizeKeyRole(context, role, `Creating a key with the ${apiKeyRoleName(role)} role`);
      const environment = await environmentFor(context, input.environment, 'manageKeys');
      const { apiKey, secret } = await createApiKey(actorOf(context), environment, input.name, role);
      return { apiKey, secret };
    },
  },
  {
    outputFields: (t) => ({
      apiKey: t.field({ type: ApiKeyType, resolve: (p) => p.apiKey }),
      secret: t.string({
        description: 'The key itself. Store it now: it cannot be shown again.',
        resolve: (p) => p.secret,
      }),
    }),
  },
);

builder.relayMutationField(
  'revokeApiKey',
  { inputFields: (t) => ({ id: t.id() }) },
  {
    description:
      'Revokes a key of the caller’s environment (an admin key or operator: of any environment), of the caller’s role or lower; it stops working at once on every instance.',
    authScopes: { may: 'manageKeys' },
    resolve: async (_root, { input }, context) => {
      const id = validId('id', String(input.id), 'key');
      const existing = await prisma.apiKey.findUnique({ where: { id }, include: { environment: true } });
      if (!existing) throw new NotFoundError('API key', id);
      authorize(context, 'manageKeys', existing.environment);
      authorizeKeyRole(
        context,
        existing.role,
        `Revoking a key with the ${apiKeyRoleName(existing.role)} role`,
      );
      return { apiKey: await revokeApiKey(actorOf(context), id) };
    },
  },
  { outputFields: (t) => ({ apiKey: t.field({ type: ApiKeyType, resolve: (p) => p.apiKey }) }) },
);

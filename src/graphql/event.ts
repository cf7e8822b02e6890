import { prisma } from '../db/index.ts';
import { operatorEventTypePrefix } from '../domain/event-catalogue.ts';
import { validFilterText } from '../domain/validation.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { BatchLoader, requestLoader } from './loaders.ts';
import { checkedPageSize } from './page-size.ts';

/** Who made changes, by actor id: an operator's e-mail, an API key's name (one query each per response). */
function actorNameLoader(context: GraphQLContext) {
  return requestLoader(
    context,
    'actorNameById',
    () =>
      new BatchLoader(async (ids: string[]) => {
        const [operators, keys] = await Promise.all([
          prisma.operator.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }),
          prisma.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
        ]);
        return new Map([
          ...operators.map((operator) => [operator.id, operator.email] as const),
          ...keys.map((key) => [key.id, key.name] as const),
        ]);
      }),
  );
}

export const EventType = builder.prismaObject('Event', {
  description: 'One recorded change. The log is append-only; `cursor` orders it.',
  fields: (t) => ({
    id: t.id({ resolve: (event) => String(event.id) }),
    cursor: t.string({
      description: 'Pass as `after` to resume from this event (subscriptions, queries).',
      resolve: (event) => String(event.id),
    }),
    type: t.exposeString('type', { description: 'e.g. flag.created, flag.toggled, rule.updated.' }),
    environment: t.relation('environment', {
      nullable: true,
      description: 'Null for changes that concern every environment (flag definitions, organizations).',
    }),
    actorType: t.exposeString('actorType', { nullable: true }),
    actorId: t.exposeString('actorId', {
      nullable: true,
      description: 'The API key (`actorType` api_key) or operator (`operator`) that made the change.',
    }),
    actorName: t.string({
      nullable: true,
      description:
        'Who made the change, to show: the operator’s e-mail or the API key’s name (null for the system, or one since removed).',
      resolve: async (event, _args, context) =>
        event.actorId ? ((await actorNameLoader(context).load(event.actorId)) ?? null) : null,
    }),
    flagId: t.exposeString('flagId', { nullable: true }),
    flagSlug: t.exposeString('flagSlug', { nullable: true }),
    organizationId: t.exposeString('organizationId', { nullable: true }),
    userId: t.exposeString('userId', { nullable: true }),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  events: t.prismaConnection({
    type: 'Event',
    cursor: 'id',
    maxSize: checkedPageSize,
    description:
      'The audit log, newest first: the caller’s environment and the changes that concern every environment.',
    authScopes: { may: 'read' },
    args: {
      environment: t.arg.string({
        required: false,
        description: 'Defaults to the API key’s environment; required for operators.',
      }),
      flagSlug: t.arg.string({ required: false }),
      type: t.arg.string({ required: false }),
      actorId: t.arg.id({
        required: false,
        description: 'Only the changes made by this API key or operator (an `actorId` of the log).',
      }),
    },
    resolve: async (query, _root, args, context) => {
      const environment = await environmentFor(context, args.environment, 'read');
      const where: Prisma.EventWhereInput = {
        OR: [{ environmentId: environment.id }, { environmentId: null }],
      };
      // Changes to operators name people and their roles: for operators' eyes only.
      if (!context.operator) where.NOT = { type: { startsWith: operatorEventTypePrefix } };
      if (args.flagSlug) where.flagSlug = validFilterText('flagSlug', args.flagSlug);
      if (args.type) where.type = validFilterText('type', args.type);
      if (args.actorId != null) where.actorId = validFilterText('actorId', String(args.actorId));
      return prisma.event.findMany({ ...query, where, orderBy: { id: 'desc' } });
    },
  }),
}));

import { prisma } from '../db/index.ts';
import { validFilterText } from '../domain/validation.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { apiKeyOf, environmentArgument } from './auth.ts';
import { builder } from './builder.ts';
import { checkedPageSize } from './page-size.ts';

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
    actorId: t.exposeString('actorId', { nullable: true, description: 'The API key that made the change.' }),
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
    authScopes: { apiKey: true },
    args: {
      environment: t.arg.string({ required: false, description: 'Defaults to the caller’s environment.' }),
      flagSlug: t.arg.string({ required: false }),
      type: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, context) => {
      const environment = args.environment
        ? await environmentArgument(context, args.environment)
        : apiKeyOf(context).environment;
      const where: Prisma.EventWhereInput = {
        OR: [{ environmentId: environment.id }, { environmentId: null }],
      };
      if (args.flagSlug) where.flagSlug = validFilterText('flagSlug', args.flagSlug);
      if (args.type) where.type = validFilterText('type', args.type);
      return prisma.event.findMany({ ...query, where, orderBy: { id: 'desc' } });
    },
  }),
}));

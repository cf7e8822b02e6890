import { prisma } from '../db/index.ts';
import { validId } from '../domain/validation.ts';
import { createWebhookEndpoint, deleteWebhookEndpoint, webhookEventTypes } from '../domain/webhooks.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf } from './context.ts';
import { environmentOption } from './environment-argument.ts';
import { maxPageSize, pageSizeArgument } from './page-size.ts';

const eventList = webhookEventTypes.join(', ');

export const WebhookEndpointType = builder.prismaObject('WebhookEndpoint', {
  description: `A URL that receives WorkOS-style webhook events (${eventList}) signed with \`WorkOS-Signature\`, verifiable with the WorkOS SDK's \`webhooks.constructEvent\`.`,
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    events: t.exposeStringList('events', { description: `The events it receives, among ${eventList}.` }),
    enabled: t.exposeBoolean('enabled'),
    environment: t.relation('environment'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    deliveries: t.relation('deliveries', {
      description: 'The most recent deliveries, newest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 20, description: `1 to ${maxPageSize}.` }) },
      query: (args) => ({
        orderBy: [{ createdAt: 'desc' }, { eventId: 'desc' }],
        take: pageSizeArgument('first', args.first ?? 20),
      }),
    }),
  }),
});

builder.prismaObject('WebhookDelivery', {
  description: 'One event for one endpoint, retried with back-off until the endpoint answers 2xx.',
  fields: (t) => ({
    id: t.exposeID('id'),
    eventId: t.string({
      description: 'The event log id (a cursor of `events`); the webhook’s own id is `event_<eventId>`.',
      resolve: (delivery) => String(delivery.eventId),
    }),
    status: t.exposeString('status', {
      description: '`pending` (waiting or retrying), `delivered`, `failed` (gave up) or `skipped`.',
    }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime' }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaField({
    type: [WebhookEndpointType],
    description: 'The webhook endpoints of an environment, oldest first.',
    authScopes: { may: 'read' },
    args: { environment: t.arg.string(environmentOption) },
    resolve: async (query, _root, args, context) =>
      prisma.webhookEndpoint.findMany({
        ...query,
        where: { environmentId: (await environmentFor(context, args.environment, 'read')).id },
        orderBy: { createdAt: 'asc' },
      }),
  }),
}));

builder.relayMutationField(
  'createWebhookEndpoint',
  {
    inputFields: (t) => ({
      url: t.string({ description: 'An absolute http(s) URL.' }),
      events: t.stringList({ description: `Among ${eventList}.` }),
      environment: t.string(environmentOption),
    }),
  },
  {
    description:
      'Registers an endpoint in the caller’s environment. The signing secret is in the answer and never shown again.',
    authScopes: { may: 'manageWebhooks' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'manageWebhooks');
      const { endpoint, secret } = await createWebhookEndpoint(actorOf(context), environment.id, input);
      return { webhookEndpoint: endpoint, secret };
    },
  },
  {
    outputFields: (t) => ({
      webhookEndpoint: t.prismaField({
        type: WebhookEndpointType,
        resolve: (query, payload) =>
          prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: payload.webhookEndpoint.id } }),
      }),
      secret: t.string({
        description: 'The signing secret for `webhooks.constructEvent`. Shown only here.',
        resolve: (payload) => payload.secret,
      }),
    }),
  },
);

builder.relayMutationField(
  'deleteWebhookEndpoint',
  { inputFields: (t) => ({ id: t.id(), environment: t.string(environmentOption) }) },
  {
    description: 'Deletes an endpoint of an environment and its pending deliveries.',
    authScopes: { may: 'manageWebhooks' },
    resolve: async (_root, { input }, context) => {
      const id = validId('id', String(input.id), 'we');
      const environment = await environmentFor(context, input.environment, 'manageWebhooks');
      const deleted = await deleteWebhookEndpoint(actorOf(context), environment.id, id);
      return { deletedWebhookEndpointId: deleted.id };
    },
  },
  {
    outputFields: (t) => ({
      deletedWebhookEndpointId: t.id({ resolve: (payload) => payload.deletedWebhookEndpointId }),
    }),
  },
);

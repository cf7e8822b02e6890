import { prisma } from '../db/index.ts';
import { latestEventId, parseCursor } from '../domain/events.ts';
import { assertActiveMembership } from '../domain/sessions.ts';
import { UnauthenticatedError } from '../errors.ts';
import { type FeatureFlagsChange, realtimeFanOut } from '../realtime/fan-out.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { EventType } from './event.ts';

builder.subscriptionType({
  description:
    'Real-time streams, over WebSocket (graphql-ws, `graphql-transport-ws`, on /graphql) or Server-Sent Events.',
});

const FeatureFlagsChangeType = builder.objectRef<FeatureFlagsChange>('FeatureFlagsChange').implement({
  description: 'An organization’s enabled flags changed in an environment.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', {
      description: 'The event that made the change: pass it as `after` to resume without loss.',
    }),
    organizationId: t.exposeID('organizationId'),
    environment: t.exposeString('environment', { description: 'The environment’s slug.' }),
    environmentId: t.exposeID('environmentId'),
    featureFlags: t.exposeStringList('featureFlags', {
      description: 'Slugs of every flag enabled for the organization now, sorted.',
    }),
    added: t.exposeStringList('added', { description: 'Flags that became enabled.' }),
    removed: t.exposeStringList('removed', { description: 'Flags that stopped being enabled.' }),
    reason: t.exposeString('reason', {
      description:
        'The event type that caused it (`flag.toggled`, `rule.updated`, `flag.deleted`, `organization.deleted`), or `replay`: the changes missed since `after`, collapsed into one.',
    }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
  }),
});

builder.queryField('latestCursor', (t) =>
  t.string({
    description:
      'The cursor of the latest change. Read it before reading state (your flags), then subscribe with `after` set to it: no change in between is missed. For an API key or a session.',
    resolve: async (_root, _args, context) => {
      if (!context.apiKey && !context.session && !context.operator) {
        throw new UnauthenticatedError(
          'An API key, a signed-in session or a signed-in operator is required.',
        );
      }
      return String(await latestEventId());
    },
  }),
);

/**
 * Root fields whose messages are the same for every subscriber they reach (the fan-out hands
 * one object to a whole organization group; `resolve` returns it as it is; the object type only
 * exposes its data), so the selection set is executed once per message and shape, not per
 * subscriber (see src/realtime/shared-subscription-results.ts). Not `events`: its `environment`
 * is loaded through the request's context.
 */
export const sharedResultSubscriptionFields: ReadonlySet<string> = new Set(['featureFlagsChanged']);

const afterArgumentDescription =
  'Resume after this cursor: what happened since is replayed first, then the stream continues live, without gap or duplicate.';

builder.subscriptionFields((t) => ({
  featureFlagsChanged: t.field({
    type: FeatureFlagsChangeType,
    description:
      'For a signed-in session (its organization and environment): a message each time the organization’s enabled flags change, and only then. Authenticate with `{ accessToken }` or `{ sealedSession }` in `connection_init`, or the session cookie.',
    args: { after: t.arg.string({ required: false, description: afterArgumentDescription }) },
    subscribe: async (_root, args, context) => {
      const session = context.session;
      if (!session) {
        throw new UnauthenticatedError(
          'A signed-in session is required: send { accessToken } or { sealedSession } in connection_init, or the session cookie.',
        );
      }
      const after = args.after == null ? null : parseCursor(args.after);
      // The credential names its organization until it expires; the user may have left it since.
      await assertActiveMembership(session);
      const environment = await prisma.environment.findUniqueOrThrow({
        where: { id: session.environmentId },
        select: { slug: true },
      });
      return realtimeFanOut.subscribeFeatureFlags(
        {
          environmentId: session.environmentId,
          environmentSlug: environment.slug,
          organizationId: session.organizationId,
          sessionId: session.sessionId,
          userId: session.userId,
        },
        after,
      );
    },
    resolve: (change) => change,
  }),
  events: t.field({
    type: EventType,
    description:
      'The live audit log of an environment (and of changes that concern every environment), every change as recorded. An API key: its own environment; an operator: any (with the operator cookie on the WebSocket upgrade).',
    authScopes: { may: 'read' },
    args: {
      environment: t.arg.string(),
      after: t.arg.string({ required: false, description: afterArgumentDescription }),
    },
    subscribe: async (_root, args, context) => {
      const environment = await environmentFor(context, args.environment, 'read');
      const after = args.after == null ? null : parseCursor(args.after);
      const operator = context.operator;
      const holder = context.apiKey
        ? { apiKeyId: context.apiKey.id }
        : { operatorId: operator?.id ?? '', operatorSessionId: operator?.sessionId ?? '' };
      return realtimeFanOut.subscribeEvents(environment.id, after, holder);
    },
    resolve: (event) => event,
  }),
}));

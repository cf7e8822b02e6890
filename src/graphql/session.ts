import { usableSessionCookie } from '../auth/index.ts';
import { prisma } from '../db/index.ts';
import { sessionSettings } from '../domain/session-settings.ts';
import type { AuthenticatedSession } from '../domain/session-tokens.ts';
import {
  activeSessionsWhere,
  createSession,
  refreshSealedSession,
  revokeSession,
  signOut,
} from '../domain/sessions.ts';
import { PennantError } from '../errors.ts';
import { clearedSessionCookie, sessionCookie } from '../session-http.ts';
import { environmentFor } from './auth.ts';
import { builder } from './builder.ts';
import { actorOf, type GraphQLContext } from './context.ts';
import { environmentOption } from './environment-argument.ts';
import { UserType } from './user.ts';

export const SessionType = builder.prismaObject('Session', {
  description: 'A signed-in user’s session for one organization in one environment.',
  fields: (t) => ({
    id: t.exposeID('id'),
    user: t.relation('user'),
    organization: t.relation('organization'),
    environment: t.relation('environment'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      description: 'When the session ends unless refreshed (each refresh extends it).',
    }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revokedReason: t.exposeString('revokedReason', {
      nullable: true,
      description: '`revoked`, `signed_out`, `refresh_token_reused` or `membership_deleted`.',
    }),
  }),
});

export const AuthenticatedSessionType = builder
  .objectRef<AuthenticatedSession>('AuthenticatedSession')
  .implement({
    description: 'A session as its holder sees it: who, which organization, and the signed access token.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The session id (the token’s `sid`).' }),
      user: t.field({ type: UserType, resolve: (session) => session.user }),
      organizationId: t.exposeID('organizationId', { description: 'The token’s `org_id`.' }),
      role: t.exposeString('role'),
      permissions: t.exposeStringList('permissions'),
      featureFlags: t.exposeStringList('featureFlags', {
        description: 'Slugs of the flags enabled for the organization in this environment (`feature_flags`).',
      }),
      accessToken: t.exposeString('accessToken', {
        description: 'A JWT; verify it with `/.well-known/jwks.json`.',
      }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the access token expires.' }),
    }),
  });

/** The sealed session from the argument, else from the session cookie. */
function sealedSessionOf(
  context: GraphQLContext,
  argument: string | null | undefined,
): { sealedSession: string; fromCookie: boolean } {
  if (argument) return { sealedSession: argument, fromCookie: false };
  // FORBIDDEN when the cookie came from an origin that may not use it (src/auth/origin.ts).
  const fromCookie = usableSessionCookie(context);
  if (!fromCookie) {
    throw new PennantError('INVALID_SESSION', 'Send sealedSession, or the session cookie.');
  }
  return { sealedSession: fromCookie, fromCookie: true };
}

builder.queryField('sessions', (t) =>
  t.prismaField({
    type: [SessionType],
    description: 'Active sessions of a user and/or an organization in the key’s environment, newest first.',
    authScopes: { may: 'read' },
    args: {
      userId: t.arg.id({ required: false }),
      organizationId: t.arg.id({ required: false }),
      environment: t.arg.string(environmentOption),
    },
    resolve: async (query, _root, args, context) =>
      prisma.session.findMany({
        ...query,
        where: activeSessionsWhere((await environmentFor(context, args.environment, 'read')).id, {
          userId: args.userId === null || args.userId === undefined ? null : String(args.userId),
          organizationId:
            args.organizationId === null || args.organizationId === undefined
              ? null
              : String(args.organizationId),
        }),
        orderBy: { createdAt: 'desc' },
        take: 500,
      }),
  }),
);

builder.relayMutationField(
  'createSession',
  {
    inputFields: (t) => ({
      userId: t.id(),
      organizationId: t.id(),
      environment: t.string(environmentOption),
    }),
  },
  {
    description:
      'Signs a user in to an organization, in the key’s environment. Call it from your backend after it has authenticated the user; the user must be an active member (else FORBIDDEN).',
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => {
      const environment = await environmentFor(context, input.environment, 'manageIdentity');
      const created = await createSession(actorOf(context), environment.id, {
        userId: String(input.userId),
        organizationId: String(input.organizationId),
      });
      return created;
    },
  },
  {
    outputFields: (t) => ({
      sealedSession: t.string({
        description: 'The session sealed with the cookie password (WorkOS’s sealed-session format).',
        resolve: (p) => p.sealedSession,
      }),
      accessToken: t.string({ resolve: (p) => p.accessToken }),
      refreshToken: t.string({
        description: 'Single use: each refresh returns a new one.',
        resolve: (p) => p.refreshToken,
      }),
      session: t.field({ type: SessionType, resolve: (p) => p.session }),
      authenticatedSession: t.field({
        type: AuthenticatedSessionType,
        resolve: (p) => p,
      }),
    }),
  },
);

builder.relayMutationField(
  'refreshSession',
  {
    inputFields: (t) => ({
      sealedSession: t.string({
        required: false,
        description:
          'The sealed session; when omitted, the session cookie is used and replaced (Set-Cookie).',
      }),
      organizationId: t.id({
        required: false,
        description: 'Switch to this organization (the user must be an active member).',
      }),
    }),
  },
  {
    description:
      'Rotates the session’s refresh token and signs a new access token with the current flags. Needs no API key: the sealed session is the credential. INVALID_SESSION for a seal that does not open, INVALID_GRANT for a used, revoked or expired session, FORBIDDEN without membership.',
    resolve: async (_root, { input }, context) => {
      const { sealedSession, fromCookie } = sealedSessionOf(context, input.sealedSession);
      const settings = sessionSettings();
      try {
        const refreshed = await refreshSealedSession(
          {
            sealedSession,
            organizationId:
              input.organizationId === null || input.organizationId === undefined
                ? null
                : String(input.organizationId),
          },
          context.openSeal,
        );
        if (fromCookie) {
          context.responseHeaders.append(
            'set-cookie',
            sessionCookie(
              context.request,
              settings.cookieName,
              refreshed.sealedSession,
              settings.sessionTtlSeconds,
            ),
          );
        }
        return refreshed;
      } catch (error) {
        // A cookie that can never work again is removed; a FORBIDDEN switch keeps it.
        if (
          fromCookie &&
          error instanceof PennantError &&
          (error.code === 'INVALID_SESSION' || error.code === 'INVALID_GRANT')
        ) {
          context.responseHeaders.append(
            'set-cookie',
            clearedSessionCookie(context.request, settings.cookieName),
          );
        }
        throw error;
      }
    },
  },
  {
    outputFields: (t) => ({
      sealedSession: t.string({ resolve: (p) => p.sealedSession }),
      session: t.field({ type: AuthenticatedSessionType, resolve: (p) => p.session }),
    }),
  },
);

builder.relayMutationField(
  'revokeSession',
  { inputFields: (t) => ({ id: t.id(), environment: t.string(environmentOption) }) },
  {
    description: 'Ends a session of an environment: it can no longer refresh.',
    authScopes: { may: 'manageIdentity' },
    resolve: async (_root, { input }, context) => ({
      session: await revokeSession(
        actorOf(context),
        (await environmentFor(context, input.environment, 'manageIdentity')).id,
        String(input.id),
      ),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: SessionType, resolve: (p) => p.session }) }) },
);

builder.relayMutationField(
  'signOut',
  {
    inputFields: (t) => ({
      sealedSession: t.string({
        required: false,
        description: 'The sealed session; when omitted, the session cookie (which is then cleared).',
      }),
    }),
  },
  {
    description: 'Ends the session the sealed session belongs to. Needs no API key.',
    resolve: async (_root, { input }, context) => {
      const { sealedSession, fromCookie } = sealedSessionOf(context, input.sealedSession);
      const session = await signOut({ sealedSession }, context.openSeal);
      if (fromCookie) {
        context.responseHeaders.append(
          'set-cookie',
          clearedSessionCookie(context.request, sessionSettings().cookieName),
        );
      }
      return { sessionId: session.id };
    },
  },
  { outputFields: (t) => ({ sessionId: t.id({ resolve: (p) => p.sessionId }) }) },
);

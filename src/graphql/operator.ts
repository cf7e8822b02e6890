import { clearedOperatorCookie, operatorCookie } from '../auth/operator-cookie.ts';
import { prisma } from '../db/index.ts';
import {
  acceptOperatorInvite,
  completeSetup,
  operatorSessionSettings,
  revokeOperatorSession,
  type SignedIn,
  type SignInOrigin,
  setupRequired,
  signIn,
} from '../domain/operator-sessions.ts';
import { changeOperatorRole, inviteOperator, removeOperator } from '../domain/operators.ts';
import { validId } from '../domain/validation.ts';
import { ForbiddenError } from '../errors.ts';
import type { Operator } from '../generated/prisma/client.ts';
import { clientAddressOf } from '../http/request-context.ts';
import { builder } from './builder.ts';
import { actorOf, type GraphQLContext } from './context.ts';

export const OperatorRoleEnum = builder.enumType('OperatorRole', {
  description:
    'What an operator may do. OWNER: everything, operators included. ADMIN: what an admin API key may do, in every environment. EDITOR: reads; creates and edits flag definitions; changes rules and targets in its `environments` only. VIEWER: reads.',
  values: ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'] as const,
});

export const OperatorType = builder.prismaObject('Operator', {
  description: 'A person who manages flags (the dashboard’s users), signed in by e-mail and password.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    role: t.expose('role', { type: OperatorRoleEnum }),
    environments: t.exposeStringList('environments', {
      description: 'Slugs of the environments an EDITOR may change rules in; empty for other roles.',
    }),
    invitePending: t.boolean({
      description: 'Invited, and has not set a password yet.',
      select: { passwordHash: true },
      resolve: (operator) => operator.passwordHash === null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastSignedInAt: t.expose('lastSignedInAt', { type: 'DateTime', nullable: true }),
  }),
});

function originOf(context: GraphQLContext): SignInOrigin {
  return {
    address: clientAddressOf(context.request),
    userAgent: context.request.headers.get('user-agent'),
  };
}

/** Sets the operator cookie for a new session; the answer names the operator. */
function signedIn(context: GraphQLContext, result: SignedIn) {
  context.responseHeaders.append(
    'set-cookie',
    operatorCookie(context.request, result.token, operatorSessionSettings().maxSeconds),
  );
  return { operator: result.operator };
}

/**
 * The operator cookie is set only in answer to a page of an origin that may use it: a page
 * elsewhere must not be able to sign a browser in as someone (login CSRF).
 */
function assertCookieOrigin(context: GraphQLContext): void {
  if (!context.originMayUseCookies) {
    throw new ForbiddenError(
      'Operators sign in from the server’s own origin or one in PENNANT_ALLOWED_ORIGINS.',
    );
  }
}

const operatorPayload = {
  outputFields: (t: PayloadFieldBuilder) => ({
    operator: t.field({ type: OperatorType, resolve: (p: { operator: Operator }) => p.operator }),
  }),
};
// biome-ignore lint/suspicious/noExplicitAny: Pothos' field-builder type for payloads is internal.
type PayloadFieldBuilder = any;

builder.queryFields((t) => ({
  currentOperator: t.prismaField({
    type: OperatorType,
    nullable: true,
    description: 'The signed-in operator, or null when the request is not an operator’s (never an error).',
    resolve: (query, _root, _args, context) =>
      context.operator ? prisma.operator.findUnique({ ...query, where: { id: context.operator.id } }) : null,
  }),
  setupRequired: t.boolean({
    description:
      'True while no operator exists: the setup link printed at start creates the first owner. Needs no credential.',
    resolve: () => setupRequired(),
  }),
  operators: t.prismaField({
    type: [OperatorType],
    description: 'Every operator, oldest first. For owners and admins.',
    authScopes: { may: 'readOperators' },
    resolve: (query) => prisma.operator.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
}));

builder.relayMutationField(
  'signIn',
  { inputFields: (t) => ({ email: t.string(), password: t.string() }) },
  {
    description:
      'Signs an operator in and sets the `pennant-operator` cookie. UNAUTHENTICATED "Wrong e-mail or password." for an unknown e-mail or a wrong password alike; RATE_LIMITED after too many failures.',
    resolve: async (_root, { input }, context) => {
      assertCookieOrigin(context);
      return signedIn(context, await signIn(input.email, input.password, originOf(context)));
    },
  },
  operatorPayload,
);

builder.relayMutationField(
  'signOutOperator',
  {
    inputFields: (t) => ({
      everywhere: t.boolean({
        required: false,
        description: 'Also end the operator’s other sessions (other browsers). Default false.',
      }),
    }),
  },
  {
    description:
      'Ends the operator’s session (the `pennant-operator` cookie) and clears the cookie. `signedOut` is false when no session was presented. Send `input: {}`.',
    resolve: async (_root, { input }, context) => {
      const cookie = context.operatorCookie;
      if (!cookie) return { signedOut: false };
      if (!cookie.originAllowed) {
        throw new ForbiddenError(
          'The operator cookie may not be used from this origin; list the origin in PENNANT_ALLOWED_ORIGINS.',
        );
      }
      const signedOut = await revokeOperatorSession(cookie.value, input.everywhere ?? false);
      context.responseHeaders.append('set-cookie', clearedOperatorCookie(context.request));
      return { signedOut };
    },
  },
  { outputFields: (t) => ({ signedOut: t.boolean({ resolve: (p) => p.signedOut }) }) },
);

builder.relayMutationField(
  'completeSetup',
  {
    inputFields: (t) => ({
      token: t.string({ description: 'The `token` of the setup link.' }),
      email: t.string(),
      password: t.string({ description: 'At least 12 characters.' }),
    }),
  },
  {
    description:
      'The setup link’s form: creates the first operator, an owner, and signs it in. Works once, while no operator exists (FORBIDDEN after); BAD_USER_INPUT for a used or expired link.',
    resolve: async (_root, { input }, context) => {
      assertCookieOrigin(context);
      return signedIn(context, await completeSetup(input, originOf(context)));
    },
  },
  operatorPayload,
);

builder.relayMutationField(
  'acceptOperatorInvite',
  {
    inputFields: (t) => ({
      token: t.string({ description: 'The `token` of the invitation link.' }),
      password: t.string({ description: 'At least 12 characters.' }),
    }),
  },
  {
    description:
      'The invitation link’s form: sets the invited operator’s password (at least 12 characters) and signs it in. Works once.',
    resolve: async (_root, { input }, context) => {
      assertCookieOrigin(context);
      return signedIn(context, await acceptOperatorInvite(input, originOf(context)));
    },
  },
  operatorPayload,
);

builder.relayMutationField(
  'inviteOperator',
  {
    inputFields: (t) => ({
      email: t.string(),
      role: t.field({ type: OperatorRoleEnum }),
      environments: t.stringList({
        required: false,
        description: 'For an EDITOR: the slugs of the environments whose rules it may change.',
      }),
    }),
  },
  {
    description:
      'Invites an operator (owners only). The answer’s `inviteUrl` is a one-time link, shown only here, that lets the person set a password.',
    authScopes: { may: 'manageOperators' },
    resolve: (_root, { input }, context) => inviteOperator(actorOf(context), input),
  },
  {
    outputFields: (t) => ({
      operator: t.field({ type: OperatorType, resolve: (p) => p.operator }),
      inviteUrl: t.string({
        description: 'The one-time link: `<server>/invite?token=…`. Shown only here.',
        resolve: (p) => p.inviteUrl,
      }),
    }),
  },
);

builder.relayMutationField(
  'changeOperatorRole',
  {
    inputFields: (t) => ({
      id: t.id(),
      role: t.field({ type: OperatorRoleEnum }),
      environments: t.stringList({ required: false, description: 'For an EDITOR: its environments’ slugs.' }),
    }),
  },
  {
    description:
      'Changes an operator’s role (owners only). The last owner cannot be demoted (BAD_USER_INPUT).',
    authScopes: { may: 'manageOperators' },
    resolve: async (_root, { input }, context) => ({
      operator: await changeOperatorRole(
        actorOf(context),
        validId('id', String(input.id), 'op'),
        input.role,
        input.environments,
      ),
    }),
  },
  operatorPayload,
);

builder.relayMutationField(
  'removeOperator',
  { inputFields: (t) => ({ id: t.id() }) },
  {
    description:
      'Removes an operator (owners only); its sessions end at once. The last owner cannot be removed (BAD_USER_INPUT).',
    authScopes: { may: 'manageOperators' },
    resolve: async (_root, { input }, context) => ({
      operator: await removeOperator(actorOf(context), validId('id', String(input.id), 'op')),
    }),
  },
  operatorPayload,
);

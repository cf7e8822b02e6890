import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { hashSecret } from '../src/domain/api-keys.ts';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { graphql as gql } from './gql/index.ts';
import { type Loose, type RawResult, rawGraphQL } from './helpers/raw-graphql.ts';
import {
  defaultOperatorPassword,
  signInOperator,
  startTestServer,
  type TestServer,
} from './helpers/server.ts';
import { connectWs, sleep } from './helpers/ws.ts';

/**
 * What each operator role may do, over real HTTP and WebSocket: owners manage operators
 * (invite, change roles, remove; never the last owner), admins act in every environment,
 * editors change rules only in their environments, viewers read. Every change is recorded with
 * the operator as actor.
 */

let server: TestServer;
const cookies: Record<'owner' | 'admin' | 'editor' | 'viewer', string> = {
  owner: '',
  admin: '',
  editor: '',
  viewer: '',
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
    const operator = await server.operators.create({
      email: `${role}@example.com`,
      role,
      environments: role === 'editor' ? ['sandbox'] : undefined,
    });
    ids[role] = operator.id;
    cookies[role] = await signInOperator(server, `${role}@example.com`);
  }
  // A flag to change, made with an API key.
  const created = await call(
    'mutation { createFeatureFlag(input: { slug: "checkout", name: "Checkout" }) { featureFlag { id } } }',
    {},
    { authorization: `Bearer ${server.keys.sandbox}` },
  );
  expect(created.errors).toBeUndefined();
});
afterAll(async () => {
  await server?.close();
});

type Result = RawResult;

function call(query: string, variables: Loose = {}, headers: Record<string, string> = {}): Promise<Result> {
  return rawGraphQL(server.graphqlUrl, query, variables, headers);
}

const as = (role: keyof typeof cookies) => ({ cookie: cookies[role] });

/** The first error's code, or 'OK'. */
async function outcome(role: keyof typeof cookies, query: string, variables: Loose = {}): Promise<unknown> {
  const result = await call(query, variables, as(role));
  return result.errors?.[0]?.extensions?.code ?? 'OK';
}

/** Waits until the server has `count` more subscriptions registered than `before`. */
async function registered(before: number): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (realtimeFanOut.subscriberCount < before + 1) {
    if (Date.now() > deadline) throw new Error('the subscription was not registered');
    await sleep(5);
  }
}

/** Turns the flag in an environment the other way (as the admin), so that an event is recorded. */
async function flip(environment: string): Promise<void> {
  const state = await call(
    `{ featureFlag(slug: "checkout") { rule(environment: "${environment}") { enabled } } }`,
    {},
    as('owner'),
  );
  const result = await call(toggle(environment, !state.data?.featureFlag.rule.enabled), {}, as('admin'));
  expect(result.errors).toBeUndefined();
}

const toggle = (environment: string, enabled: boolean) =>
  `mutation { setFeatureFlagEnabled(input: { slug: "checkout", environment: "${environment}", enabled: ${enabled} }) { rule { enabled } } }`;

describe('reads', () => {
  it('every role reads, naming the environment', async () => {
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      const result = await call(
        '{ featureFlag(slug: "checkout") { rule(environment: "production") { enabled } } organizations(environment: "production", first: 5) { edges { node { id } } } apiKeys(environment: "production") { id } }',
        {},
        as(role),
      );
      expect(result.errors, role).toBeUndefined();
      expect(result.data?.featureFlag.rule.enabled).toBe(false);
    }
  });

  it('an operator who names no environment gets BAD_USER_INPUT naming environment', async () => {
    const result = await call('{ organizations(first: 5) { edges { node { id } } } }', {}, as('viewer'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'environment' });
  });
});

describe('changes, role by role', () => {
  it('a viewer changes nothing', async () => {
    const result = await call(toggle('sandbox', true), {}, as('viewer'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'editor' });
    expect(
      await outcome(
        'viewer',
        'mutation { updateFeatureFlag(input: { slug: "checkout", name: "X" }) { featureFlag { id } } }',
      ),
    ).toBe('FORBIDDEN');
  });

  it('an editor changes rules in its environments only, and flag definitions', async () => {
    expect(await outcome('editor', toggle('sandbox', true))).toBe('OK');
    const outside = await call(toggle('production', true), {}, as('editor'));
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    expect(
      await outcome(
        'editor',
        'mutation { setOrganizationRule(input: { slug: "checkout", environment: "production", rule: ALL }) { rule { organizationRule } } }',
      ),
    ).toBe('FORBIDDEN');
    expect(
      await outcome(
        'editor',
        'mutation { rerollFeatureFlagRollout(input: { slug: "checkout", environment: "sandbox" }) { rule { version } } }',
      ),
    ).toBe('OK');
    expect(
      await outcome(
        'editor',
        'mutation { updateFeatureFlag(input: { slug: "checkout", name: "Checkout v2" }) { featureFlag { name } } }',
      ),
    ).toBe('OK');
    expect(
      await outcome(
        'editor',
        'mutation { createFeatureFlag(input: { slug: "by-editor", name: "E" }) { featureFlag { id } } }',
      ),
    ).toBe('OK');
    // Not: deleting flags, environments, keys, webhooks, customers' data, operators.
    for (const query of [
      'mutation { deleteFeatureFlag(input: { slug: "by-editor" }) { slug } }',
      'mutation { createEnvironment(input: { slug: "staging", name: "S", kind: SANDBOX }) { environment { id } } }',
      'mutation { createApiKey(input: { name: "k", environment: "sandbox" }) { secret } }',
      'mutation { createOrganization(input: { name: "Acme", environment: "sandbox" }) { organization { id } } }',
      'mutation { createWebhookEndpoint(input: { url: "https://hooks.example/x", events: ["flag.updated"], environment: "sandbox" }) { secret } }',
      'mutation { inviteOperator(input: { email: "new@example.com", role: VIEWER }) { inviteUrl } }',
      '{ operators { id } }',
    ]) {
      expect(await outcome('editor', query), query).toBe('FORBIDDEN');
    }
  });

  it('an admin acts in every environment, but does not manage operators', async () => {
    expect(await outcome('admin', toggle('production', true))).toBe('OK');
    expect(
      await outcome(
        'admin',
        'mutation { createOrganization(input: { name: "Acme", environment: "production" }) { organization { id } } }',
      ),
    ).toBe('OK');
    const key = await call(
      'mutation { createApiKey(input: { name: "ops", environment: "production", role: ADMIN }) { apiKey { id role } secret } }',
      {},
      as('admin'),
    );
    expect(key.data?.createApiKey.apiKey.role).toBe('ADMIN');
    expect(
      await outcome(
        'admin',
        'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } } }',
        {
          id: key.data?.createApiKey.apiKey.id,
        },
      ),
    ).toBe('OK');
    expect(
      await outcome('admin', 'mutation { deleteFeatureFlag(input: { slug: "by-editor" }) { slug } }'),
    ).toBe('OK');
    expect(await outcome('admin', '{ operators { email } }')).toBe('OK');
    const invite = await call(
      'mutation { inviteOperator(input: { email: "new@example.com", role: VIEWER }) { inviteUrl } }',
      {},
      as('admin'),
    );
    expect(invite.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'owner' });
  });

  it('API keys cannot manage or list operators', async () => {
    const result = await call('{ operators { id } }', {}, { authorization: `Bearer ${server.keys.admin}` });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // And an API key's answer is its own, whatever operator cookie the browser also sends.
    const both = await call(
      '{ currentOperator { id } currentEnvironment { slug } }',
      {},
      {
        authorization: `Bearer ${server.keys.sandbox}`,
        cookie: cookies.owner,
      },
    );
    expect(both.data).toEqual({ currentOperator: null, currentEnvironment: { slug: 'sandbox' } });
  });
});

describe('API keys and other environments’ keys', () => {
  it('an admin key lists and revokes another environment’s keys; a member key does not', async () => {
    const admin = { authorization: `Bearer ${server.keys.admin}` };
    const member = { authorization: `Bearer ${server.keys.sandbox}` };
    const listed = await call(
      '{ apiKeys(environment: "production") { id role environment { slug } } }',
      {},
      admin,
    );
    expect(listed.errors).toBeUndefined();
    const production = listed.data?.apiKeys ?? [];
    expect(production.length).toBeGreaterThan(0);
    expect(production.every((key: Loose) => key.environment.slug === 'production')).toBe(true);

    const refused = await call('{ apiKeys(environment: "production") { id } }', {}, member);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    const own = await call('{ apiKeys { environment { slug } } }', {}, member);
    expect(own.data?.apiKeys.every((key: Loose) => key.environment.slug === 'sandbox')).toBe(true);

    const made = await call(
      'mutation { createApiKey(input: { name: "to revoke", environment: "production" }) { apiKey { id } } }',
      {},
      admin,
    );
    const memberKeyOfProduction = made.data?.createApiKey.apiKey;
    const revoke = 'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } } }';
    const byMember = await call(revoke, { id: memberKeyOfProduction.id }, member);
    expect(byMember.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    const byAdmin = await call(revoke, { id: memberKeyOfProduction.id }, admin);
    expect(byAdmin.data?.revokeApiKey.apiKey.revokedAt).toBeTruthy();
  });
});

describe('managing operators (owner)', () => {
  it('invite → accept → sign in', async () => {
    const invited = await call(
      'mutation { inviteOperator(input: { email: "Invited@Example.com", role: EDITOR, environments: ["production"] }) { operator { id email role environments invitePending } inviteUrl } }',
      {},
      as('owner'),
    );
    expect(invited.errors).toBeUndefined();
    const { operator, inviteUrl } = invited.data?.inviteOperator ?? {};
    expect(operator).toMatchObject({
      email: 'invited@example.com',
      role: 'EDITOR',
      environments: ['production'],
      invitePending: true,
    });
    expect(inviteUrl).toMatch(/\/invite\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(inviteUrl).searchParams.get('token');

    // Not signed in before accepting: the pending account has no password.
    const early = await call(
      'mutation ($input: SignInInput!) { signIn(input: $input) { operator { id } } }',
      { input: { email: 'invited@example.com', password: '' } },
    );
    expect(early.errors?.[0]?.message).toBe('Wrong e-mail or password.');

    const accept =
      'mutation ($input: AcceptOperatorInviteInput!) { acceptOperatorInvite(input: $input) { operator { email invitePending } } }';
    const accepted = await call(accept, { input: { token, password: 'a long new password' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptOperatorInvite.operator).toEqual({
      email: 'invited@example.com',
      invitePending: false,
    });
    expect(accepted.headers.getSetCookie().some((c) => c.startsWith('pennant-operator='))).toBe(true);
    // Once only.
    const again = await call(accept, { input: { token, password: 'another long password' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    const cookie = await signInOperator(server, 'invited@example.com', 'a long new password');
    expect((await call(toggle('production', false), {}, { cookie })).errors).toBeUndefined();
    ids.invited = operator.id;
  });

  it('an invitation needs valid environments and a free e-mail', async () => {
    const unknown = await call(
      'mutation { inviteOperator(input: { email: "x@example.com", role: EDITOR, environments: ["nowhere"] }) { inviteUrl } }',
      {},
      as('owner'),
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'environments' });
    const taken = await call(
      'mutation { inviteOperator(input: { email: "VIEWER@example.com", role: VIEWER }) { inviteUrl } }',
      {},
      as('owner'),
    );
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('changing a role takes effect on the next request', async () => {
    const change =
      'mutation ($input: ChangeOperatorRoleInput!) { changeOperatorRole(input: $input) { operator { role environments } } }';
    const promoted = await call(
      change,
      { input: { id: ids.viewer, role: 'EDITOR', environments: ['production'] } },
      as('owner'),
    );
    expect(promoted.data?.changeOperatorRole.operator).toEqual({
      role: 'EDITOR',
      environments: ['production'],
    });
    expect(await outcome('viewer', toggle('production', true))).toBe('OK');
    expect(await outcome('viewer', toggle('sandbox', true))).toBe('FORBIDDEN');
    await call(change, { input: { id: ids.viewer, role: 'VIEWER' } }, as('owner'));
    expect(await outcome('viewer', toggle('production', false))).toBe('FORBIDDEN');
    // Only owners change roles.
    expect(await outcome('admin', change, { input: { id: ids.viewer, role: 'OWNER' } })).toBe('FORBIDDEN');
  });

  it('the last owner can be neither demoted nor removed', async () => {
    const demote = await call(
      'mutation ($id: ID!) { changeOperatorRole(input: { id: $id, role: ADMIN }) { operator { role } } }',
      { id: ids.owner },
      as('owner'),
    );
    expect(demote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
    expect(demote.errors?.[0]?.message).toMatch(/last owner/);
    const remove = await call(
      'mutation ($id: ID!) { removeOperator(input: { id: $id }) { operator { id } } }',
      { id: ids.owner },
      as('owner'),
    );
    expect(remove.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // With a second owner, the first may step down.
    await call(
      'mutation ($id: ID!) { changeOperatorRole(input: { id: $id, role: OWNER }) { operator { role } } }',
      { id: ids.admin },
      as('owner'),
    );
    const stepDown = await call(
      'mutation ($id: ID!) { changeOperatorRole(input: { id: $id, role: OWNER }) { operator { role } } }',
      { id: ids.owner },
      as('owner'),
    );
    expect(stepDown.errors).toBeUndefined();
  });

  it('removing an operator ends its sessions and its subscriptions', async () => {
    const before = realtimeFanOut.subscriberCount;
    const ws = connectWs(server.graphqlUrl, { headers: { cookie: cookies.editor } });
    const events = ws.subscribe(
      gql(`subscription OperatorRolesEvents { events(environment: "production") { type actorType } }`),
    );
    try {
      // The subscription is live: a change in production reaches it.
      await registered(before);
      await flip('production');
      await events.waitForCount(1);
      const removed = await call(
        'mutation ($id: ID!) { removeOperator(input: { id: $id }) { operator { email } } }',
        { id: ids.editor },
        as('owner'),
      );
      expect(removed.data?.removeOperator.operator.email).toBe('editor@example.com');
      await events.waitForEnd();
      expect(JSON.stringify(events.errors)).toMatch(/removed/);
      const after = await call('{ environments { slug } }', {}, as('editor'));
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const signIn = await call(
        'mutation ($input: SignInInput!) { signIn(input: $input) { operator { id } } }',
        { input: { email: 'editor@example.com', password: defaultOperatorPassword } },
      );
      expect(signIn.errors?.[0]?.message).toBe('Wrong e-mail or password.');
    } finally {
      await ws.dispose();
    }
  });
});

describe('the audit log', () => {
  it('records operators’ changes with the operator as actor, shown to operators only', async () => {
    const log = await call(
      '{ events(environment: "production", first: 50) { edges { node { type actorType actorId actorName } } } }',
      {},
      as('owner'),
    );
    const nodes = log.data?.events.edges.map((edge: Loose) => edge.node) ?? [];
    const toggled = nodes.find((node: Loose) => node.type === 'flag.toggled' && node.actorId === ids.admin);
    expect(toggled).toEqual({
      type: 'flag.toggled',
      actorType: 'operator',
      actorId: ids.admin,
      actorName: 'admin@example.com',
    });
    const types = new Set(nodes.map((node: Loose) => node.type));
    for (const type of ['operator.invited', 'operator.activated', 'operator.updated', 'operator.removed']) {
      expect(types.has(type), type).toBe(true);
    }
    const removal = nodes.find((node: Loose) => node.type === 'operator.removed');
    expect(removal).toMatchObject({ actorType: 'operator', actorId: ids.owner });

    const byKey = await call(
      '{ events(first: 100) { edges { node { type } } } }',
      {},
      { authorization: `Bearer ${server.keys.production}` },
    );
    const keyTypes = byKey.data?.events.edges.map((edge: Loose) => edge.node.type) ?? [];
    expect(keyTypes).toContain('flag.toggled');
    expect(keyTypes.filter((type: string) => type.startsWith('operator.'))).toEqual([]);
  });
});

describe('WebSocket', () => {
  it('an operator subscribes to any environment with the cookie, only from an allowed origin', async () => {
    const before = realtimeFanOut.subscriberCount;
    const ws = connectWs(server.graphqlUrl, { headers: { cookie: cookies.viewer } });
    const events = ws.subscribe(
      gql(
        `subscription OperatorRolesSandboxEvents { events(environment: "sandbox") { type actorType actorId } }`,
      ),
    );
    try {
      await registered(before);
      await flip('sandbox');
      const [message] = await events.waitForCount(1);
      expect(message?.events).toMatchObject({
        type: 'flag.toggled',
        actorType: 'operator',
        actorId: ids.admin,
      });
    } finally {
      await ws.dispose();
    }
    const foreign = connectWs(server.graphqlUrl, {
      headers: { cookie: cookies.viewer, origin: 'https://evil.example' },
    });
    const refused = foreign.subscribe(
      gql(`subscription OperatorRolesForeign { events(environment: "sandbox") { type } }`),
    );
    try {
      await refused.waitForEnd();
      expect(foreign.closes[0]?.code).toBe(4403);
    } finally {
      await foreign.dispose();
    }
  });

  it('signing out ends the subscriptions of that session', async () => {
    const cookie = await signInOperator(server, 'viewer@example.com');
    const before = realtimeFanOut.subscriberCount;
    const ws = connectWs(server.graphqlUrl, { headers: { cookie } });
    const events = ws.subscribe(
      gql(`subscription OperatorRolesSignedOut { events(environment: "sandbox") { type } }`),
    );
    try {
      await registered(before);
      const out = await call('mutation { signOutOperator(input: {}) { signedOut } }', {}, { cookie });
      expect(out.data?.signOutOperator.signedOut).toBe(true);
      await events.waitForEnd();
      expect(JSON.stringify(events.errors)).toMatch(/signed out/);
    } finally {
      await ws.dispose();
    }
  });

  it('a session that ends by time ends its running subscriptions', async () => {
    const cookie = await signInOperator(server, 'viewer@example.com');
    const tokenHash = hashSecret(cookie.split('=')[1] ?? '');
    // The session's absolute end is near: the subscription made now must end with it.
    await prisma.operatorSession.update({
      where: { tokenHash },
      data: { expiresAt: new Date(Date.now() + 5000) },
    });
    const before = realtimeFanOut.subscriberCount;
    const ws = connectWs(server.graphqlUrl, { headers: { cookie } });
    const events = ws.subscribe(
      gql(`subscription OperatorRolesExpiring { events(environment: "sandbox") { type } }`),
    );
    try {
      await registered(before);
      await events.waitForEnd();
      expect(JSON.stringify(events.errors)).toMatch(/The operator session has ended/);
    } finally {
      await ws.dispose();
    }
  });
});

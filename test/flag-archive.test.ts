import { UnprocessableEntityException } from '@workos-inc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOperator, startTestServer, type TestServer } from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';

/**
 * Archiving a flag: admins only (key or operator), refused while the flag is on anywhere (naming
 * where), hidden from the default listing, rules frozen until unarchived, history kept, the
 * WorkOS routes still answering. And the audit log's actor filter.
 */

let server: TestServer;
const cookies: Record<'owner' | 'admin' | 'editor' | 'viewer', string> = {
  owner: '',
  admin: '',
  editor: '',
  viewer: '',
};
const operatorIds: Record<string, string> = {};

// biome-ignore lint/suspicious/noExplicitAny: ad-hoc documents, read loosely and checked by assertions.
type Loose = Record<string, any>;
interface Result {
  data?: Loose | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function call(query: string, headers: Record<string, string>): Promise<Result> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Result;
}

const as = (role: keyof typeof cookies) => ({ cookie: cookies[role] });
const withKey = (key: string) => ({ authorization: `Bearer ${key}` });

const archive = (slug: string) =>
  `mutation { archiveFeatureFlag(input: { slug: "${slug}" }) { featureFlag { slug archivedAt } } }`;
const unarchive = (slug: string) =>
  `mutation { unarchiveFeatureFlag(input: { slug: "${slug}" }) { featureFlag { slug archivedAt } } }`;
const toggle = (slug: string, environment: string, enabled: boolean) =>
  `mutation { setFeatureFlagEnabled(input: { slug: "${slug}", environment: "${environment}", enabled: ${enabled} }) { rule { enabled } } }`;

async function listed(archived?: boolean): Promise<string[]> {
  const argument = archived === undefined ? '' : `(archived: ${archived})`;
  const result = await call(`{ featureFlags${argument} { edges { node { slug } } } }`, as('viewer'));
  expect(result.errors).toBeUndefined();
  return result.data?.featureFlags.edges.map((edge: Loose) => edge.node.slug);
}

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
    const operator = await server.operators.create({
      email: `${role}@example.com`,
      role,
      environments: role === 'editor' ? ['sandbox', 'production'] : undefined,
    });
    operatorIds[role] = operator.id;
    cookies[role] = await signInOperator(server, `${role}@example.com`);
  }
  for (const slug of ['old-checkout', 'kept']) {
    const created = await call(
      `mutation { createFeatureFlag(input: { slug: "${slug}", name: "${slug}" }) { featureFlag { id } } }`,
      withKey(server.keys.sandbox),
    );
    expect(created.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await server?.close();
});

describe('archiveFeatureFlag', () => {
  it('is refused to member keys, editors and viewers with FORBIDDEN and requiredRole admin', async () => {
    const refusals = [
      await call(archive('old-checkout'), withKey(server.keys.sandbox)),
      await call(archive('old-checkout'), as('editor')),
      await call(archive('old-checkout'), as('viewer')),
      await call(unarchive('old-checkout'), as('editor')),
    ];
    for (const result of refusals) {
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    }
    expect(await listed()).toContain('old-checkout');
  });

  it('is refused while the flag is on, naming every environment where it is', async () => {
    for (const environment of ['sandbox', 'production']) {
      expect((await call(toggle('old-checkout', environment, true), as('admin'))).errors).toBeUndefined();
    }
    const refused = await call(archive('old-checkout'), as('admin'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
    expect(refused.errors?.[0]?.message).toContain('on in production, sandbox');
    expect(await listed()).toContain('old-checkout');
    for (const environment of ['sandbox', 'production']) {
      expect((await call(toggle('old-checkout', environment, false), as('admin'))).errors).toBeUndefined();
    }
  });

  it('hides an off flag from the default listing, lists it with archived: true, and records who', async () => {
    const result = await call(archive('old-checkout'), as('admin'));
    expect(result.errors).toBeUndefined();
    const archivedAt = result.data?.archiveFeatureFlag.featureFlag.archivedAt;
    expect(Date.parse(archivedAt)).not.toBeNaN();

    expect(await listed()).toEqual(['kept']);
    expect(await listed(false)).toEqual(['kept']);
    expect(await listed(true)).toEqual(['old-checkout']);
    // Read by slug (from the in-memory catalogue): still there, with its archived time.
    const bySlug = await call('{ featureFlag(slug: "old-checkout") { archivedAt } }', as('viewer'));
    expect(bySlug.data?.featureFlag.archivedAt).toBe(archivedAt);

    const events = await call(
      '{ events(environment: "sandbox", flagSlug: "old-checkout", first: 1) { edges { node { type actorType actorId before after } } } }',
      as('viewer'),
    );
    expect(events.data?.events.edges[0].node).toMatchObject({
      type: 'flag.archived',
      actorType: 'operator',
      actorId: operatorIds.admin,
      before: { slug: 'old-checkout', archivedAt: null },
      after: { slug: 'old-checkout', archivedAt },
    });
    // Archiving again changes nothing and records nothing.
    expect((await call(archive('old-checkout'), as('admin'))).errors).toBeUndefined();
    const again = await call(
      '{ events(environment: "sandbox", type: "flag.archived") { edges { node { id } } } }',
      as('viewer'),
    );
    expect(again.data?.events.edges).toHaveLength(1);
  });

  it('freezes the rules until it is unarchived; the WorkOS routes still answer for it', async () => {
    const enable = await call(toggle('old-checkout', 'sandbox', true), as('owner'));
    expect(enable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
    expect(enable.errors?.[0]?.message).toContain('archived');
    const target = await call(
      'mutation { setOrganizationRule(input: { slug: "old-checkout", environment: "sandbox", rule: ALL }) { rule { version } } }',
      as('owner'),
    );
    expect(target.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const workos = workosFor(server);
    const flag = await workos.featureFlags.getFeatureFlag('old-checkout');
    expect(flag).toMatchObject({ slug: 'old-checkout', enabled: false });
    await expect(workos.featureFlags.enableFeatureFlag('old-checkout')).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );

    // Brought back by an admin key, as it was: off, and it can be turned on again.
    const back = await call(unarchive('old-checkout'), withKey(server.keys.admin));
    expect(back.errors).toBeUndefined();
    expect(back.data?.unarchiveFeatureFlag.featureFlag.archivedAt).toBeNull();
    expect(await listed()).toEqual(['old-checkout', 'kept']);
    expect(await listed(true)).toEqual([]);
    expect((await call(toggle('old-checkout', 'sandbox', true), as('editor'))).errors).toBeUndefined();
    const history = await call(
      '{ events(environment: "sandbox", flagSlug: "old-checkout") { edges { node { type } } } }',
      as('viewer'),
    );
    expect(history.data?.events.edges.map((edge: Loose) => edge.node.type).slice(0, 3)).toEqual([
      'flag.toggled',
      'flag.unarchived',
      'flag.archived',
    ]);
  });

  it('an archived flag can still be deleted by an admin', async () => {
    expect((await call(toggle('kept', 'sandbox', false), as('admin'))).errors).toBeUndefined();
    expect((await call(archive('kept'), as('owner'))).errors).toBeUndefined();
    const deleted = await call(
      'mutation { deleteFeatureFlag(input: { slug: "kept" }) { slug } }',
      as('admin'),
    );
    expect(deleted.errors).toBeUndefined();
    expect(await listed(true)).toEqual([]);
  });
});

describe('events(actorId:)', () => {
  it('keeps only the changes of one operator or API key', async () => {
    const byEditor = await call(
      `{ events(environment: "sandbox", actorId: "${operatorIds.editor}") { edges { node { type actorId } } } }`,
      as('viewer'),
    );
    expect(byEditor.errors).toBeUndefined();
    const editorEvents = byEditor.data?.events.edges.map((edge: Loose) => edge.node);
    expect(editorEvents).toEqual([{ type: 'flag.toggled', actorId: operatorIds.editor }]);

    const all = await call(
      '{ events(environment: "sandbox", first: 100) { edges { node { actorId } } } }',
      as('viewer'),
    );
    const byAdmin = await call(
      `{ events(environment: "sandbox", actorId: "${operatorIds.admin}", first: 100) { edges { node { actorId } } } }`,
      as('viewer'),
    );
    const adminCount = all.data?.events.edges.filter(
      (edge: Loose) => edge.node.actorId === operatorIds.admin,
    ).length;
    expect(adminCount).toBeGreaterThan(3);
    expect(byAdmin.data?.events.edges).toHaveLength(adminCount);

    // An API key filters the same way, within what it may see.
    const keyView = await call(
      '{ events(type: "flag.created", first: 1) { edges { node { actorType actorId } } } }',
      withKey(server.keys.sandbox),
    );
    expect(keyView.data?.events.edges[0].node.actorType).toBe('api_key');
    const keyId = keyView.data?.events.edges[0].node.actorId;
    expect(keyId).toBeTruthy();
    const byKey = await call(
      `{ events(actorId: "${keyId}") { edges { node { type } } } }`,
      withKey(server.keys.sandbox),
    );
    expect(byKey.data?.events.edges.map((edge: Loose) => edge.node.type)).toEqual([
      'flag.created',
      'flag.created',
    ]);

    const nobody = await call(
      '{ events(environment: "sandbox", actorId: "op_nobody") { edges { node { id } } } }',
      as('viewer'),
    );
    expect(nobody.data?.events.edges).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { graphql } from './gql/index.ts';
import { FeatureFlagsChanged, realtimeFixtures } from './helpers/realtime.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { connectWs, sleep, type WsConnection } from './helpers/ws.ts';

// The server executes a featureFlagsChanged message once per organization group and shape and
// shares the result (src/realtime/shared-subscription-results.ts): these check that sharing
// never hands a subscriber another subscriber's shape or another organization's message.

const NarrowChange = graphql(`
  subscription ShapesNarrow { featureFlagsChanged { organizationId added } }
`);
const AliasedChange = graphql(`
  subscription ShapesAliased { change: featureFlagsChanged { flags: featureFlags __typename } }
`);
const ConditionalChange = graphql(`
  subscription ShapesConditional($withFlags: Boolean!) {
    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }
  }
`);
const FragmentChange = graphql(`
  subscription ShapesFragment($withReason: Boolean!) {
    featureFlagsChanged { ...ShapesChangeFields }
  }
  fragment ShapesChangeFields on FeatureFlagsChange { added reason @include(if: $withReason) }
`);
const DefaultedChange = graphql(`
  subscription ShapesDefaulted($withFlags: Boolean = true) {
    featureFlagsChanged { organizationId featureFlags @include(if: $withFlags) }
  }
`);

let server: TestServer;
let fixtures: ReturnType<typeof realtimeFixtures>;
const connections: WsConnection[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' } });
  fixtures = realtimeFixtures(server);
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await server?.close();
});

async function connectAs(organizationId: string): Promise<WsConnection> {
  const { accessToken } = await fixtures.session(organizationId, 'sandbox');
  const connection = connectWs(server.graphqlUrl, { connectionParams: { accessToken } });
  connections.push(connection);
  return connection;
}

async function registered(count: number): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (realtimeFanOut.subscriberCount < count) {
    if (Date.now() > deadline) throw new Error('subscriptions were not registered');
    await sleep(5);
  }
}

describe('featureFlagsChanged: one execution per organization and shape', () => {
  it('gives every subscriber its own selection, aliases and variables, and its own organization’s message', async () => {
    const acme = await fixtures.organization('Shapes Acme');
    const globex = await fixtures.organization('Shapes Globex');
    await fixtures.flag('acme-only');
    await fixtures.flag('everyone');
    await fixtures.setRule('acme-only', 'SOME', [acme]);
    await fixtures.setEnabled('acme-only', true);
    await fixtures.setRule('everyone', 'ALL');

    const before = realtimeFanOut.subscriberCount;
    // Several subscriptions on one connection and on separate ones, same organization.
    const acmeConnection = await connectAs(acme);
    const full = acmeConnection.subscribe(FeatureFlagsChanged, {});
    const narrow = acmeConnection.subscribe(NarrowChange, {});
    const aliased = (await connectAs(acme)).subscribe(AliasedChange, {});
    const withFlags = (await connectAs(acme)).subscribe(ConditionalChange, { withFlags: true });
    const withoutFlags = (await connectAs(acme)).subscribe(ConditionalChange, { withFlags: false });
    const withReason = (await connectAs(acme)).subscribe(FragmentChange, { withReason: true });
    const withoutReason = (await connectAs(acme)).subscribe(FragmentChange, { withReason: false });
    const globexConnection = await connectAs(globex);
    const globexFull = globexConnection.subscribe(FeatureFlagsChanged, {});
    const globexNarrow = globexConnection.subscribe(NarrowChange, {});
    await registered(before + 9);

    await fixtures.setEnabled('everyone', true);
    const [fullMessage] = await full.waitForCount(1);
    const [globexMessage] = await globexFull.waitForCount(1);
    expect(fullMessage?.featureFlagsChanged).toMatchObject({
      organizationId: acme,
      environment: 'sandbox',
      featureFlags: ['acme-only', 'everyone'],
      added: ['everyone'],
      removed: [],
      reason: 'flag.toggled',
    });
    expect(globexMessage?.featureFlagsChanged).toMatchObject({
      organizationId: globex,
      featureFlags: ['everyone'],
      added: ['everyone'],
      removed: [],
    });
    expect(globexMessage?.featureFlagsChanged.cursor).toBe(fullMessage?.featureFlagsChanged.cursor);

    expect((await narrow.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { organizationId: acme, added: ['everyone'] },
    });
    expect((await globexNarrow.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { organizationId: globex, added: ['everyone'] },
    });
    expect((await aliased.waitForCount(1))[0]).toEqual({
      change: { flags: ['acme-only', 'everyone'], __typename: 'FeatureFlagsChange' },
    });
    expect((await withFlags.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { organizationId: acme, featureFlags: ['acme-only', 'everyone'] },
    });
    expect((await withoutFlags.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { organizationId: acme },
    });
    expect((await withReason.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { added: ['everyone'], reason: 'flag.toggled' },
    });
    expect((await withoutReason.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { added: ['everyone'] },
    });

    // The next message is executed afresh, not answered from the previous one.
    await fixtures.setEnabled('everyone', false);
    expect((await narrow.waitForCount(2))[1]).toEqual({
      featureFlagsChanged: { organizationId: acme, added: [] },
    });
    expect((await globexFull.waitForCount(2))[1]?.featureFlagsChanged).toMatchObject({
      organizationId: globex,
      featureFlags: [],
      removed: ['everyone'],
    });
  });

  it('tells an omitted variable (its default applies) from one sent as null; an execution error is masked and sent to its subscriber alone', async () => {
    const initech = await fixtures.organization('Shapes Initech');
    await fixtures.flag('defaults');
    await fixtures.setRule('defaults', 'ALL');
    const before = realtimeFanOut.subscriberCount;
    const connection = await connectAs(initech);
    const omitted = connection.subscribe(DefaultedChange, {});
    const sentNull = connection.subscribe(DefaultedChange, { withFlags: null });
    await registered(before + 2);

    await fixtures.setEnabled('defaults', true);
    expect((await omitted.waitForCount(1))[0]).toEqual({
      featureFlagsChanged: { organizationId: initech, featureFlags: ['defaults'] },
    });
    // The error ends that subscription: nothing can follow it.
    await sentNull.waitForEnd();
    expect(sentNull.messages).toEqual([]);
    expect(sentNull.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('must not be null') }),
    ]);
    expect(omitted.errors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { graphql } from './gql/index.ts';
import { FeatureFlagsChanged, realtimeFixtures } from './helpers/realtime.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { connectWs, type Subscription, sleep, type WsConnection } from './helpers/ws.ts';

// The fan-out decides a change once per organization and distinct flag set, and the users whose
// set is their organization's share that outcome (src/realtime/fan-out.ts). These cases move
// users in and out of that shared set (a user target makes a user's set differ; removing it makes
// it equal again) and check every message each subscriber gets, in order, with its whole set.

const AddUser = graphql(`
  mutation FanOutSharedAddUser($input: AddFeatureFlagUserInput!) {
    addFeatureFlagUser(input: $input) { rule { version } }
  }
`);
const RemoveUser = graphql(`
  mutation FanOutSharedRemoveUser($input: RemoveFeatureFlagUserInput!) {
    removeFeatureFlagUser(input: $input) { rule { version } }
  }
`);

type Message = {
  featureFlagsChanged: { organizationId: string; featureFlags: string[]; added: string[]; removed: string[] };
};

let server: TestServer;
let fixtures: ReturnType<typeof realtimeFixtures>;
const connections: WsConnection[] = [];

beforeAll(async () => {
  server = await startTestServer();
  fixtures = realtimeFixtures(server);
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await server?.close();
});

async function subscribe(sealedSession: string): Promise<Subscription<Message>> {
  const before = realtimeFanOut.subscriberCount;
  const connection = connectWs(server.graphqlUrl, { connectionParams: { sealedSession } });
  connections.push(connection);
  const subscription = connection.subscribe(FeatureFlagsChanged, {}) as Subscription<Message>;
  // Registered once the fan-out counts it: from then on it hears every change.
  while (realtimeFanOut.subscriberCount < before + 1) await sleep(5);
  return subscription;
}

/** Each message as `+a -b => [set]`, so that a wrong set or a missing message shows in one diff. */
function summary(subscription: Subscription<Message>): string[] {
  return subscription.messages.map(({ featureFlagsChanged: m }) =>
    [...m.added.map((s) => `+${s}`), ...m.removed.map((s) => `-${s}`), `=> ${m.featureFlags.join(',')}`].join(
      ' ',
    ),
  );
}

async function targetUser(slug: string, userId: string, add: boolean) {
  const input = { slug, environment: 'sandbox', userId };
  if (add) dataOf(await server.request(AddUser, { input }));
  else dataOf(await server.request(RemoveUser, { input }));
}

describe('fan-out with users whose set is, or is not, their organization’s', () => {
  it('every subscriber gets exactly its own set, as users leave and rejoin the shared one', async () => {
    const organizationId = await fixtures.organization('Shared sets');
    await fixtures.flag('fs-target');
    await fixtures.setEnabled('fs-target', true);
    await fixtures.setRule('fs-target', 'SOME', []);
    for (const slug of ['fs-a', 'fs-b', 'fs-c']) {
      await fixtures.flag(slug);
      await fixtures.setRule(slug, 'ALL');
    }
    const ada = await fixtures.session(organizationId);
    const bob = await fixtures.session(organizationId);
    const cy = await fixtures.session(organizationId);
    // Ada is targeted before anyone subscribes: her set differs from the organization's from the start.
    await targetUser('fs-target', ada.userId, true);
    const subscriptions = {
      ada: await subscribe(ada.sealedSession),
      bob: await subscribe(bob.sealedSession),
      cy: await subscribe(cy.sealedSession),
    };

    await fixtures.setEnabled('fs-a', true); // everyone
    await targetUser('fs-target', bob.userId, true); // Bob leaves the organization's set
    await fixtures.setEnabled('fs-b', true); // everyone, Ada and Bob with their own sets
    await targetUser('fs-target', ada.userId, false); // Ada's set is the organization's again
    await fixtures.addOrganization('fs-target', organizationId); // the organization gains it: Ada and Cy
    await fixtures.setEnabled('fs-c', true); // everyone, all three sets equal again
    // A late subscriber joins the organization's set as it is now; so does Eve, though a flag the
    // organization has targets her as well (her set is the same, for now).
    const dee = await fixtures.session(organizationId);
    const deeSubscription = await subscribe(dee.sealedSession);
    const eve = await fixtures.session(organizationId);
    await targetUser('fs-b', eve.userId, true);
    const eveSubscription = await subscribe(eve.sealedSession);
    await fixtures.setRule('fs-b', 'NONE'); // the organization loses it, Eve keeps it
    await fixtures.setEnabled('fs-target', false); // everyone loses it
    await fixtures.setEnabled('fs-a', false); // the follow-up everyone must hear last

    const expectedCounts = new Map([
      [subscriptions.ada, 8],
      [subscriptions.bob, 7],
      [subscriptions.cy, 7],
      [deeSubscription, 3],
      [eveSubscription, 2],
    ]);
    for (const [subscription, count] of expectedCounts) await subscription.waitForCount(count);
    expect(summary(subscriptions.ada)).toEqual([
      '+fs-a => fs-a,fs-target',
      '+fs-b => fs-a,fs-b,fs-target',
      '-fs-target => fs-a,fs-b',
      '+fs-target => fs-a,fs-b,fs-target',
      '+fs-c => fs-a,fs-b,fs-c,fs-target',
      '-fs-b => fs-a,fs-c,fs-target',
      '-fs-target => fs-a,fs-c',
      '-fs-a => fs-c',
    ]);
    expect(summary(subscriptions.bob)).toEqual([
      '+fs-a => fs-a',
      '+fs-target => fs-a,fs-target',
      '+fs-b => fs-a,fs-b,fs-target',
      '+fs-c => fs-a,fs-b,fs-c,fs-target',
      '-fs-b => fs-a,fs-c,fs-target',
      '-fs-target => fs-a,fs-c',
      '-fs-a => fs-c',
    ]);
    expect(summary(subscriptions.cy)).toEqual([
      '+fs-a => fs-a',
      '+fs-b => fs-a,fs-b',
      '+fs-target => fs-a,fs-b,fs-target',
      '+fs-c => fs-a,fs-b,fs-c,fs-target',
      '-fs-b => fs-a,fs-c,fs-target',
      '-fs-target => fs-a,fs-c',
      '-fs-a => fs-c',
    ]);
    expect(summary(deeSubscription)).toEqual([
      '-fs-b => fs-a,fs-c,fs-target',
      '-fs-target => fs-a,fs-c',
      '-fs-a => fs-c',
    ]);
    expect(summary(eveSubscription)).toEqual(['-fs-target => fs-a,fs-b,fs-c', '-fs-a => fs-b,fs-c']);
  });
});

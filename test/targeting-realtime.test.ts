import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { rolloutBucket } from '../src/domain/evaluation.ts';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { graphql } from './gql/index.ts';
import { testDatabaseUrl } from './helpers/database.ts';
import { type ServerProcess, spawnServer } from './helpers/process.ts';
import { FeatureFlagsChanged, realtimeFixtures } from './helpers/realtime.ts';
import { runPrefix } from './helpers/realtime-processes.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { connectWs, type Subscription, sleep, type WsConnection } from './helpers/ws.ts';

const SetPercentage = graphql(`
  mutation TargetingRealtimeSetPercentage($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);
const AddUser = graphql(`
  mutation TargetingRealtimeAddUser($input: AddFeatureFlagUserInput!) {
    addFeatureFlagUser(input: $input) { rule { version } }
  }
`);
const RemoveUser = graphql(`
  mutation TargetingRealtimeRemoveUser($input: RemoveFeatureFlagUserInput!) {
    removeFeatureFlagUser(input: $input) { rule { version } }
  }
`);
const CreateMembership = graphql(`
  mutation TargetingRealtimeCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);

type Message = {
  featureFlagsChanged: {
    cursor: string;
    organizationId: string;
    featureFlags: string[];
    added: string[];
    removed: string[];
    reason: string;
  };
};
type FlagSubscription = Subscription<Message>;

/**
 * The changes a subscription received, as `+slug` / `-slug`, sorted. Flattened, because a
 * subscriber on another instance that registers after a change hears it in its catch-up message
 * (with the others after its cursor), not in a message of its own; what changed is the same.
 */
function changesOf(subscription: FlagSubscription, fromMessage = 0): string[] {
  return subscription.messages
    .slice(fromMessage)
    .flatMap(({ featureFlagsChanged: m }) => [
      ...m.added.map((s) => `+${s}`),
      ...m.removed.map((s) => `-${s}`),
    ])
    .sort();
}

/** Waits until the subscription has heard the change (the follow-up every subscriber must hear). */
async function heard(subscription: FlagSubscription, change: string, fromMessage = 0): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!changesOf(subscription, fromMessage).includes(change)) {
    if (subscription.errors.length > 0) throw new Error(JSON.stringify(subscription.errors));
    if (Date.now() > deadline) {
      throw new Error(`${change} never arrived; got ${JSON.stringify(changesOf(subscription, fromMessage))}`);
    }
    await sleep(5);
  }
}

/**
 * The scenarios, run against one instance (`mutate` and `subscribe` on the same server) and
 * against two (subscribers on B, mutations on A). Each proves that nobody else was told by a
 * follow-up change every subscriber must hear next: whoever heard something else first was told
 * wrongly.
 */
function exactNotificationScenarios(
  setup: () => {
    server: TestServer;
    subscribe(sealedSession: string, after: string): Promise<FlagSubscription>;
  },
) {
  let fixtures: ReturnType<typeof realtimeFixtures>;
  let markers = 0;
  beforeAll(() => {
    fixtures = realtimeFixtures(setup().server);
  });

  /** A new flag turned on for everyone in the environment: every subscriber hears `+slug` next. */
  async function marker(environment: 'sandbox' | 'production' = 'sandbox'): Promise<string> {
    markers += 1;
    const slug = `marker-${markers}-${Math.random().toString(36).slice(2, 8)}`;
    await fixtures.flag(slug);
    await fixtures.setRule(slug, 'ALL', undefined, environment);
    await fixtures.setEnabled(slug, true, environment);
    return slug;
  }

  async function membership(userId: string, organizationId: string) {
    dataOf(await setup().server.request(CreateMembership, { input: { userId, organizationId } }));
  }

  it('a user target tells exactly that user’s sessions in that environment whose set changes', async () => {
    const { server, subscribe } = setup();
    const acme = await fixtures.organization('User Target Acme');
    const globex = await fixtures.organization('User Target Globex');
    await fixtures.flag('rt-user-flag');
    await fixtures.setEnabled('rt-user-flag', true);
    await fixtures.setEnabled('rt-user-flag', true, 'production');
    // Globex already has the flag through its organization rule.
    await fixtures.setRule('rt-user-flag', 'SOME', [globex]);
    const target = await fixtures.session(acme);
    const targetSecondSession = await fixtures.sessionFor(target.userId, acme, 'sandbox');
    await membership(target.userId, globex);
    const targetInGlobex = await fixtures.sessionFor(target.userId, globex, 'sandbox');
    // Production's users are its own: a user there is not told of a sandbox target.
    const productionAcme = await fixtures.organization('User Target Acme in production', 'production');
    const targetInProduction = await fixtures.session(productionAcme, 'production');
    const colleague = await fixtures.session(acme);
    const cursor = await fixtures.latestCursor();
    const subscriptions = {
      target: await subscribe(target.sealedSession, cursor),
      targetSecondSession: await subscribe(targetSecondSession.sealedSession, cursor),
      targetInGlobex: await subscribe(targetInGlobex.sealedSession, cursor),
      targetInProduction: await subscribe(targetInProduction.sealedSession, cursor),
      colleague: await subscribe(colleague.sealedSession, cursor),
    };

    dataOf(
      await server.request(AddUser, {
        input: { slug: 'rt-user-flag', environment: 'sandbox', userId: target.userId },
      }),
    );
    const sandboxMarker = await marker('sandbox');
    const productionMarker = await marker('production');
    for (const subscription of Object.values(subscriptions)) {
      const expected = subscription === subscriptions.targetInProduction ? productionMarker : sandboxMarker;
      await heard(subscription, `+${expected}`);
    }
    expect(changesOf(subscriptions.target)).toEqual([`+${sandboxMarker}`, '+rt-user-flag'].sort());
    expect(changesOf(subscriptions.targetSecondSession)).toEqual(
      [`+${sandboxMarker}`, '+rt-user-flag'].sort(),
    );
    expect(subscriptions.target.messages.at(-1)?.featureFlagsChanged).toMatchObject({
      organizationId: acme,
      featureFlags: [sandboxMarker, 'rt-user-flag'].sort(),
    });
    // Globex had it already; the colleague is not targeted; production is another environment.
    expect(changesOf(subscriptions.targetInGlobex)).toEqual([`+${sandboxMarker}`]);
    expect(changesOf(subscriptions.colleague)).toEqual([`+${sandboxMarker}`]);
    expect(changesOf(subscriptions.targetInProduction)).toEqual([`+${productionMarker}`]);

    // Removing the target tells the same sessions, and them only.
    const seen = Object.fromEntries(
      Object.entries(subscriptions).map(([name, subscription]) => [name, subscription.messages.length]),
    );
    dataOf(
      await server.request(RemoveUser, {
        input: { slug: 'rt-user-flag', environment: 'sandbox', userId: target.userId },
      }),
    );
    const secondMarker = await marker('sandbox');
    for (const name of ['target', 'targetSecondSession', 'targetInGlobex', 'colleague'] as const) {
      await heard(subscriptions[name], `+${secondMarker}`, seen[name]);
    }
    expect(changesOf(subscriptions.target, seen.target)).toEqual(
      [`+${secondMarker}`, '-rt-user-flag'].sort(),
    );
    expect(changesOf(subscriptions.targetSecondSession, seen.targetSecondSession)).toEqual(
      [`+${secondMarker}`, '-rt-user-flag'].sort(),
    );
    expect(changesOf(subscriptions.colleague, seen.colleague)).toEqual([`+${secondMarker}`]);
    expect(changesOf(subscriptions.targetInGlobex, seen.targetInGlobex)).toEqual([`+${secondMarker}`]);
  });

  it('a percentage change tells exactly the organizations whose bucket crossed it', async () => {
    const { server, subscribe } = setup();
    await fixtures.flag('rt-rollout');
    await fixtures.setEnabled('rt-rollout', true);
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'rt-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 10 },
      }),
    );
    const { rolloutSalt } = await prisma.featureFlagRule.findFirstOrThrow({
      where: { flag: { slug: 'rt-rollout' }, environment: { slug: 'sandbox' } },
      select: { rolloutSalt: true },
    });
    const organizations: { id: string; bucket: number; subscription?: FlagSubscription }[] = [];
    const sessions: string[] = [];
    for (let i = 0; i < 24; i++) {
      const id = await fixtures.organization(`Rollout Org ${i}`);
      organizations.push({ id, bucket: rolloutBucket(rolloutSalt, id) });
      sessions.push((await fixtures.session(id)).sealedSession);
    }
    const cursor = await fixtures.latestCursor();
    for (const [index, organization] of organizations.entries()) {
      organization.subscription = await subscribe(sessions[index] as string, cursor);
    }
    const crossed = (from: number, to: number) =>
      organizations.filter((o) => o.bucket >= Math.min(from, to) && o.bucket < Math.max(from, to));
    // With 24 organizations a crossing of 40 points is all but certain; the test needs one.
    expect(crossed(1000, 5000).length).toBeGreaterThan(0);

    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'rt-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 50 },
      }),
    );
    const raised = await marker();
    for (const organization of organizations) {
      const expected = organization.bucket >= 1000 && organization.bucket < 5000 ? ['+rt-rollout'] : [];
      const subscription = organization.subscription as FlagSubscription;
      await heard(subscription, `+${raised}`);
      expect(changesOf(subscription), organization.id).toEqual([...expected, `+${raised}`].sort());
    }

    // Lowering removes exactly those between the new and the old percentage.
    const counts = organizations.map((o) => o.subscription?.messages.length ?? 0);
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'rt-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 20 },
      }),
    );
    const lowered = await marker();
    for (const [index, organization] of organizations.entries()) {
      const expected = organization.bucket >= 2000 && organization.bucket < 5000 ? ['-rt-rollout'] : [];
      const subscription = organization.subscription as FlagSubscription;
      await heard(subscription, `+${lowered}`, counts[index]);
      expect(changesOf(subscription, counts[index]), organization.id).toEqual(
        [...expected, `+${lowered}`].sort(),
      );
    }
  });
}

let single: TestServer;
const singleConnections: WsConnection[] = [];

describe('exact notifications on one instance', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    single = await startTestServer({ env: { PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' } });
  });
  afterAll(async () => {
    await Promise.all(singleConnections.map((connection) => connection.dispose()));
    await single?.close();
  });

  exactNotificationScenarios(() => ({
    server: single,
    async subscribe(sealedSession, after) {
      const before = realtimeFanOut.subscriberCount;
      const connection = connectWs(single.graphqlUrl, { connectionParams: { sealedSession } });
      singleConnections.push(connection);
      const subscription = connection.subscribe(FeatureFlagsChanged, { after }) as FlagSubscription;
      const deadline = Date.now() + 25_000;
      while (realtimeFanOut.subscriberCount < before + 1) {
        if (Date.now() > deadline) throw new Error('the subscription was not registered');
        await sleep(5);
      }
      return subscription;
    },
  }));

  it('resuming by cursor replays a user target and a rollout crossing as one message, then continues live', async () => {
    const fixtures = realtimeFixtures(single);
    const organization = await fixtures.organization('Replay Org');
    await fixtures.flag('replay-user');
    await fixtures.flag('replay-rollout');
    await fixtures.flag('replay-live');
    for (const slug of ['replay-user', 'replay-rollout', 'replay-live'])
      await fixtures.setEnabled(slug, true);
    const session = await fixtures.session(organization);
    const first = connectWs(single.graphqlUrl, {
      connectionParams: { sealedSession: session.sealedSession },
    });
    singleConnections.push(first);
    const firstSubscription = first.subscribe(FeatureFlagsChanged, { after: await fixtures.latestCursor() });
    dataOf(
      await single.request(AddUser, {
        input: { slug: 'replay-live', environment: 'sandbox', userId: session.userId },
      }),
    );
    const [seen] = await firstSubscription.waitForCount(1);
    const cursor = seen?.featureFlagsChanged.cursor as string;
    firstSubscription.stop();

    // While away: targeted by replay-user, and replay-rollout reaches every organization (100 %);
    // replay-live's target is removed and added again (no net change).
    dataOf(
      await single.request(AddUser, {
        input: { slug: 'replay-user', environment: 'sandbox', userId: session.userId },
      }),
    );
    dataOf(
      await single.request(SetPercentage, {
        input: { slug: 'replay-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 100 },
      }),
    );
    const replayLive = { input: { slug: 'replay-live', environment: 'sandbox', userId: session.userId } };
    dataOf(await single.request(RemoveUser, replayLive));
    dataOf(await single.request(AddUser, replayLive));
    const missedUpTo = await fixtures.latestCursor();

    const second = connectWs(single.graphqlUrl, {
      connectionParams: { sealedSession: session.sealedSession },
    });
    singleConnections.push(second);
    const resumed = second.subscribe(FeatureFlagsChanged, { after: cursor });
    const [replay] = await resumed.waitForCount(1);
    // (Flags of the tests above, markers and rollouts, may be on for this organization too.)
    expect(replay?.featureFlagsChanged.featureFlags.filter((slug) => slug.startsWith('replay-'))).toEqual([
      'replay-live',
      'replay-rollout',
      'replay-user',
    ]);
    expect(replay?.featureFlagsChanged).toMatchObject({
      organizationId: organization,
      added: ['replay-rollout', 'replay-user'],
      removed: [],
      reason: 'replay',
    });
    expect(BigInt(replay?.featureFlagsChanged.cursor ?? 0)).toBeGreaterThanOrEqual(BigInt(missedUpTo));

    // Live after the replay, without gap or duplicate: the next change is the next message.
    dataOf(
      await single.request(RemoveUser, {
        input: { slug: 'replay-user', environment: 'sandbox', userId: session.userId },
      }),
    );
    await fixtures.setEnabled('replay-live', false);
    const [, live, next] = await resumed.waitForCount(3);
    expect(live?.featureFlagsChanged).toMatchObject({ removed: ['replay-user'], reason: 'rule.updated' });
    expect(next?.featureFlagsChanged).toMatchObject({ removed: ['replay-live'], reason: 'flag.toggled' });
    expect(BigInt(next?.featureFlagsChanged.cursor ?? 0)).toBeGreaterThan(
      BigInt(live?.featureFlagsChanged.cursor ?? 0),
    );
  });
});

const redisUrl = process.env.TEST_REDIS_URL || undefined;
const twoInstancesRunnable = Boolean(testDatabaseUrl && redisUrl);
if (!twoInstancesRunnable) {
  console.warn(
    'targeting-realtime.test.ts: set TEST_DATABASE_URL and TEST_REDIS_URL to run "exact notifications across two instances" (NOT run).',
  );
}

/** Both instances must seal, sign and verify alike. */
const sharedSecrets = {
  PENNANT_SECRET: 'targeting-instances-test-secret-0123456789abcdef',
  PENNANT_COOKIE_PASSWORD: 'targeting-instances-test-cookie-password-0123456789',
  PENNANT_ISSUER: 'http://pennant.test',
  // Only Redis can make B hear A's change within the test: the safety-net poll is a minute.
  PENNANT_CHANGE_POLL_MS: '60000',
  PENNANT_RATE_LIMIT_CREATE_SESSION: '100000',
};

describe.skipIf(!twoInstancesRunnable)(
  'exact notifications across two instances (Redis): changes on A, subscribers on B',
  { timeout: 180_000 },
  () => {
    let a: TestServer;
    let b: ServerProcess & { cleanup(): Promise<void> };
    const connections: WsConnection[] = [];
    beforeAll(async () => {
      const prefix = runPrefix();
      a = await startTestServer({
        env: { ...sharedSecrets, REDIS_URL: redisUrl as string, PENNANT_REDIS_PREFIX: prefix },
      });
      const database = a.config.database;
      if (database.kind !== 'postgres') throw new Error('two instances need PostgreSQL');
      b = await spawnServer({
        env: {
          ...sharedSecrets,
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          PENNANT_REDIS_PREFIX: prefix,
        },
        waitForKeys: false,
      });
    }, 120_000);
    afterAll(async () => {
      await Promise.all(connections.map((connection) => connection.dispose()));
      await b?.stop();
      await b?.cleanup();
      await a?.close();
    });

    exactNotificationScenarios(() => ({
      server: a,
      // Subscribing after a cursor makes "registered on B yet?" irrelevant: whatever happens
      // after the cursor arrives, live or replayed; the assertions compare what changed.
      async subscribe(sealedSession, after) {
        const connection = connectWs(b.graphqlUrl, { connectionParams: { sealedSession } });
        connections.push(connection);
        return connection.subscribe(FeatureFlagsChanged, { after }) as FlagSubscription;
      },
    }));
  },
);

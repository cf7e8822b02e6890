import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFlagEnabledForOrganization } from '../src/domain/evaluation.ts';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import { graphql } from './gql/index.ts';
import { FeatureFlagsChanged, FlagRules, realtimeFixtures } from './helpers/realtime.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { connectWs, type Subscription, sleep, type WsConnection } from './helpers/ws.ts';

const CreateUser = graphql(`
  mutation RealtimeVolumeCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation RealtimeVolumeCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);

// Organizations belong to one environment: each environment has its own.
const organizationsPerEnvironment = 10;
const subscribersPerOrganization = 10; // 10 × 2 environments × 10 = 200
const environments = ['sandbox', 'production'] as const;
const flagSlugs = ['v-alpha', 'v-beta', 'v-gamma', 'v-delta', 'v-epsilon', 'v-zeta'];
const probeSlug = 'v-probe';
const changeCount = 80;

type Environment = (typeof environments)[number];
type FlagsMessage = Subscription<{
  featureFlagsChanged: {
    organizationId: string;
    environment: string;
    featureFlags: string[];
    added: string[];
    removed: string[];
    cursor: string;
  };
}>;

let server: TestServer;
const connections: WsConnection[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' } });
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await server?.close();
});

/** A small deterministic generator, so a failing run can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('isolation at volume', { timeout: 180_000 }, () => {
  it('200 subscribers over 20 organizations and 2 environments: each ends with the evaluation function’s answer and hears nothing else', async () => {
    const fixtures = realtimeFixtures(server);
    const organizationsOf: Record<Environment, string[]> = { sandbox: [], production: [] };
    for (const environment of environments) {
      for (let i = 0; i < organizationsPerEnvironment; i++)
        organizationsOf[environment].push(await fixtures.organization(`Volume ${i}`, environment));
    }
    for (const slug of flagSlugs) await fixtures.flag(slug);
    // Proves at the end that nothing else is on its way; a disabled rule tells nobody.
    await fixtures.flag(probeSlug);
    for (const environment of environments) await fixtures.setRule(probeSlug, 'ALL', undefined, environment);

    const subscribers: { organizationId: string; environment: Environment; subscription: FlagsMessage }[] =
      [];
    const before = realtimeFanOut.subscriberCount;
    for (const environment of environments) {
      const apiKey = server.keys[environment];
      for (const organizationId of organizationsOf[environment]) {
        const user = dataOf(
          await server.request(
            CreateUser,
            { input: { email: `volume-${organizationId}@example.com` } },
            { apiKey },
          ),
        ).createUser.user.id;
        dataOf(
          await server.request(CreateMembership, { input: { userId: user, organizationId } }, { apiKey }),
        );
        for (let i = 0; i < subscribersPerOrganization; i++) {
          const session = await fixtures.sessionFor(user, organizationId, environment);
          const connection = connectWs(server.graphqlUrl, {
            connectionParams:
              i % 2 === 0 ? { accessToken: session.accessToken } : { sealedSession: session.sealedSession },
          });
          connections.push(connection);
          subscribers.push({
            organizationId,
            environment,
            subscription: connection.subscribe(FeatureFlagsChanged, {}) as FlagsMessage,
          });
        }
      }
    }
    const deadline = Date.now() + 30_000;
    while (realtimeFanOut.subscriberCount < before + subscribers.length) {
      if (Date.now() > deadline) throw new Error('subscribers were not all registered');
      await sleep(20);
    }
    expect(subscribers).toHaveLength(200);

    const seed = Number(process.env.REALTIME_VOLUME_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const started = performance.now();
    // Changes run four at a time, so some commit concurrently (rules of the same flag serialize).
    const changes: (() => Promise<void>)[] = [];
    for (let i = 0; i < changeCount; i++) {
      const slug = pick(flagSlugs);
      const environment = pick(environments);
      const organizations = organizationsOf[environment];
      const roll = next();
      if (roll < 0.3) changes.push(() => fixtures.setEnabled(slug, next() < 0.7, environment));
      else if (roll < 0.5) {
        const rule = pick(['ALL', 'SOME', 'NONE'] as const);
        const chosen = organizations.filter(() => next() < 0.3);
        changes.push(() => fixtures.setRule(slug, rule, chosen, environment));
      } else if (roll < 0.8)
        changes.push(() => fixtures.addOrganization(slug, pick(organizations), environment));
      else changes.push(() => fixtures.removeOrganization(slug, pick(organizations), environment));
    }
    for (let i = 0; i < changes.length; i += 4) {
      await Promise.all(changes.slice(i, i + 4).map((change) => change()));
    }
    const mutationsMs = performance.now() - started;

    // The expected answer, from the rules as stored, through the one evaluation function.
    const expected = new Map<string, string[]>();
    for (const environment of environments) {
      const rules = dataOf(
        await server.request(FlagRules, { environment }, { apiKey: server.keys[environment] }),
      );
      for (const organizationId of organizationsOf[environment]) {
        const enabled = rules.featureFlags.edges
          .filter(({ node }) => flagSlugs.includes(node.slug))
          .filter(({ node }) =>
            isFlagEnabledForOrganization(
              {
                percentageBasisPoints: 0,
                rolloutSalt: '',
                userIds: new Set<string>(),
                enabled: node.rule.enabled,
                organizationRule: node.rule.organizationRule,
                organizationIds: new Set(node.rule.organizationIds.map(String)),
              },
              organizationId,
            ),
          )
          .map(({ node }) => node.slug)
          .sort();
        expected.set(`${environment}/${organizationId}`, enabled);
      }
    }
    const finalSet = (subscriber: (typeof subscribers)[number]) =>
      subscriber.subscription.messages.at(-1)?.featureFlagsChanged.featureFlags ?? [];
    const settleDeadline = Date.now() + 15_000;
    while (
      subscribers.some(
        (s) =>
          JSON.stringify(finalSet(s)) !==
          JSON.stringify(expected.get(`${s.environment}/${s.organizationId}`)),
      )
    ) {
      if (Date.now() > settleDeadline) break;
      await sleep(50);
    }
    const settledMs = performance.now() - started;
    // Nothing else is on its way: the probe is enabled for every organization after all the
    // changes, and the feed delivers in log order, so it must be each subscriber's next message.
    const counts = subscribers.map((subscriber) => subscriber.subscription.messages.length);
    for (const environment of environments) await fixtures.setEnabled(probeSlug, true, environment);
    for (const [index, { subscription }] of subscribers.entries()) {
      const from = counts[index] ?? 0;
      await subscription.waitForCount(from + 1);
      const [next] = subscription.messages.splice(from, 1);
      expect(next?.featureFlagsChanged.added, 'the next message is the probe’s').toEqual([probeSlug]);
      expect(next?.featureFlagsChanged.removed).toEqual([]);
    }

    let messages = 0;
    for (const subscriber of subscribers) {
      const received = subscriber.subscription.messages.map((m) => m.featureFlagsChanged);
      messages += received.length;
      expect(subscriber.subscription.errors).toEqual([]);
      let set: string[] = [];
      let previousCursor = 0n;
      for (const message of received) {
        // Never another organization's or environment's message.
        expect(message.organizationId).toBe(subscriber.organizationId);
        expect(message.environment).toBe(subscriber.environment);
        expect(BigInt(message.cursor)).toBeGreaterThan(previousCursor);
        previousCursor = BigInt(message.cursor);
        // Only real changes, each consistent with the one before.
        expect(message.added.length + message.removed.length).toBe(1);
        set = [...set.filter((slug) => !message.removed.includes(slug)), ...message.added].sort();
        expect(message.featureFlags).toEqual(set);
      }
      expect(finalSet(subscriber), `seed ${seed}`).toEqual(
        expected.get(`${subscriber.environment}/${subscriber.organizationId}`),
      );
    }
    console.info(
      `volume (seed ${seed}): ${changeCount} changes in ${mutationsMs.toFixed(0)} ms, all 200 subscribers settled ${(settledMs - mutationsMs).toFixed(0)} ms after the last mutation returned; ${messages} messages delivered`,
    );
  });
});

import type { BenchContext } from '../lib/context.ts';
import { sleep } from '../lib/context.ts';
import {
  addOrganization,
  addUserTarget,
  createFanoutFlags,
  createRolloutFlag,
  organizationsWithFlag,
  planSubscribers,
  type Receipt,
  SubscriberFleet,
  setPercentage,
  toggleFlag,
} from '../lib/fanout-driver.ts';
import { cores, processCpuMs } from '../lib/machine.ts';
import { startPennant } from '../lib/server.ts';
import { createSessions } from '../lib/sessions.ts';
import { latencySummary, type Spread, spread } from '../lib/stats.ts';

export interface FanoutResult {
  subscribers: number;
  organizations: number;
  /** Fewest subscribers reached by one ALL toggle, over the rounds. */
  delivered: number;
  deliveredSpread: Spread;
  allDelivered: boolean;
  /** Median over rounds of each round's percentile, from the event's `occurredAt`. */
  p50Ms: number;
  p99Ms: number;
  p50MsSpread: Spread;
  p99MsSpread: Spread;
  maxMsSpread: Spread;
  /** The same latencies measured from when the mutation was sent (includes the commit). */
  fromSendP99MsSpread: Spread;
  /** Mutation round trip as the dashboard sees it. */
  mutationMsSpread: Spread;
  /**
   * CPU time per ALL toggle (mutation to last receipt, plus the collection's quiet time) of the
   * server and of the load processes: when the load processes' time is the larger, the figure
   * measures the load generator's core as much as Pennant.
   */
  serverCpuMsSpread: Spread;
  loadCpuMsSpread: Spread;
  targetedExact: boolean;
  targetedExpected: number;
  targetedReceivedSpread: Spread;
  /**
   * A rollout raised from 10 % to 20 % (then back, alternating over the rounds): exactly the
   * subscribers of the organizations whose answer changed (as the server answers them before and
   * after) were told, once each, and nobody else.
   */
  percentageExact: boolean;
  percentageExpectedSpread: Spread;
  percentageReceivedSpread: Spread;
  /** Delivery p99 of the rollout changes, from the event's `occurredAt` (median over rounds). */
  percentageP99MsSpread: Spread;
  /** A user target added: exactly that user's subscribers were told, and nobody else. */
  userTargetExact: boolean;
  userTargetExpected: number;
  userTargetReceivedSpread: Spread;
  connectSeconds: number;
  serverRssBeforeMb: number;
  serverRssAfterMb: number;
  memoryPerSubscriberKb: number;
  errors: string[];
}

/**
 * (3) Subscribers of `subscriberOrganizations` organizations on one instance; an ALL flag is
 * toggled (every subscriber must hear it), then SOME lists gain one subscribed organization
 * each (only its subscribers may hear it), a rollout moves between 10 % and 20 % (only the
 * subscribers of organizations that crossed may hear it), and a user is targeted (only that
 * user's subscribers may hear it).
 */
export async function fanoutBenchmark(context: BenchContext): Promise<FanoutResult> {
  const { options, template } = context;
  const { organizationIds, keys } = template.dataset;
  const orgCount = Math.min(options.subscriberOrganizations, organizationIds.length - 50);
  const subscribedOrganizations = organizationIds.slice(0, orgCount);
  const data = await template.instance();
  const server = await startPennant({ ...data.start, core: cores.server, ...context.serverExtras });
  const fleet = SubscriberFleet.start(options.subscriberProcesses, cores.load);
  try {
    const perOrganization = Math.max(1, Math.min(10, Math.ceil(options.subscribers / orgCount)));
    let started = performance.now();
    const sessions = await createSessions(
      server.url,
      keys.sandbox,
      subscribedOrganizations,
      orgCount * perOrganization,
      'fanout',
    );
    const { allSlug, someSlug } = await createFanoutFlags(
      server.url,
      keys.sandbox,
      organizationIds.slice(orgCount, orgCount + 50),
    );
    const rolloutSlug = 'bench-fanout-rollout';
    const userSlug = 'bench-fanout-user';
    await createRolloutFlag(server.url, keys.sandbox, rolloutSlug, 10);
    // Enabled, targeting nobody yet: each round adds one user.
    await createRolloutFlag(server.url, keys.sandbox, userSlug, 0);
    context.log(
      `  ${sessions.length} sessions and 2 flags in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await sleep(2000);
    const rssBefore = server.residentMb();

    const subscribers = planSubscribers(options.subscribers, sessions, () => ({
      url: server.url,
      group: 'local',
    }));
    started = performance.now();
    await fleet.connect(subscribers);
    const connectSeconds = (performance.now() - started) / 1000;
    context.log(`  ${subscribers.length} subscribers connected in ${connectSeconds.toFixed(1)} s`);

    // Warm-up: the first toggle also proves every subscription is live on the server.
    await sleep(1000);
    await toggleFlag(server.url, keys.sandbox, allSlug, true);
    const warm = await fleet.collect(subscribers.length, 60_000, 500);
    context.log(
      `  warm-up toggle reached ${new Set(warm.receipts.map((r) => r.index)).size} of ${subscribers.length}`,
    );
    for (const error of warm.errors.slice(0, 5)) context.log(`    ${error}`);
    await fleet.settle();
    await sleep(2000);
    const rssAfter = server.residentMb();

    const errors: string[] = [...warm.errors];
    const delivered: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    const max: number[] = [];
    const fromSendP99: number[] = [];
    const mutationMs: number[] = [];
    const serverCpuMs: number[] = [];
    const loadCpuMs: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const enabled = round % 2 === 1;
      const cpuBefore = { server: processCpuMs(server.pid), load: fleet.cpuMs() };
      const { sentAt, answeredAt } = await toggleFlag(server.url, keys.sandbox, allSlug, enabled);
      const { receipts, errors: roundErrors } = await fleet.collect(subscribers.length, 30_000, 300);
      serverCpuMs.push(processCpuMs(server.pid) - cpuBefore.server);
      loadCpuMs.push(fleet.cpuMs() - cpuBefore.load);
      await fleet.settle();
      errors.push(...roundErrors);
      const toggles = receipts.filter((r) => r.reason === 'flag.toggled');
      const latencies = latencySummary(toggles.map((r) => r.receivedAt - r.occurredAt));
      const fromSend = latencySummary(toggles.map((r) => r.receivedAt - sentAt));
      delivered.push(new Set(toggles.map((r) => r.index)).size);
      p50.push(latencies.p50);
      p99.push(latencies.p99);
      max.push(latencies.max);
      fromSendP99.push(fromSend.p99);
      mutationMs.push(answeredAt - sentAt);
      context.log(
        `  ALL toggle ${round + 1}: ${delivered.at(-1)} of ${subscribers.length} delivered; from occurredAt p50 ${latencies.p50.toFixed(1)} ms, ` +
          `p99 ${latencies.p99.toFixed(1)} ms, max ${latencies.max.toFixed(1)} ms; from send p99 ${fromSend.p99.toFixed(1)} ms; mutation ${(answeredAt - sentAt).toFixed(1)} ms; ` +
          `CPU server ${serverCpuMs.at(-1)} ms, load ${loadCpuMs.at(-1)} ms`,
      );
      await sleep(1000);
    }

    let targetedExact = true;
    const targetedReceived: number[] = [];
    let targetedExpected = 0;
    for (let round = 0; round < options.rounds; round++) {
      const organizationId = subscribedOrganizations[round % orgCount] as string;
      const expected = subscribers.filter((s) => s.organizationId === organizationId).length;
      targetedExpected = expected;
      await addOrganization(server.url, keys.sandbox, someSlug, organizationId);
      const { receipts } = await fleet.collect(expected, 10_000, 1500);
      await fleet.settle();
      const exact =
        receipts.length === expected &&
        receipts.every((r: Receipt) => r.organizationId === organizationId) &&
        new Set(receipts.map((r) => r.index)).size === expected;
      targetedExact &&= exact;
      targetedReceived.push(receipts.length);
      context.log(
        `  SOME change ${round + 1}: ${receipts.length} received, expected exactly ${expected} (${organizationId}): ${exact ? 'exact' : 'NOT exact'}`,
      );
    }

    // Rollout: 10 % → 20 % → 10 % …; the expected organizations are those whose answer the
    // server gives changed.
    let percentageExact = true;
    const percentageExpected: number[] = [];
    const percentageReceived: number[] = [];
    const percentageP99: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const to = round % 2 === 0 ? 20 : 10;
      const before = await organizationsWithFlag(
        server.url,
        keys.sandbox,
        subscribedOrganizations,
        rolloutSlug,
      );
      await setPercentage(server.url, keys.sandbox, rolloutSlug, to);
      const after = await organizationsWithFlag(
        server.url,
        keys.sandbox,
        subscribedOrganizations,
        rolloutSlug,
      );
      const changed = new Set(subscribedOrganizations.filter((id) => before.has(id) !== after.has(id)));
      const expected = subscribers.filter((s) => changed.has(s.organizationId));
      const { receipts } = await fleet.collect(expected.length, 30_000, 1500);
      await fleet.settle();
      const expectedIndexes = new Set(expected.map((s) => s.index));
      const exact =
        receipts.length === expected.length &&
        receipts.every((r: Receipt) => expectedIndexes.has(r.index) && r.reason === 'rule.updated') &&
        new Set(receipts.map((r) => r.index)).size === expected.length;
      percentageExact &&= exact;
      percentageExpected.push(expected.length);
      percentageReceived.push(receipts.length);
      const latencies = latencySummary(receipts.map((r) => r.receivedAt - r.occurredAt));
      percentageP99.push(latencies.p99);
      context.log(
        `  rollout → ${to} %: ${changed.size} organizations crossed; ${receipts.length} received, expected exactly ${expected.length}: ${exact ? 'exact' : 'NOT exact'}; p99 ${latencies.p99.toFixed(1)} ms`,
      );
    }

    // User targets: one subscribed user per round; only that user's subscribers hear it.
    let userTargetExact = true;
    const userTargetReceived: number[] = [];
    let userTargetExpected = 0;
    for (let round = 0; round < options.rounds; round++) {
      const userId = (subscribers[round * 7] ?? subscribers[0])?.userId as string;
      const expected = subscribers.filter((s) => s.userId === userId);
      userTargetExpected = expected.length;
      await addUserTarget(server.url, keys.sandbox, userSlug, userId);
      const { receipts } = await fleet.collect(expected.length, 10_000, 1500);
      await fleet.settle();
      const expectedIndexes = new Set(expected.map((s) => s.index));
      const exact =
        receipts.length === expected.length &&
        receipts.every((r: Receipt) => expectedIndexes.has(r.index)) &&
        new Set(receipts.map((r) => r.index)).size === expected.length;
      userTargetExact &&= exact;
      userTargetReceived.push(receipts.length);
      context.log(
        `  user target ${round + 1}: ${receipts.length} received, expected exactly ${expected.length} (${userId}): ${exact ? 'exact' : 'NOT exact'}`,
      );
    }

    const deliveredSpread = spread(delivered);
    const p99Spread = spread(p99);
    const p50Spread = spread(p50);
    return {
      subscribers: subscribers.length,
      organizations: orgCount,
      delivered: deliveredSpread.min,
      deliveredSpread,
      allDelivered: deliveredSpread.min === subscribers.length,
      p50Ms: p50Spread.median,
      p99Ms: p99Spread.median,
      p50MsSpread: p50Spread,
      p99MsSpread: p99Spread,
      maxMsSpread: spread(max),
      fromSendP99MsSpread: spread(fromSendP99),
      mutationMsSpread: spread(mutationMs),
      serverCpuMsSpread: spread(serverCpuMs),
      loadCpuMsSpread: spread(loadCpuMs),
      targetedExact,
      targetedExpected,
      targetedReceivedSpread: spread(targetedReceived),
      percentageExact,
      percentageExpectedSpread: spread(percentageExpected),
      percentageReceivedSpread: spread(percentageReceived),
      percentageP99MsSpread: spread(percentageP99),
      userTargetExact,
      userTargetExpected,
      userTargetReceivedSpread: spread(userTargetReceived),
      connectSeconds,
      serverRssBeforeMb: rssBefore,
      serverRssAfterMb: rssAfter,
      memoryPerSubscriberKb: ((rssAfter - rssBefore) * 1024) / subscribers.length,
      errors: errors.slice(0, 20),
    };
  } finally {
    await fleet.stop();
    await server.stop();
    await data.dispose();
  }
}

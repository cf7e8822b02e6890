import { randomBytes } from 'node:crypto';
import type { BenchContext } from '../lib/context.ts';
import { sleep } from '../lib/context.ts';
import { prepareTemplate, type SeededTemplate } from '../lib/data.ts';
import { createFanoutFlags, planSubscribers, SubscriberFleet, toggleFlag } from '../lib/fanout-driver.ts';
import { cores } from '../lib/machine.ts';
import { startPennant } from '../lib/server.ts';
import { createSessions } from '../lib/sessions.ts';
import { latencySummary, type Spread, spread } from '../lib/stats.ts';

export interface CrossInstanceResult {
  subscribers: number;
  /** Median over rounds of p99(remote instance) − p99(local instance), same toggle. */
  p99ExtraMs: number;
  p99ExtraSpread: Spread;
  p50ExtraSpread: Spread;
  local: { p50Ms: Spread; p99Ms: Spread };
  remote: { p50Ms: Spread; p99Ms: Spread };
  /** Fewest subscribers reached by one toggle, over the rounds. */
  delivered: number;
  allDelivered: boolean;
}

/**
 * (4) Two instances sharing PostgreSQL and Redis, half the subscribers on each; the ALL toggle
 * goes to instance A ("local"), and instance B ("remote") learns it through Redis. The extra
 * latency of B over A for the same toggle is the cost of crossing instances.
 */
export async function crossInstanceBenchmark(context: BenchContext): Promise<CrossInstanceResult> {
  const { options } = context;
  let template: SeededTemplate = context.template;
  let ownTemplate: SeededTemplate | undefined;
  if (template.kind !== 'postgres') {
    context.log(`  seeding a PostgreSQL template at ${new URL(options.crossInstancePostgresUrl).host}…`);
    ownTemplate = await prepareTemplate(
      { kind: 'postgres', adminUrl: options.crossInstancePostgresUrl },
      options.size,
      cores.server,
      context.log,
    );
    template = ownTemplate;
  }
  const { organizationIds, keys } = template.dataset;
  const orgCount = Math.min(options.subscriberOrganizations, organizationIds.length - 50);
  const subscribedOrganizations = organizationIds.slice(0, orgCount);
  const data = await template.instance();
  // Its own Redis prefix: test suites may share the same Redis at the same time.
  const env = { PENNANT_REDIS_PREFIX: `pennant-bench-${randomBytes(4).toString('hex')}` };
  const shared = { ...data.start, redisUrl: options.redisUrl, env, ...context.serverExtras };
  const a = await startPennant({ ...shared, core: cores.server });
  const b = await startPennant({ ...shared, core: cores.secondServer });
  // Servers on the server core(s), both load processes on the load core. On two cores the
  // instances share core 0 and take turns through a toggle, as the load processes do on core 1:
  // what separates B's subscribers from A's is then the way from A's commit to B, not which
  // process the scheduler favoured (pinned crosswise, each server sharing a core with the other's
  // load process, the extra p99 swung from −200 to +100 ms between rounds of one run).
  const fleet = SubscriberFleet.start(2, cores.load);
  try {
    const perOrganization = Math.max(1, Math.min(10, Math.ceil(options.subscribers / orgCount)));
    const sessions = await createSessions(
      a.url,
      keys.sandbox,
      subscribedOrganizations,
      orgCount * perOrganization,
      'cross',
    );
    const { allSlug } = await createFanoutFlags(
      a.url,
      keys.sandbox,
      organizationIds.slice(orgCount, orgCount + 50),
    );
    // Even subscribers on A, odd on B: every organization has subscribers on both.
    const subscribers = planSubscribers(options.subscribers, sessions, (index) =>
      index % 2 === 0 ? { url: a.url, group: 'local' } : { url: b.url, group: 'remote' },
    );
    const connectMs = await fleet.connect(subscribers, (s) => (s.group === 'local' ? 0 : 1));
    context.log(
      `  ${subscribers.length} subscribers connected (half on each instance) in ${(connectMs / 1000).toFixed(1)} s`,
    );
    await sleep(1000);
    await toggleFlag(a.url, keys.sandbox, allSlug, true);
    const warm = await fleet.collect(subscribers.length, 60_000, 500);
    await fleet.settle();
    context.log(
      `  warm-up toggle reached ${new Set(warm.receipts.map((r) => r.index)).size} of ${subscribers.length}`,
    );
    await sleep(1000);

    const rounds: {
      local: ReturnType<typeof latencySummary>;
      remote: ReturnType<typeof latencySummary>;
      delivered: number;
    }[] = [];
    for (let round = 0; round < options.rounds; round++) {
      await toggleFlag(a.url, keys.sandbox, allSlug, round % 2 === 1);
      const { receipts } = await fleet.collect(subscribers.length, 30_000, 300);
      await fleet.settle();
      const toggles = receipts.filter((r) => r.reason === 'flag.toggled');
      const local = latencySummary(
        toggles.filter((r) => r.group === 'local').map((r) => r.receivedAt - r.occurredAt),
      );
      const remote = latencySummary(
        toggles.filter((r) => r.group === 'remote').map((r) => r.receivedAt - r.occurredAt),
      );
      rounds.push({ local, remote, delivered: new Set(toggles.map((r) => r.index)).size });
      context.log(
        `  toggle ${round + 1}: local p50 ${local.p50.toFixed(1)} / p99 ${local.p99.toFixed(1)} ms (${local.count}), ` +
          `remote p50 ${remote.p50.toFixed(1)} / p99 ${remote.p99.toFixed(1)} ms (${remote.count}); extra p99 ${(remote.p99 - local.p99).toFixed(1)} ms`,
      );
      await sleep(1000);
    }
    const p99Extra = spread(rounds.map((r) => r.remote.p99 - r.local.p99));
    const delivered = Math.min(...rounds.map((r) => r.delivered));
    return {
      subscribers: subscribers.length,
      p99ExtraMs: p99Extra.median,
      p99ExtraSpread: p99Extra,
      p50ExtraSpread: spread(rounds.map((r) => r.remote.p50 - r.local.p50)),
      local: { p50Ms: spread(rounds.map((r) => r.local.p50)), p99Ms: spread(rounds.map((r) => r.local.p99)) },
      remote: {
        p50Ms: spread(rounds.map((r) => r.remote.p50)),
        p99Ms: spread(rounds.map((r) => r.remote.p99)),
      },
      delivered,
      allDelivered: delivered === subscribers.length,
    };
  } finally {
    await fleet.stop();
    await b.stop();
    await a.stop();
    await data.dispose();
    await ownTemplate?.dispose();
  }
}

import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { PennantProvider } from '../../src/client/openfeature.ts';
import { isFlagEnabledForOrganization, type RuleState } from '../../src/domain/evaluation.ts';
import type { BenchContext } from '../lib/context.ts';
import { sleep } from '../lib/context.ts';
import { toggleFlag } from '../lib/fanout-driver.ts';
import { graphqlClient } from '../lib/graphql.ts';
import { cores } from '../lib/machine.ts';
import { startPennant } from '../lib/server.ts';
import { latencySummary, type Spread, spread } from '../lib/stats.ts';

export interface OpenFeatureResult {
  /** OpenFeature `getBooleanValue` through Pennant's provider, evaluations per second. */
  evaluationsPerSecond: Spread;
  /** The provider's own synchronous evaluation (no OpenFeature SDK around it), per second. */
  providerCallsPerSecond: Spread;
  /** The same decision as a plain call of the evaluation function, per second. */
  plainCallsPerSecond: Spread;
  /** Plain calls per OpenFeature evaluation, per round: what OpenFeature's path costs in plain calls. */
  plainCallsPerEvaluation: Spread;
  providers: number;
  /** Fewest providers that heard a toggle, over the rounds. */
  delivered: number;
  /** From the change's event (its commit) to each provider's ConfigurationChanged, ms. */
  p50MsSpread: Spread;
  p99MsSpread: Spread;
  maxMsSpread: Spread;
  p99Ms: number;
}

const providerCount = 100;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * (6) Pennant's OpenFeature provider in this process: evaluations per second against a plain
 * call of the evaluation function (same process, same flag and organization, back to back), then
 * the time from a toggle's commit (its event's `createdAt`) to `ConfigurationChanged` at each of
 * 100 providers, each with its own connection.
 */
export async function openFeatureBenchmark(context: BenchContext): Promise<OpenFeatureResult> {
  const { options, template } = context;
  const { keys, organizationIds } = template.dataset;
  const data = await template.instance();
  const server = await startPennant({ ...data.start, core: cores.server, ...context.serverExtras });
  const providers: PennantProvider[] = [];
  try {
    const client = graphqlClient(server.url, keys.sandbox);
    const slug = `openfeature-${Date.now()}`;
    await client.request(
      `mutation($input: CreateFeatureFlagInput!) { createFeatureFlag(input: $input) { featureFlag { id } } }`,
      {
        input: { slug, name: 'OpenFeature benchmark' },
      },
    );
    const organizationId = organizationIds[0] as string;
    await client.request(
      `mutation($input: SetOrganizationRuleInput!) { setOrganizationRule(input: $input) { rule { version } } }`,
      {
        input: { slug, environment: 'sandbox', rule: 'SOME', organizationIds: organizationIds.slice(0, 50) },
      },
    );

    for (let index = 0; index < providerCount; index++) {
      providers.push(new PennantProvider({ url: `${server.url}/graphql`, apiKey: keys.sandbox }));
    }
    const started = performance.now();
    await Promise.all(
      providers.map((provider, index) => OpenFeature.setProviderAndWait(`bench-${index}`, provider)),
    );
    context.log(
      `  ${providerCount} providers ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // (a) Evaluations: OpenFeature's client against the evaluation function called directly.
    const evaluationClient = OpenFeature.getClient('bench-0');
    const evaluationContext = { organizationId, targetingKey: 'user_bench' };
    const rule: RuleState = {
      enabled: true,
      organizationRule: 'SOME',
      organizationIds: new Set(organizationIds.slice(0, 50)),
      percentageBasisPoints: 0,
      rolloutSalt: '',
      userIds: new Set(),
    };
    const seconds = options.quick ? 1 : Math.max(2, Math.min(options.durationSeconds, 5));
    const provider = providers[0] as PennantProvider;
    const evaluations: number[] = [];
    const providerCalls: number[] = [];
    const plain: number[] = [];
    const ratios: number[] = [];
    let sink = 0;
    for (let round = 0; round < options.rounds; round++) {
      let count = 0;
      let deadline = performance.now() + seconds * 1000;
      while (performance.now() < deadline) {
        for (let i = 0; i < 1000; i++) {
          if (await evaluationClient.getBooleanValue(slug, false, evaluationContext)) sink++;
        }
        count += 1000;
        // Awaiting resolved promises never yields to I/O: let the sockets breathe between batches.
        await yieldToEventLoop();
      }
      const evaluationRate = count / seconds;
      count = 0;
      deadline = performance.now() + seconds * 1000;
      while (performance.now() < deadline) {
        for (let i = 0; i < 1000; i++) {
          if (provider.evaluateBoolean(slug, false, evaluationContext).value) sink++;
        }
        count += 1000;
        await yieldToEventLoop();
      }
      const providerRate = count / seconds;
      count = 0;
      deadline = performance.now() + seconds * 1000;
      while (performance.now() < deadline) {
        for (let i = 0; i < 1000; i++) if (isFlagEnabledForOrganization(rule, organizationId)) sink++;
        count += 1000;
        await yieldToEventLoop();
      }
      const plainRate = count / seconds;
      evaluations.push(evaluationRate);
      providerCalls.push(providerRate);
      plain.push(plainRate);
      ratios.push(plainRate / evaluationRate);
      context.log(
        `  round ${round + 1}: OpenFeature ${Math.round(evaluationRate)} evaluations/s, the provider alone ${Math.round(providerRate)}/s, plain call ${Math.round(plainRate)}/s`,
      );
    }
    if (sink < 0) context.log('unreachable');

    // (b) Commit to ConfigurationChanged at 100 providers.
    const delivered: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    const max: number[] = [];
    for (let round = 0; round < options.rounds + 1; round++) {
      const heardAt: number[] = [];
      const all = new Promise<void>((resolve) => {
        for (let index = 0; index < providerCount; index++) {
          const domainClient = OpenFeature.getClient(`bench-${index}`);
          const handler = (details?: { flagsChanged?: string[]; message?: string }) => {
            if (!details?.flagsChanged?.includes(slug)) return;
            heardAt.push(performance.timeOrigin + performance.now());
            domainClient.removeHandler(ProviderEvents.ConfigurationChanged, handler);
            if (heardAt.length === providerCount) resolve();
          };
          domainClient.addHandler(ProviderEvents.ConfigurationChanged, handler);
        }
      });
      await toggleFlag(server.url, keys.sandbox, slug, round % 2 === 0);
      await Promise.race([all, sleep(10_000)]);
      const { events } = await client.request<{ events: { edges: { node: { createdAt: string } }[] } }>(
        `query($slug: String!) { events(flagSlug: $slug, type: "flag.toggled", first: 1) { edges { node { createdAt } } } }`,
        { slug },
      );
      const committedAt = Date.parse(events.edges[0]?.node.createdAt ?? '');
      const latencies = latencySummary(heardAt.map((at) => at - committedAt));
      // The first toggle warms the path (and proves every provider follows); it is not counted.
      if (round > 0) {
        delivered.push(heardAt.length);
        p50.push(latencies.p50);
        p99.push(latencies.p99);
        max.push(latencies.max);
      }
      context.log(
        `  toggle ${round === 0 ? 'warm-up' : round}: ${heardAt.length} of ${providerCount} providers; p50 ${latencies.p50.toFixed(1)} ms, p99 ${latencies.p99.toFixed(1)} ms, max ${latencies.max.toFixed(1)} ms`,
      );
      await sleep(500);
    }
    const p99Spread = spread(p99);
    return {
      evaluationsPerSecond: spread(evaluations),
      providerCallsPerSecond: spread(providerCalls),
      plainCallsPerSecond: spread(plain),
      plainCallsPerEvaluation: spread(ratios),
      providers: providerCount,
      delivered: spread(delivered).min,
      p50MsSpread: spread(p50),
      p99MsSpread: p99Spread,
      maxMsSpread: spread(max),
      p99Ms: p99Spread.median,
    };
  } finally {
    await OpenFeature.close();
    await server.stop();
    await data.dispose();
  }
}

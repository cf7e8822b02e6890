import path from 'node:path';
import { forkHelper } from '../lib/child.ts';
import type { BenchContext } from '../lib/context.ts';
import { graphqlClient } from '../lib/graphql.ts';
import { type HttpLoadResult, runHttpLoad } from '../lib/http-load.ts';
import { cores } from '../lib/machine.ts';
import { projectRoot, startPennant } from '../lib/server.ts';
import { alternatingSlices } from '../lib/slices.ts';
import { type Spread, seededRandom, spread } from '../lib/stats.ts';

export interface FlagReadResult {
  /** Median over rounds of Pennant's requests/s divided by the baseline's in the same round. */
  ratio: number;
  ratioSpread: Spread;
  pennant: { requestsPerSecond: Spread; p50Ms: Spread; p99Ms: Spread; failures: number };
  baseline: { requestsPerSecond: Spread; p50Ms: Spread; p99Ms: Spread; failures: number };
}

/** Slices of one round as one result: mean rate; median of the slices' latency percentiles. */
function combine(slices: readonly HttpLoadResult[]): HttpLoadResult {
  return {
    requestsPerSecond: slices.reduce((sum, s) => sum + s.requestsPerSecond, 0) / slices.length,
    p50Ms: spread(slices.map((s) => s.p50Ms)).median,
    p99Ms: spread(slices.map((s) => s.p99Ms)).median,
    total: slices.reduce((sum, s) => sum + s.total, 0),
    failures: slices.reduce((sum, s) => sum + s.failures, 0),
  };
}

const flagQuery =
  'query($id: ID!, $environment: String!) { organization(id: $id) { featureFlags(environment: $environment) } }';

/**
 * (1) `organization(id) { featureFlags(environment) }` with an API key over random
 * organizations, against a bare graphql-yoga `{ hello }` on the same core, in alternating order
 * round by round so both see the same machine.
 */
export async function flagReadBenchmark(context: BenchContext): Promise<FlagReadResult> {
  const { options, template } = context;
  const data = await template.instance();
  const server = await startPennant({ ...data.start, core: cores.server, ...context.serverExtras });
  const hello = forkHelper(path.join(projectRoot, 'bench/processes/hello-server.ts'), { core: cores.server });
  try {
    const helloPort = await hello.call<number>('listen');
    const random = seededRandom(7);
    const { organizationIds, keys } = template.dataset;
    const pennantBodies = Array.from({ length: 4096 }, () =>
      JSON.stringify({
        query: flagQuery,
        variables: {
          id: organizationIds[Math.floor(random() * organizationIds.length)],
          environment: 'sandbox',
        },
      }),
    );
    // The same machinery for the baseline: as many bodies (with variables the query ignores,
    // so the JSON is as varied), the same response check.
    const helloBodies = Array.from({ length: 4096 }, (_, i) =>
      JSON.stringify({ query: '{ hello }', variables: { n: i } }),
    );

    // One request each way first: a benchmark of errors would be worthless.
    const sample = await graphqlClient(server.url, keys.sandbox).request<{
      organization: { featureFlags: string[] } | null;
    }>(flagQuery, { id: organizationIds[0], environment: 'sandbox' });
    if (!sample.organization) throw new Error('flag read: the sample organization was not found');

    const pennant = (durationSeconds: number) =>
      runHttpLoad({
        url: `${server.url}/graphql`,
        connections: options.connections,
        durationSeconds,
        bodies: pennantBodies,
        headers: { authorization: `Bearer ${keys.sandbox}` },
        check: (body) => body.startsWith('{"data":{"organization":{"featureFlags":['),
      });
    const baseline = (durationSeconds: number) =>
      runHttpLoad({
        url: `http://127.0.0.1:${helloPort}/graphql`,
        connections: options.connections,
        durationSeconds,
        bodies: helloBodies,
        check: (body) => body === '{"data":{"hello":"world"}}',
      });

    // Warm-up: one pass over every request body (each organization read once, as a running
    // server would have), then some seconds of load on each side.
    context.log(`  warm-up: ${pennantBodies.length} requests, then ${options.warmupSeconds} s each`);
    await runHttpLoad({
      url: `${server.url}/graphql`,
      connections: options.connections,
      durationSeconds: 0,
      amount: pennantBodies.length,
      bodies: pennantBodies,
      headers: { authorization: `Bearer ${keys.sandbox}` },
    });
    await baseline(options.warmupSeconds);
    await pennant(options.warmupSeconds);

    const rounds: { pennant: HttpLoadResult; baseline: HttpLoadResult }[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const slices = await alternatingSlices(round, options.durationSeconds, baseline, pennant);
      const p = combine(slices.pennant);
      const b = combine(slices.baseline);
      rounds.push({ pennant: p, baseline: b });
      context.log(
        `  round ${round + 1}: Pennant ${Math.round(p.requestsPerSecond)}/s (p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms), ` +
          `baseline ${Math.round(b.requestsPerSecond)}/s (p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms), ratio ${(p.requestsPerSecond / b.requestsPerSecond).toFixed(2)}` +
          (p.failures + b.failures > 0 ? `, failures ${p.failures}/${b.failures}` : ''),
      );
    }
    const ratios = rounds.map((r) => r.pennant.requestsPerSecond / r.baseline.requestsPerSecond);
    const side = (pick: (r: (typeof rounds)[number]) => HttpLoadResult) => ({
      requestsPerSecond: spread(rounds.map((r) => pick(r).requestsPerSecond)),
      p50Ms: spread(rounds.map((r) => pick(r).p50Ms)),
      p99Ms: spread(rounds.map((r) => pick(r).p99Ms)),
      failures: rounds.reduce((sum, r) => sum + pick(r).failures, 0),
    });
    const ratioSpread = spread(ratios);
    return {
      ratio: ratioSpread.median,
      ratioSpread,
      pennant: side((r) => r.pennant),
      baseline: side((r) => r.baseline),
    };
  } finally {
    await hello.stop();
    await server.stop();
    await data.dispose();
  }
}

import { request } from 'node:http';
import path from 'node:path';
import { forkHelper } from '../lib/child.ts';
import type { BenchContext } from '../lib/context.ts';
import { graphqlClient } from '../lib/graphql.ts';
import { type HttpLoadResult, runHttpLoad } from '../lib/http-load.ts';
import { cores, residentMb } from '../lib/machine.ts';
import { productionNodeArgs, projectRoot, startPennant } from '../lib/server.ts';
import { alternatingSlices } from '../lib/slices.ts';
import { type Spread, seededRandom, spread } from '../lib/stats.ts';

interface Side {
  requestsPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  failures: number;
}

/** One route against the bare yoga baseline measured in alternating slices beside it. */
export interface RouteRatio {
  /** Median over rounds of the route's requests/s divided by the baseline's in the same round. */
  ratio: number;
  ratioSpread: Spread;
  pennant: Side;
  baseline: Side;
}

export interface FlagReadResult extends RouteRatio {
  /** REST `GET /organizations/:id/feature-flags` (random organizations). */
  rest: RouteRatio;
  /**
   * REST `GET /sdk/feature-flags` without If-None-Match, with the `Accept-Encoding` the SDK's
   * runtime client sends (`sdkAcceptEncoding`), so answered gzip-encoded: the ratio the bar is on.
   */
  sdkPoll: RouteRatio;
  /** The same without Accept-Encoding: the uncompressed (identity) answer. */
  sdkPollIdentity: RouteRatio;
  /** As `sdkPoll` with the current (gzip) ETag in If-None-Match (answered 304). */
  sdkPollNotModified: RouteRatio;
  restRatio: number;
  sdkPollRatio: number;
  sdkPollIdentityRatio: number;
  sdkPollNotModifiedRatio: number;
  /** Bytes of one runtime poll answer, uncompressed (identity). */
  sdkPollBytes: number;
  /** Bytes of the same answer gzip-encoded (what `sdkPoll` sends) and brotli-encoded. */
  sdkPollGzipBytes: number;
  sdkPollBrotliBytes: number;
  memory: MemoryResult;
}

export interface MemoryResult {
  /** Pennant's peak RSS under the read load ÷ the bare yoga server's, same load, same run. */
  rssRatio: number;
  pennantIdleRssMb: number;
  pennantPeakRssMb: number;
  pennantAfterLoadRssMb: number;
  baselinePeakRssMb: number;
}

/** The highest RSS of each process, sampled every 100 ms while `work` runs. */
async function peakRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peaks: number[] }> {
  const peaks = pids.map((pid) => residentMb(pid));
  const timer = setInterval(() => {
    for (const [index, pid] of pids.entries()) peaks[index] = Math.max(peaks[index] ?? 0, residentMb(pid));
  }, 100);
  try {
    return { result: await work(), peaks };
  } finally {
    clearInterval(timer);
  }
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

/**
 * What the WorkOS SDK's runtime client sends: it polls with the global `fetch`, which on Node 20
 * (undici 6) asks for `gzip, deflate` and decompresses the answer itself.
 */
export const sdkAcceptEncoding = 'gzip, deflate';

/** The bytes and ETag of one runtime poll answer with this Accept-Encoding, read undecoded. */
async function pollSample(
  url: string,
  apiKey: string,
  acceptEncoding: string | undefined,
): Promise<{ bytes: number; etag: string; coding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/sdk/feature-flags`,
      {
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
        },
      },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () => {
          const etag = response.headers.etag;
          if (response.statusCode !== 200 || !etag)
            reject(new Error('flag read: the runtime poll has no ETag'));
          else resolve({ bytes, etag, coding: response.headers['content-encoding'] });
        });
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const flagQuery =
  'query($id: ID!, $environment: String!) { organization(id: $id) { featureFlags(environment: $environment) } }';

/**
 * (1) `organization(id) { featureFlags(environment) }` with an API key over random
 * organizations, then the REST reads (`GET /organizations/:id/feature-flags`, the runtime poll
 * with and without If-None-Match), each against a bare graphql-yoga `{ hello }` on the same core
 * in alternating slices, round by round, so each ratio's two sides see the same machine. The
 * peak RSS of both processes over all of it gives `memory.rssRatio`.
 */
export async function flagReadBenchmark(context: BenchContext): Promise<FlagReadResult> {
  const { options, template } = context;
  const data = await template.instance();
  const server = await startPennant({ ...data.start, core: cores.server, ...context.serverExtras });
  // The baseline runs with the same node flags as the production server (start:prod's young
  // generation size), so that the ratio compares the servers' work, not V8's settings.
  const hello = forkHelper(path.join(projectRoot, 'bench/processes/hello-server.ts'), {
    core: cores.server,
    nodeArgs: productionNodeArgs,
  });
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

    const restPaths = Array.from(
      { length: 4096 },
      () => `/organizations/${organizationIds[Math.floor(random() * organizationIds.length)]}/feature-flags`,
    );
    const identityPoll = await pollSample(server.url, keys.sandbox, undefined);
    const gzipPoll = await pollSample(server.url, keys.sandbox, sdkAcceptEncoding);
    const brotliPoll = await pollSample(server.url, keys.sandbox, 'br');
    if (gzipPoll.coding !== 'gzip' || brotliPoll.coding !== 'br' || identityPoll.coding !== undefined) {
      throw new Error('flag read: the runtime poll is not encoded as asked');
    }
    context.log(
      `  runtime poll answer: ${identityPoll.bytes} bytes uncompressed, ${gzipPoll.bytes} gzip, ${brotliPoll.bytes} brotli`,
    );
    const get =
      (
        paths: readonly string[],
        check: (body: string, headers: Record<string, string>) => boolean,
        extra: { etag?: string; acceptEncoding?: string } = {},
      ) =>
      (durationSeconds: number) =>
        runHttpLoad({
          url: server.url,
          connections: options.connections,
          durationSeconds,
          paths,
          headers: {
            authorization: `Bearer ${keys.sandbox}`,
            ...(extra.etag ? { 'if-none-match': extra.etag } : {}),
            ...(extra.acceptEncoding ? { 'accept-encoding': extra.acceptEncoding } : {}),
          },
          ...(extra.etag ? { expectStatus: 304 } : {}),
          check,
        });
    const routes = {
      graphql: pennant,
      rest: get(restPaths, (body) => body.startsWith('{"object":"list","data":[')),
      // autocannon does not decompress: the check is on the coding and the size.
      sdkPoll: get(
        ['/sdk/feature-flags'],
        (body, headers) => headers['content-encoding'] === 'gzip' && body.length > 0,
        { acceptEncoding: sdkAcceptEncoding },
      ),
      sdkPollIdentity: get(
        ['/sdk/feature-flags'],
        (body, headers) => headers['content-encoding'] === undefined && body.startsWith('{'),
      ),
      sdkPollNotModified: get(['/sdk/feature-flags'], (body) => body === '', {
        etag: gzipPoll.etag,
        acceptEncoding: sdkAcceptEncoding,
      }),
    };
    await routes.rest(options.warmupSeconds);
    await routes.sdkPoll(options.warmupSeconds);
    await routes.sdkPollIdentity(options.warmupSeconds);
    const pennantIdleRssMb = residentMb(server.pid);

    const rounds: Record<keyof typeof routes, { pennant: HttpLoadResult; baseline: HttpLoadResult }[]> = {
      graphql: [],
      rest: [],
      sdkPoll: [],
      sdkPollIdentity: [],
      sdkPollNotModified: [],
    };
    const { peaks } = await peakRss([server.pid, hello.pid], async () => {
      for (let round = 0; round < options.rounds; round++) {
        for (const [name, route] of Object.entries(routes) as [keyof typeof routes, typeof pennant][]) {
          const slices = await alternatingSlices(round, options.durationSeconds, baseline, route);
          const p = combine(slices.pennant);
          const b = combine(slices.baseline);
          rounds[name].push({ pennant: p, baseline: b });
          context.log(
            `  round ${round + 1} ${name}: Pennant ${Math.round(p.requestsPerSecond)}/s (p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms), ` +
              `baseline ${Math.round(b.requestsPerSecond)}/s (p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms), ratio ${(p.requestsPerSecond / b.requestsPerSecond).toFixed(2)}` +
              (p.failures + b.failures > 0 ? `, failures ${p.failures}/${b.failures}` : ''),
          );
        }
      }
    });
    const [pennantPeakRssMb = Number.NaN, baselinePeakRssMb = Number.NaN] = peaks;
    const memory: MemoryResult = {
      rssRatio: pennantPeakRssMb / baselinePeakRssMb,
      pennantIdleRssMb,
      pennantPeakRssMb,
      pennantAfterLoadRssMb: residentMb(server.pid),
      baselinePeakRssMb,
    };
    context.log(
      `  RSS: Pennant idle ${Math.round(pennantIdleRssMb)} MB, peak ${Math.round(pennantPeakRssMb)} MB, after ${Math.round(memory.pennantAfterLoadRssMb)} MB; bare yoga peak ${Math.round(baselinePeakRssMb)} MB; ratio ${memory.rssRatio.toFixed(2)}`,
    );
    const graphql = routeRatio(rounds.graphql);
    const rest = routeRatio(rounds.rest);
    const sdkPoll = routeRatio(rounds.sdkPoll);
    const sdkPollIdentity = routeRatio(rounds.sdkPollIdentity);
    const sdkPollNotModified = routeRatio(rounds.sdkPollNotModified);
    return {
      ...graphql,
      rest,
      sdkPoll,
      sdkPollIdentity,
      sdkPollNotModified,
      restRatio: rest.ratio,
      sdkPollRatio: sdkPoll.ratio,
      sdkPollIdentityRatio: sdkPollIdentity.ratio,
      sdkPollNotModifiedRatio: sdkPollNotModified.ratio,
      sdkPollBytes: identityPoll.bytes,
      sdkPollGzipBytes: gzipPoll.bytes,
      sdkPollBrotliBytes: brotliPoll.bytes,
      memory,
    };
  } finally {
    await hello.stop();
    await server.stop();
    await data.dispose();
  }
}

function routeRatio(rounds: { pennant: HttpLoadResult; baseline: HttpLoadResult }[]): RouteRatio {
  const ratios = rounds.map((r) => r.pennant.requestsPerSecond / r.baseline.requestsPerSecond);
  const side = (pick: (r: (typeof rounds)[number]) => HttpLoadResult): Side => ({
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
}

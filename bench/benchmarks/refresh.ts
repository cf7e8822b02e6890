import path from 'node:path';
import autocannon from 'autocannon';
import { forkHelper } from '../lib/child.ts';
import type { BenchContext } from '../lib/context.ts';
import { cores, processCpuMs } from '../lib/machine.ts';
import { benchmarkServerEnv, projectRoot, startPennant } from '../lib/server.ts';
import { createSessions } from '../lib/sessions.ts';
import { type Spread, spread } from '../lib/stats.ts';

export interface RefreshFigures {
  ratioSpread: Spread;
  refreshesPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  cryptoPerSecond: Spread;
  cryptoP50Ms: Spread;
  cryptoP99Ms: Spread;
  /** CPU time (all threads) per refresh, and per crypto-only operation: what the ratio is made of. */
  cpuMsPerRefresh: Spread;
  cryptoCpuMsPerOp: Spread;
  /** The server's CPU time over the load's wall time (1: its core never idled). */
  serverBusy: Spread;
  failures: number;
}

export interface RefreshResult {
  /** RS256 (the default): median over rounds of refreshes/s over crypto-only operations/s. */
  ratio: number;
  ratioSpread: Spread;
  algorithms: string[];
  byAlgorithm: Record<string, RefreshFigures>;
  sessions: number;
}

const refreshMutation =
  'mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { sealedSession session { accessToken featureFlags } } }';

interface LoadRound {
  refreshesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  cpuMsPerOperation: number;
  busy: number;
}

interface CryptoRound {
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerOperation: number;
}

/** Runs `load` and adds the CPU time `pid` spent per operation, and its share of the wall time. */
async function withCpu<T extends { operations: number }>(
  pid: number,
  load: () => Promise<T>,
): Promise<T & { cpuMsPerOperation: number; busy: number }> {
  const cpuBefore = processCpuMs(pid);
  const started = performance.now();
  const result = await load();
  const cpuMs = processCpuMs(pid) - cpuBefore;
  return {
    ...result,
    cpuMsPerOperation: cpuMs / result.operations,
    busy: cpuMs / (performance.now() - started),
  };
}

/**
 * Refreshes with distinct sessions: a FIFO pool of sealed sessions; each request takes the
 * oldest, each answer puts its new seal at the back, so with N sessions each is refreshed once
 * every N requests (the previous seal is never replayed: that would be a grace-window retry).
 */
function refreshLoad(
  url: string,
  pool: string[],
  connections: number,
  durationSeconds: number,
): Promise<Omit<LoadRound, 'cpuMsPerOperation' | 'busy'> & { operations: number }> {
  let failures = 0;
  return autocannon({
    url,
    connections,
    duration: durationSeconds,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    requests: [
      {
        setupRequest: (request) => {
          const sealedSession = pool.shift();
          if (sealedSession === undefined) throw new Error('refresh pool ran dry');
          request.body = JSON.stringify({ query: refreshMutation, variables: { input: { sealedSession } } });
          return request;
        },
        onResponse: (status, body) => {
          const next = status === 200 ? /"sealedSession":"([^"]+)"/.exec(body)?.[1] : undefined;
          if (next === undefined) {
            failures++;
            if (failures <= 3) process.stderr.write(`  refresh failed: ${status} ${body.slice(0, 300)}\n`);
            return;
          }
          pool.push(next);
        },
      },
    ],
  }).then((result) => ({
    refreshesPerSecond: result.requests.average,
    operations: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: failures + result.errors + result.timeouts,
  }));
}

/**
 * (2) refreshSession against the cryptography it cannot avoid, per signing algorithm: each
 * algorithm gets its own server (PENNANT_SIGNING_ALG) on a fresh copy of the data, its own
 * sessions, and a crypto-only process on the same core, in alternating order round by round.
 */
export async function refreshBenchmark(context: BenchContext): Promise<RefreshResult> {
  const { options, template } = context;
  const byAlgorithm: Record<string, RefreshFigures> = {};
  for (const algorithm of options.signingAlgorithms) {
    const data = await template.instance();
    const server = await startPennant({
      ...data.start,
      core: cores.server,
      env: { PENNANT_SIGNING_ALG: algorithm },
      ...context.serverExtras,
    });
    const crypto = forkHelper(path.join(projectRoot, 'bench/processes/crypto-refresh.ts'), {
      core: cores.server,
    });
    try {
      const started = performance.now();
      const sessions = await createSessions(
        server.url,
        template.dataset.keys.sandbox,
        template.dataset.organizationIds,
        options.refreshSessions,
        `refresh-${algorithm.toLowerCase()}`,
      );
      context.log(
        `  ${algorithm}: ${sessions.length} sessions created in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      const pool = sessions.map((s) => s.sealedSession);
      await crypto.call('prepare', {
        algorithm,
        cookiePassword: benchmarkServerEnv.PENNANT_COOKIE_PASSWORD,
        sealedSession: sessions[0]?.sealedSession,
      });
      const url = `${server.url}/graphql`;
      const cryptoRun = (durationSeconds: number): Promise<CryptoRound> =>
        withCpu(crypto.pid, () =>
          crypto.call<{ opsPerSecond: number; operations: number; p50Ms: number; p99Ms: number }>('run', {
            durationSeconds,
            concurrency: options.connections,
          }),
        );
      const pennantRun = (durationSeconds: number): Promise<LoadRound> =>
        withCpu(server.pid, () => refreshLoad(url, pool, options.connections, durationSeconds));
      await pennantRun(options.warmupSeconds);
      await cryptoRun(options.warmupSeconds);
      const rounds: { pennant: LoadRound; crypto: CryptoRound }[] = [];
      for (let round = 0; round < options.rounds; round++) {
        let p: LoadRound;
        let c: CryptoRound;
        if (round % 2 === 0) {
          c = await cryptoRun(options.durationSeconds);
          p = await pennantRun(options.durationSeconds);
        } else {
          p = await pennantRun(options.durationSeconds);
          c = await cryptoRun(options.durationSeconds);
        }
        rounds.push({ pennant: p, crypto: c });
        context.log(
          `  ${algorithm} round ${round + 1}: Pennant ${Math.round(p.refreshesPerSecond)}/s (p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms), ` +
            `crypto-only ${Math.round(c.opsPerSecond)}/s (p50 ${c.p50Ms.toFixed(1)} ms), ratio ${(p.refreshesPerSecond / c.opsPerSecond).toFixed(2)}; ` +
            `CPU ${p.cpuMsPerOperation.toFixed(3)} ms per refresh (server busy ${Math.round(p.busy * 100)} %), ` +
            `${c.cpuMsPerOperation.toFixed(3)} ms per crypto-only operation` +
            (p.failures > 0 ? `, failures ${p.failures}` : ''),
        );
      }
      byAlgorithm[algorithm] = {
        ratioSpread: spread(rounds.map((r) => r.pennant.refreshesPerSecond / r.crypto.opsPerSecond)),
        refreshesPerSecond: spread(rounds.map((r) => r.pennant.refreshesPerSecond)),
        p50Ms: spread(rounds.map((r) => r.pennant.p50Ms)),
        p99Ms: spread(rounds.map((r) => r.pennant.p99Ms)),
        cryptoPerSecond: spread(rounds.map((r) => r.crypto.opsPerSecond)),
        cryptoP50Ms: spread(rounds.map((r) => r.crypto.p50Ms)),
        cryptoP99Ms: spread(rounds.map((r) => r.crypto.p99Ms)),
        cpuMsPerRefresh: spread(rounds.map((r) => r.pennant.cpuMsPerOperation)),
        cryptoCpuMsPerOp: spread(rounds.map((r) => r.crypto.cpuMsPerOperation)),
        serverBusy: spread(rounds.map((r) => r.pennant.busy)),
        failures: rounds.reduce((sum, r) => sum + r.pennant.failures, 0),
      };
    } finally {
      await crypto.stop();
      await server.stop();
      await data.dispose();
    }
  }
  const main = byAlgorithm.RS256 ?? Object.values(byAlgorithm)[0];
  if (!main) throw new Error('no signing algorithm measured');
  return {
    ratio: main.ratioSpread.median,
    ratioSpread: main.ratioSpread,
    algorithms: Object.keys(byAlgorithm),
    byAlgorithm,
    sessions: options.refreshSessions,
  };
}

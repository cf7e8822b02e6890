import path from 'node:path';
import autocannon from 'autocannon';
import { forkHelper } from '../lib/child.ts';
import type { BenchContext } from '../lib/context.ts';
import { cores, processCpuMs } from '../lib/machine.ts';
import { benchmarkServerEnv, projectRoot, startPennant } from '../lib/server.ts';
import { createSessions } from '../lib/sessions.ts';
import { alternatingSlices } from '../lib/slices.ts';
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

interface Slice {
  operations: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  cpuMs: number;
  wallMs: number;
}

/** Runs `load` and adds the CPU time `pid` spent meanwhile, and the wall time. */
async function withCpu<T>(
  pid: number,
  load: () => Promise<T>,
): Promise<T & { cpuMs: number; wallMs: number }> {
  const cpuBefore = processCpuMs(pid);
  const started = performance.now();
  const result = await load();
  return { ...result, cpuMs: processCpuMs(pid) - cpuBefore, wallMs: performance.now() - started };
}

/** A round's slices as one: total rate, CPU per operation, median of the slices' percentiles. */
function combine(slices: readonly Slice[]) {
  const operations = slices.reduce((sum, s) => sum + s.operations, 0);
  const cpuMs = slices.reduce((sum, s) => sum + s.cpuMs, 0);
  return {
    perSecond: operations / slices.reduce((sum, s) => sum + s.seconds, 0),
    p50Ms: spread(slices.map((s) => s.p50Ms)).median,
    p99Ms: spread(slices.map((s) => s.p99Ms)).median,
    failures: slices.reduce((sum, s) => sum + s.failures, 0),
    cpuMsPerOperation: cpuMs / operations,
    busy: cpuMs / slices.reduce((sum, s) => sum + s.wallMs, 0),
  };
}

interface RefreshContext {
  /** The seal this connection's request carries, until its answer arrives. */
  sealedSession?: string;
}

const sealedSessionPattern = /"sealedSession":"([^"]+)"/;

/** Resolves once `pid` has used (almost) no CPU for 100 ms. */
async function idle(pid: number): Promise<void> {
  let quiet = 0;
  let before = processCpuMs(pid);
  while (quiet < 2) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = processCpuMs(pid);
    quiet = now - before <= 10 ? quiet + 1 : 0;
    before = now;
  }
}

/**
 * Refreshes with distinct sessions: a FIFO pool of sealed sessions; each request takes the
 * oldest, each answer puts its new seal at the back, so with N sessions each is refreshed once
 * every N requests (the previous seal is never replayed while its successor is known).
 *
 * A slice's rate is its answers over the time from its first answer to its last: autocannon
 * drops the requests in flight when its time is up, so counting from the start would charge
 * Pennant for work it was never credited with (the crypto-only loop finishes what it started
 * and times that). The server then finishes the dropped requests before anything else runs,
 * and their sessions are refreshed again (a retry within the grace window when the server had
 * rotated them) so the pool keeps them; neither is measured.
 */
function refreshLoader(url: string, pool: string[], connections: number, serverPid: number) {
  const inFlight = new Set<string>();
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const refreshBody = (sealedSession: string) =>
    JSON.stringify({ query: refreshMutation, variables: { input: { sealedSession } } });

  async function load(durationSeconds: number): Promise<Omit<Slice, 'cpuMs' | 'wallMs'>> {
    let failures = 0;
    let answers = 0;
    let firstAnswer = 0;
    let lastAnswer = 0;
    const result = await autocannon({
      url,
      connections,
      duration: durationSeconds,
      method: 'POST',
      headers,
      requests: [
        {
          setupRequest: (request, context: RefreshContext) => {
            const sealedSession = pool.shift();
            if (sealedSession === undefined) throw new Error('refresh pool ran dry');
            context.sealedSession = sealedSession;
            inFlight.add(sealedSession);
            request.body = refreshBody(sealedSession);
            return request;
          },
          onResponse: (status, body, context: RefreshContext) => {
            lastAnswer = performance.now();
            if (answers++ === 0) firstAnswer = lastAnswer;
            if (context.sealedSession !== undefined) inFlight.delete(context.sealedSession);
            const next = status === 200 ? sealedSessionPattern.exec(body)?.[1] : undefined;
            if (next === undefined) {
              failures++;
              if (failures <= 3) process.stderr.write(`  refresh failed: ${status} ${body.slice(0, 300)}\n`);
              return;
            }
            pool.push(next);
          },
        },
      ],
    });
    return {
      operations: answers - 1,
      seconds: (lastAnswer - firstAnswer) / 1000,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failures: failures + result.errors + result.timeouts,
    };
  }

  /** Returns how many dropped sessions could not be refreshed again (lost to the pool). */
  async function recover(): Promise<number> {
    await idle(serverPid);
    const dropped = [...inFlight];
    inFlight.clear();
    const next = await Promise.all(
      dropped.map(async (sealedSession) => {
        const response = await fetch(url, { method: 'POST', headers, body: refreshBody(sealedSession) });
        return sealedSessionPattern.exec(await response.text())?.[1];
      }),
    );
    const recovered = next.filter((seal): seal is string => seal !== undefined);
    pool.push(...recovered);
    await idle(serverPid);
    return dropped.length - recovered.length;
  }

  return { load, recover };
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
      const refreshes = refreshLoader(`${server.url}/graphql`, pool, options.connections, server.pid);
      let lost = 0;
      const cryptoRun = async (seconds: number): Promise<Slice> => {
        const run = await withCpu(crypto.pid, () =>
          crypto.call<{ operations: number; opsPerSecond: number; p50Ms: number; p99Ms: number }>('run', {
            durationSeconds: seconds,
            concurrency: options.connections,
          }),
        );
        // The loop finishes the operations it started: its own elapsed time covers them.
        return { ...run, seconds: run.operations / run.opsPerSecond, failures: 0 };
      };
      const pennantRun = async (seconds: number): Promise<Slice> => {
        const run = await withCpu(server.pid, () => refreshes.load(seconds));
        lost += await refreshes.recover();
        return run;
      };
      // The server's CPU per refresh kept falling through its first half-minute of refresh load
      // (presumably V8's optimizing compiler, which shares the server's one core): with 5 s of
      // warm-up the first round was the lowest in each of five runs, with 30 s it was not.
      await pennantRun(options.refreshWarmupSeconds);
      await cryptoRun(options.warmupSeconds);
      const rounds: { pennant: LoadRound; crypto: CryptoRound }[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const slices = await alternatingSlices(round, options.durationSeconds, cryptoRun, pennantRun);
        const pc = combine(slices.pennant);
        const cc = combine(slices.baseline);
        const p: LoadRound = { ...pc, refreshesPerSecond: pc.perSecond };
        const c: CryptoRound = { ...cc, opsPerSecond: cc.perSecond };
        rounds.push({ pennant: p, crypto: c });
        context.log(
          `  ${algorithm} round ${round + 1}: Pennant ${Math.round(p.refreshesPerSecond)}/s (p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms), ` +
            `crypto-only ${Math.round(c.opsPerSecond)}/s (p50 ${c.p50Ms.toFixed(1)} ms), ratio ${(p.refreshesPerSecond / c.opsPerSecond).toFixed(2)}; ` +
            `CPU ${p.cpuMsPerOperation.toFixed(3)} ms per refresh (server busy ${Math.round(p.busy * 100)} %), ` +
            `${c.cpuMsPerOperation.toFixed(3)} ms per crypto-only operation` +
            (p.failures > 0 ? `, failures ${p.failures}` : ''),
        );
      }
      if (lost > 0) context.log(`  ${algorithm}: ${lost} sessions dropped at the end of a slice were lost`);
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
        failures: rounds.reduce((sum, r) => sum + r.pennant.failures, 0) + lost,
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

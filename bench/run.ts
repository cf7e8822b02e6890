/**
 * Pennant's benchmarks: `npm run bench -- [--quick] [--json FILE] [--only …]`. Every benchmark
 * starts the production build (dist/) as its own process on a copy of one seeded database,
 * drives it from other processes over loopback, and measures a baseline in the same run, so
 * the figures are ratios that hold on a noisy machine. See BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CrossInstanceResult, crossInstanceBenchmark } from './benchmarks/cross-instance.ts';
import { type FanoutResult, fanoutBenchmark } from './benchmarks/fanout.ts';
import { type FlagReadResult, flagReadBenchmark, type MemoryResult } from './benchmarks/flag-read.ts';
import { type OpenFeatureResult, openFeatureBenchmark } from './benchmarks/openfeature.ts';
import { type RefreshResult, refreshBenchmark } from './benchmarks/refresh.ts';
import { type StartupResult, startupBenchmark } from './benchmarks/startup.ts';
import type { BenchContext } from './lib/context.ts';
import { prepareTemplate } from './lib/data.ts';
import { cores, describeMachine, pinSelf } from './lib/machine.ts';
import { type BenchOptions, parseOptions, usage } from './lib/options.ts';
import { productionNodeArgs, projectRoot } from './lib/server.ts';
import { round, type Spread } from './lib/stats.ts';

interface Results {
  flagRead?: Omit<FlagReadResult, 'memory'>;
  /** RSS under the flag-read load (measured by the flag-read benchmark). */
  memory?: MemoryResult;
  refresh?: RefreshResult;
  fanout?: FanoutResult;
  crossInstance?: CrossInstanceResult;
  startup?: StartupResult;
  openfeature?: OpenFeatureResult;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(usage);
    return;
  }
  if (options.build) {
    log('building (npm run build)…');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const machine = describeMachine();
  // This process is the HTTP load generator: it stays off the server's core.
  pinSelf(cores.load);
  const startedAt = new Date();
  log(
    `Pennant benchmarks, ${startedAt.toISOString()}\n` +
      `machine: ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}\n` +
      `pinning: ${machine.pinning}\n` +
      `server: node ${[...productionNodeArgs, ...options.serverNodeArgs].join(' ')} dist/src/main.js (as npm run start:prod${options.serverNodeArgs.length > 0 ? ', plus --server-node-args' : ''})\n` +
      `dataset: ${options.size.flags} flags, ${options.size.organizations} organizations, 2 environments, SOME lists up to ${options.size.someMax}\n` +
      `database: ${options.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite, a fresh copy per server'}`,
  );
  if (options.cpuProfileDir) await mkdir(options.cpuProfileDir, { recursive: true });

  log('seeding the template database through the GraphQL API…');
  const template = await prepareTemplate(
    options.databaseUrl ? { kind: 'postgres', adminUrl: options.databaseUrl } : { kind: 'pglite' },
    options.size,
    cores.server,
    log,
  );
  const context: BenchContext = {
    options,
    template,
    log,
    serverExtras: {
      ...(options.cpuProfileDir ? { cpuProfileDir: path.resolve(options.cpuProfileDir) } : {}),
      nodeArgs: options.serverNodeArgs,
    },
  };
  const results: Results = {};
  const failures: string[] = [];
  const attempt = async <K extends Exclude<keyof Results, 'memory'>>(
    name: K,
    title: string,
    run: () => Promise<NonNullable<Results[K]>>,
  ) => {
    if (!options.only.has(name)) return;
    log(`\n${title}`);
    try {
      results[name] = (await run()) as Results[K];
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
      log(`  FAILED: ${(error as Error).stack}`);
    }
  };
  try {
    await attempt('startup', '(5) start-up and idle memory', () => startupBenchmark(context));
    await attempt(
      'flagRead',
      '(1) flag reads (GraphQL, REST, runtime poll) vs bare graphql-yoga',
      async () => {
        const { memory, ...flagRead } = await flagReadBenchmark(context);
        results.memory = memory;
        return flagRead;
      },
    );
    await attempt('refresh', '(2) refreshSession vs crypto-only loop', () => refreshBenchmark(context));
    await attempt('fanout', '(3) fan-out to subscribers on one instance', () => fanoutBenchmark(context));
    await attempt('crossInstance', '(4) fan-out across two instances sharing Redis', () =>
      crossInstanceBenchmark(context),
    );
    await attempt(
      'openfeature',
      '(6) OpenFeature provider: evaluation in-process, change to ConfigurationChanged',
      () => openFeatureBenchmark(context),
    );
  } finally {
    await template.dispose();
  }

  const table = renderTable(results, options, machine.cores);
  process.stdout.write(`\n${table}\n`);
  if (failures.length > 0) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
  if (options.json) {
    const figures = {
      date: startedAt.toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine,
      options: { ...options, only: [...options.only] },
      ...results,
      failures,
    };
    await mkdir(path.dirname(path.resolve(options.json)), { recursive: true });
    await writeFile(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    log(`figures written to ${options.json}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

type Row = [string, string, Spread | number | string | boolean | undefined, string, boolean | undefined];

function format(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(round(value, 2));
}

function renderTable(results: Results, options: BenchOptions, coreCount: number): string {
  const rows: Row[] = [];
  const { flagRead, memory, refresh, fanout, crossInstance, startup, openfeature } = results;
  if (flagRead) {
    rows.push(['flag read', 'ratio to bare yoga', flagRead.ratioSpread, '≥ 0.8', flagRead.ratio >= 0.8]);
    rows.push([
      '',
      'REST /organizations/:id/feature-flags ratio',
      flagRead.rest.ratioSpread,
      '≥ 0.8',
      flagRead.restRatio >= 0.8,
    ]);
    rows.push(['', 'REST req/s', flagRead.rest.pennant.requestsPerSecond, '', undefined]);
    const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
    rows.push([
      '',
      `REST /sdk/feature-flags ratio, gzip as the SDK asks (${kb(flagRead.sdkPollGzipBytes)} answer)`,
      flagRead.sdkPoll.ratioSpread,
      '≥ 0.8',
      flagRead.sdkPollRatio >= 0.8,
    ]);
    rows.push(['', 'runtime poll (gzip) req/s', flagRead.sdkPoll.pennant.requestsPerSecond, '', undefined]);
    rows.push([
      '',
      `runtime poll uncompressed ratio (${kb(flagRead.sdkPollBytes)} answer; brotli ${kb(flagRead.sdkPollBrotliBytes)})`,
      flagRead.sdkPollIdentity.ratioSpread,
      '',
      undefined,
    ]);
    rows.push([
      '',
      'runtime poll uncompressed req/s',
      flagRead.sdkPollIdentity.pennant.requestsPerSecond,
      '',
      undefined,
    ]);
    rows.push([
      '',
      'runtime poll (gzip) with If-None-Match (304) ratio',
      flagRead.sdkPollNotModified.ratioSpread,
      '',
      undefined,
    ]);
    rows.push([
      '',
      'runtime poll 304 req/s',
      flagRead.sdkPollNotModified.pennant.requestsPerSecond,
      '',
      undefined,
    ]);
    rows.push(['', 'Pennant req/s', flagRead.pennant.requestsPerSecond, '', undefined]);
    rows.push([
      '',
      'Pennant p50 / p99 ms',
      `${format(flagRead.pennant.p50Ms.median)} / ${format(flagRead.pennant.p99Ms.median)}`,
      '',
      undefined,
    ]);
    rows.push(['', 'baseline req/s', flagRead.baseline.requestsPerSecond, '', undefined]);
    rows.push([
      '',
      'baseline p50 / p99 ms',
      `${format(flagRead.baseline.p50Ms.median)} / ${format(flagRead.baseline.p99Ms.median)}`,
      '',
      undefined,
    ]);
  }
  if (memory) {
    rows.push(['memory', 'peak RSS ratio to bare yoga', memory.rssRatio, '≤ 2', memory.rssRatio <= 2]);
    rows.push([
      '',
      'Pennant RSS idle / peak / after MB',
      `${format(memory.pennantIdleRssMb)} / ${format(memory.pennantPeakRssMb)} / ${format(memory.pennantAfterLoadRssMb)}`,
      '',
      undefined,
    ]);
    rows.push(['', 'bare yoga peak RSS MB', memory.baselinePeakRssMb, '', undefined]);
  }
  if (refresh) {
    for (const algorithm of refresh.algorithms) {
      const first = algorithm === refresh.algorithms[0];
      rows.push([
        first ? 'refreshSession' : '',
        `${algorithm} ratio to crypto-only`,
        algorithm === 'RS256' ? refresh.ratioSpread : refresh.byAlgorithm[algorithm]?.ratioSpread,
        algorithm === 'RS256' ? '≥ 0.6' : '',
        algorithm === 'RS256' ? refresh.ratio >= 0.6 : undefined,
      ]);
      const figures = refresh.byAlgorithm[algorithm];
      if (!figures) continue;
      rows.push(['', `${algorithm} refreshes/s`, figures.refreshesPerSecond, '', undefined]);
      rows.push([
        '',
        `${algorithm} p50 / p99 ms`,
        `${format(figures.p50Ms.median)} / ${format(figures.p99Ms.median)}`,
        '',
        undefined,
      ]);
      rows.push(['', `${algorithm} crypto-only ops/s`, figures.cryptoPerSecond, '', undefined]);
      rows.push(['', `${algorithm} server CPU ms per refresh`, figures.cpuMsPerRefresh, '', undefined]);
      rows.push(['', `${algorithm} crypto-only CPU ms per op`, figures.cryptoCpuMsPerOp, '', undefined]);
    }
  }
  if (fanout) {
    rows.push([
      'fan-out',
      `delivered (of ${fanout.subscribers})`,
      fanout.deliveredSpread,
      `all`,
      fanout.allDelivered,
    ]);
    rows.push(['', 'delivery p50 ms', fanout.p50MsSpread, '', undefined]);
    rows.push(['', 'delivery p99 ms', fanout.p99MsSpread, '< 250', fanout.p99Ms < 250]);
    rows.push(['', 'delivery max ms', fanout.maxMsSpread, '', undefined]);
    rows.push(['', 'p99 from mutation sent ms', fanout.fromSendP99MsSpread, '', undefined]);
    rows.push(['', 'mutation round trip ms', fanout.mutationMsSpread, '', undefined]);
    rows.push(['', 'CPU per toggle: server ms', fanout.serverCpuMsSpread, '', undefined]);
    rows.push(['', 'CPU per toggle: load processes ms', fanout.loadCpuMsSpread, '', undefined]);
    rows.push([
      '',
      `SOME change: received (expected ${fanout.targetedExpected})`,
      fanout.targetedReceivedSpread,
      'exact',
      fanout.targetedExact,
    ]);
    rows.push([
      '',
      'percentage change 10 % ↔ 20 %: received (expected)',
      `${format(fanout.percentageReceivedSpread.median)} (${format(fanout.percentageExpectedSpread.median)})`,
      'exact',
      fanout.percentageExact,
    ]);
    rows.push([
      '',
      'percentage change delivery p99 ms',
      fanout.percentageP99MsSpread,
      '< 250',
      fanout.percentageP99MsSpread.median < 250,
    ]);
    rows.push([
      '',
      `user target: received (expected ${fanout.userTargetExpected})`,
      fanout.userTargetReceivedSpread,
      'exact',
      fanout.userTargetExact,
    ]);
    rows.push(['', 'server memory per subscriber KB', fanout.memoryPerSubscriberKb, '', undefined]);
    rows.push(['', `connecting ${fanout.subscribers} subscribers s`, fanout.connectSeconds, '', undefined]);
  }
  if (crossInstance) {
    rows.push([
      'two instances',
      'remote extra p99 ms',
      crossInstance.p99ExtraSpread,
      '< 25',
      crossInstance.p99ExtraMs < 25,
    ]);
    rows.push(['', 'remote extra p50 ms', crossInstance.p50ExtraSpread, '', undefined]);
    rows.push([
      '',
      'local p50 / p99 ms',
      `${format(crossInstance.local.p50Ms.median)} / ${format(crossInstance.local.p99Ms.median)}`,
      '',
      undefined,
    ]);
    rows.push([
      '',
      'remote p50 / p99 ms',
      `${format(crossInstance.remote.p50Ms.median)} / ${format(crossInstance.remote.p99Ms.median)}`,
      '',
      undefined,
    ]);
    rows.push([
      '',
      'delivered (of all)',
      `${crossInstance.delivered} / ${crossInstance.subscribers}`,
      'all',
      crossInstance.allDelivered,
    ]);
  }
  if (openfeature) {
    rows.push(['OpenFeature', 'evaluations/s (in-process)', openfeature.evaluationsPerSecond, '', undefined]);
    rows.push(['', 'provider alone calls/s', openfeature.providerCallsPerSecond, '', undefined]);
    rows.push(['', 'plain evaluation calls/s', openfeature.plainCallsPerSecond, '', undefined]);
    rows.push(['', 'plain calls per evaluation', openfeature.plainCallsPerEvaluation, '', undefined]);
    rows.push([
      '',
      `providers that heard a change (of ${openfeature.providers})`,
      openfeature.delivered,
      'all',
      openfeature.delivered === openfeature.providers,
    ]);
    rows.push(['', 'commit to ConfigurationChanged p50 ms', openfeature.p50MsSpread, '', undefined]);
    rows.push(['', 'commit to ConfigurationChanged p99 ms', openfeature.p99MsSpread, '', undefined]);
    rows.push(['', 'commit to ConfigurationChanged max ms', openfeature.maxMsSpread, '', undefined]);
  }
  if (startup) {
    rows.push(['start-up', 'to ready, empty DB ms', startup.emptyMs, '', undefined]);
    rows.push(['', 'to ready, filled DB ms', startup.filledMs, '≤ 2500', startup.readyFilledMs <= 2500]);
    rows.push(['', 'idle RSS, empty DB MB', startup.idleRssEmptyMb, '', undefined]);
    rows.push(['', 'idle RSS, filled DB MB', startup.idleRssFilledMb, '', undefined]);
  }
  const cells = rows.map(([name, metric, value, bar, met]) => {
    let min = '';
    let median = '';
    let max = '';
    if (typeof value === 'number') median = format(value);
    else if (typeof value === 'string') median = value;
    else if (typeof value === 'boolean') median = String(value);
    else if (value) {
      min = format(value.min);
      median = format(value.median);
      max = format(value.max);
    }
    return [name, metric, min, median, max, bar, met === undefined ? '' : met ? 'met' : 'MISSED'];
  });
  const header = ['benchmark', 'measure', 'min', 'median', 'max', 'bar', ''];
  const lines = [header, header.map(() => '---'), ...cells].map((r) => `| ${r.join(' | ')} |`);
  return (
    `${lines.join('\n')}\n\n` +
    `${coreCount} cores; ${options.rounds} rounds; min/median/max over rounds; ` +
    `${options.connections} HTTP connections, ${options.durationSeconds} s per round.`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

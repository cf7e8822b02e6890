import { parseArgs } from 'node:util';
import type { DatasetSize } from './seed.ts';

export const benchmarkNames = [
  'flagRead',
  'refresh',
  'fanout',
  'crossInstance',
  'startup',
  'openfeature',
] as const;
export type BenchmarkName = (typeof benchmarkNames)[number];

export interface BenchOptions {
  quick: boolean;
  size: DatasetSize;
  /** Measured rounds per benchmark (min/median/max are over these). */
  rounds: number;
  /** Seconds of load per round (HTTP benchmarks). */
  durationSeconds: number;
  warmupSeconds: number;
  /** Seconds of refresh load before the refresh benchmark's rounds (its server warms slowly). */
  refreshWarmupSeconds: number;
  /** HTTP connections (flag read, refresh). */
  connections: number;
  /** Distinct sessions the refresh benchmark cycles through. */
  refreshSessions: number;
  subscribers: number;
  subscriberOrganizations: number;
  /** Load processes the subscribers are spread over. */
  subscriberProcesses: number;
  only: Set<BenchmarkName>;
  json: string | undefined;
  cpuProfileDir: string | undefined;
  /** Extra flags for the Pennant servers' `node` (A/B of V8 or Node settings). */
  serverNodeArgs: string[];
  build: boolean;
  /** PostgreSQL for the single-instance benchmarks (default: embedded PGlite). */
  databaseUrl: string | undefined;
  /** PostgreSQL server where the cross-instance benchmark creates (and drops) its database. */
  crossInstancePostgresUrl: string;
  redisUrl: string;
  signingAlgorithms: string[];
}

export const usage = `npm run bench -- [options]

  --quick                 small data and short rounds, for development
  --json FILE             also write the figures as JSON
  --only a,b              some of: ${benchmarkNames.join(', ')}
  --rounds N              measured rounds per benchmark (default 3; quick 2)
  --duration S            seconds per HTTP round (default 10; quick 3)
  --warmup S              seconds of warm-up load (default 5; quick 2)
  --refresh-warmup S      seconds of refresh load before the refresh rounds (default 30; quick 5)
  --connections N         HTTP connections (default 50)
  --flags N --orgs N --some-max N   dataset (default 200, 5000, 500)
  --subscribers N --subscriber-orgs N --subscriber-processes N   fan-out (default 10000, 100, 1)
  --refresh-sessions N    distinct sessions for the refresh benchmark (default 1000; quick 400)
  --algorithms A,B        signing algorithms for refresh (default RS256,ES256,EdDSA)
  --cpu-prof DIR          run the Pennant servers with --cpu-prof, profiles into DIR
  --server-node-args='A B'  extra node flags for the Pennant servers, for A/B runs (with =:
                          the flags start with --, e.g. --server-node-args='--trace-gc')
  --no-build              do not run npm run build first

  DATABASE_URL            PostgreSQL for the single-instance benchmarks instead of PGlite
  BENCH_POSTGRES_URL      PostgreSQL server for the cross-instance benchmark
                          (default postgresql://postgres@127.0.0.1:5432/postgres)
  BENCH_REDIS_URL         Redis for the cross-instance benchmark (default redis://127.0.0.1:6379)
`;

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      only: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'refresh-warmup': { type: 'string' },
      connections: { type: 'string' },
      flags: { type: 'string' },
      orgs: { type: 'string' },
      'some-max': { type: 'string' },
      subscribers: { type: 'string' },
      'subscriber-orgs': { type: 'string' },
      'subscriber-processes': { type: 'string' },
      'refresh-sessions': { type: 'string' },
      algorithms: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'server-node-args': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const number = (raw: string | undefined, fallback: number, quickFallback = fallback): number => {
    if (raw === undefined) return quick ? quickFallback : fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`Not a positive number: ${raw}`);
    return value;
  };
  const only = new Set<BenchmarkName>();
  for (const name of (values.only ?? benchmarkNames.join(',')).split(',')) {
    if (!benchmarkNames.includes(name as BenchmarkName)) throw new Error(`Unknown benchmark ${name}`);
    only.add(name as BenchmarkName);
  }
  return {
    quick,
    size: {
      flags: number(values.flags, 200, 50),
      organizations: number(values.orgs, 5000, 600),
      someMax: number(values['some-max'], 500, 100),
    },
    rounds: number(values.rounds, 3, 2),
    durationSeconds: number(values.duration, 10, 3),
    warmupSeconds: number(values.warmup, 5, 2),
    refreshWarmupSeconds: number(values['refresh-warmup'], 30, 5),
    connections: number(values.connections, 50),
    refreshSessions: number(values['refresh-sessions'], 1000, 400),
    subscribers: number(values.subscribers, 10_000, 1000),
    subscriberOrganizations: number(values['subscriber-orgs'], 100, 20),
    subscriberProcesses: number(values['subscriber-processes'], 1),
    only,
    json: values.json,
    cpuProfileDir: values['cpu-prof'],
    serverNodeArgs: (values['server-node-args'] ?? '').split(' ').filter((arg) => arg.length > 0),
    build: !values['no-build'],
    databaseUrl: process.env.DATABASE_URL || undefined,
    crossInstancePostgresUrl:
      process.env.BENCH_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    signingAlgorithms: (values.algorithms ?? 'RS256,ES256,EdDSA').split(','),
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinned, processCpuMs, residentMb } from './machine.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverEntry = path.join(projectRoot, 'dist/src/main.js');

/**
 * The `node` flags of `npm run start:prod` (`exec node [flags] dist/src/main.js`), so that every
 * benchmark runs the server as production does.
 */
export const productionNodeArgs: string[] = (() => {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  // `exec` (so that npm's signals reach node itself) is the shell's, not a node flag.
  const words = (manifest.scripts['start:prod'] ?? '').trim().split(/\s+/);
  if (words[0] === 'exec') words.shift();
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') {
    throw new Error('package.json start:prod is expected to read `[exec] node [flags] dist/src/main.js`.');
  }
  return words.slice(1, -1);
})();

/** Settings every benchmarked server gets: production mode, quiet logs, long-lived tokens. */
export const benchmarkServerEnv: Record<string, string> = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  // Subscribers connect once with one access token; it must outlive the run.
  PENNANT_ACCESS_TOKEN_TTL: '86400',
  // A fixed cookie password, so the crypto-only baseline seals and unseals with the same one.
  PENNANT_COOKIE_PASSWORD: 'pennant-benchmark-cookie-password-0123456789',
  // One issuer for every instance (the default names the port, and instances share tokens).
  PENNANT_ISSUER: 'http://pennant.bench.localhost',
  // Fixed, so every copy of a seeded data folder (or database) decrypts the same signing keys.
  PENNANT_SECRET: 'pennant-benchmark-server-secret-0123456789',
  // Query limits stay at their defaults. The per-session and per-address rate limits are
  // raised out of the way: every request comes from one address, and the load is the point.
  PENNANT_RATE_LIMIT_CREATE_SESSION: '1000000',
  PENNANT_RATE_LIMIT_REFRESH_SESSION: '1000000',
};

export interface PennantProcess {
  url: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn to the first `200` from `/ready`. */
  startupMs: number;
  /** CPU time (user + system) the server had used when `/ready` first answered 200. */
  startupCpuMs: number;
  /** Everything it wrote so far (standard output and error). */
  output(): string;
  /** API keys printed on the first start of an empty database (empty otherwise). */
  keys: Partial<Record<'sandbox' | 'production', string>>;
  residentMb(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** PGlite data folder (ignored with databaseUrl). */
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  core?: number;
  env?: Record<string, string>;
  /** Write a V8 CPU profile into this folder (`node --cpu-prof`). */
  cpuProfileDir?: string;
  /** Extra flags for `node`. */
  nodeArgs?: string[];
  /** Wait for the first-start API keys on stdout. */
  expectKeys?: boolean;
  /** The script to run instead of dist/src/main.js (e.g. a copy of another build). */
  entry?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const keyPattern = /environment "([a-z0-9-]+)"[^\n]*\n\s*(sk_(?:test|live)_[A-Za-z0-9_-]+)/g;

/** Starts `node dist/src/main.js` as its own process (pinned when possible) and waits for /ready. */
export async function startPennant(options: StartOptions): Promise<PennantProcess> {
  const entry = options.entry ?? serverEntry;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first.`);
  const port = await freePort();
  const nodeArgs = [
    ...productionNodeArgs,
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ...(options.nodeArgs ?? []),
  ];
  const argv = pinned(options.core, [process.execPath, ...nodeArgs, entry]);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...benchmarkServerEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(options.dataDir ? { PENNANT_DATA_DIR: options.dataDir } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  if (!options.redisUrl) delete env.REDIS_URL;
  const started = performance.now();
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });

  const url = `http://127.0.0.1:${port}`;
  let startupMs = Number.NaN;
  let startupCpuMs = Number.NaN;
  for (;;) {
    if (exited !== undefined) throw new Error(`Pennant exited with ${exited} before ready:\n${output}`);
    if (performance.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`Pennant was not ready after 120 s:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/ready`);
      if (response.status === 200) {
        startupMs = performance.now() - started;
        startupCpuMs = processCpuMs(child.pid as number);
        break;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(5);
  }

  const keys: PennantProcess['keys'] = {};
  if (options.expectKeys) {
    const deadline = performance.now() + 30_000;
    while (!(keys.sandbox && keys.production) && performance.now() < deadline) {
      for (const match of output.matchAll(keyPattern)) {
        keys[match[1] as 'sandbox' | 'production'] = match[2];
      }
      await sleep(20);
    }
    if (!(keys.sandbox && keys.production)) throw new Error(`No API keys printed:\n${output}`);
  }

  return {
    url,
    port,
    pid: child.pid as number,
    startupMs,
    startupCpuMs,
    output: () => output,
    keys,
    residentMb: () => residentMb(child.pid as number),
    stop: () => stopChild(child, () => exited !== undefined),
  };
}

async function stopChild(child: ChildProcess, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = sleep(15_000).then(() => 'timeout' as const);
  if ((await Promise.race([done, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await done;
  }
}

/** A temporary folder removed by `dispose()`. */
export async function temporaryDir(prefix: string): Promise<{ path: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { path: dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of a seeded data folder (PGlite serves one process, so each server gets its own). */
export async function copyDataDir(template: string): Promise<{ path: string; dispose(): Promise<void> }> {
  const copy = await temporaryDir('pennant-bench-data-');
  await cp(template, copy.path, { recursive: true });
  return copy;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyMigratedPglite } from './database.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  graphqlUrl: string;
  /** Keys printed on first start, by environment slug. */
  keys: Record<string, string>;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** The JSON log lines written so far, parsed. */
  logs(): Record<string, unknown>[];
  /** Resident set size of the process in bytes (Linux /proc). */
  rss(): Promise<number>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Data folder to use (kept); default a fresh temporary one, removed by `cleanup()`. */
  dataDir?: string;
  /**
   * How long to wait for "Pennant listening on"; by default no bound of its own (a loaded
   * machine may take minutes, and the hook's or test's timeout bounds it). A start that fails
   * still ends the wait at once, through the process's exit.
   */
  startTimeoutMs?: number;
  /** Wait for the keys printed on first start; default true with a fresh data folder. */
  waitForKeys?: boolean;
  /** Extra `node` flags, before the entry point. */
  nodeArgs?: string[];
  /**
   * With a fresh data folder and PGlite: start on a copy of the run's migrated database
   * (default true), or on an empty one that the process migrates itself (false).
   */
  migrated?: boolean;
}

/**
 * Runs `src/main.ts` as its own process (`node --import tsx`, so signals reach the server
 * itself, not a wrapper), on a free port, and waits until it listens. For tests of what only a
 * real process shows: exit codes, signals, stdout logs, memory.
 */
export async function spawnServer(
  options: SpawnOptions = {},
): Promise<ServerProcess & { cleanup(): Promise<void> }> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'pennant-proc-')));
  const ownsDataDir = options.dataDir === undefined;
  if (ownsDataDir && !options.env?.DATABASE_URL && options.migrated !== false) {
    await copyMigratedPglite(path.join(dataDir, 'pgdata'));
  }
  const child = spawnMain(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      PENNANT_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    options.nodeArgs,
  );
  const output = collectOutput(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const timer =
      options.startTimeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              reject(
                new Error(
                  `server did not start in time.\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`,
                ),
              ),
            options.startTimeoutMs,
          );
    const check = () => {
      const match = /Pennant listening on (http:\/\/[^\s"/]+)\/graphql/.exec(output.stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `server exited (${code ?? signal}) before listening.\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`,
        ),
      );
    });
  });
  // A server that never listened leaves nothing behind: no process, no data folder.
  const url = await listening.catch(async (error: unknown) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  // The first-start keys follow the listening line (a reused data folder may have none).
  const deadline = Date.now() + (options.dataDir ? 1500 : 10_000);
  while ((options.waitForKeys ?? true) && Date.now() < deadline && !/sk_live_\S+/.test(output.stdout)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const keys: Record<string, string> = {};
  for (const match of output.stdout.matchAll(/environment "([^"]+)" \(shown once[^\n]*\n\s+(sk_\S+)/g)) {
    keys[match[1]!] = match[2]!;
  }
  const pid = child.pid!;
  const server = {
    child,
    pid,
    url,
    graphqlUrl: `${url}/graphql`,
    keys,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    logs: () => parseLogLines(output.stdout),
    rss: () => rssOf(pid),
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * The environment of a CLI child (`npm run …`, `npm start`): this process's, without its
 * database or port settings (the child uses its own data folder), logging at info, plus `env`.
 */
export function cliChildEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, PORT: _port, TEST_DATABASE_URL: _test, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'info', NODE_ENV: 'test', ...env };
}

/**
 * Data folders that each start as a copy of the run's migrated database, with no API key and no
 * operator in it yet (migrating from nothing is tested by migrations and lean-start);
 * `removeAll()` deletes them.
 */
export function migratedDataDirs(prefix: string): { fresh(): Promise<string>; removeAll(): Promise<void> } {
  const folders: string[] = [];
  return {
    async fresh() {
      const dir = await mkdtemp(path.join(tmpdir(), prefix));
      folders.push(dir);
      await copyMigratedPglite(path.join(dir, 'pgdata'));
      return dir;
    },
    async removeAll() {
      for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `node --import tsx src/main.ts` with the given environment added to this one's PATH etc. */
export function spawnMain(env: Record<string, string | undefined>, nodeArgs: string[] = []): ChildProcess {
  const base: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME };
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `src/main.ts` until it exits (a configuration error) and returns its exit code and output. */
export async function runMainUntilExit(
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnMain(env);
  const output = collectOutput(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

/** Everything a child writes, as it arrives. */
function collectOutput(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  return output;
}

export function parseLogLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kilobytes * 1024;
}

/** POSTs a GraphQL document and returns status, headers and parsed body. */
export async function postGraphQL(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: never;
  try {
    parsed = JSON.parse(text) as never;
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export interface SeededSession {
  organizationId: string;
  userId: string;
  sealedSession: string;
  accessToken: string;
  refreshToken: string;
}

/** Creates an organization, a user, a membership and a session through the API. */
export async function seedSession(
  graphqlUrl: string,
  apiKey: string,
  label = 'Acme',
  headers: Record<string, string> = {},
): Promise<SeededSession> {
  const auth = { ...headers, authorization: `Bearer ${apiKey}` };
  const call = async (query: string, variables: Record<string, unknown>) => {
    const { body } = await postGraphQL(graphqlUrl, { query, variables }, auth);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as Record<string, Record<string, Record<string, string>>>;
  };
  const suffix = Math.random().toString(36).slice(2, 10);
  const organization = await call(
    'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }',
    { input: { name: `${label} ${suffix}` } },
  );
  const organizationId = organization.createOrganization!.organization!.id!;
  const user = await call(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
    {
      input: { email: `user-${suffix}@example.com` },
    },
  );
  const userId = user.createUser!.user!.id!;
  await call(
    'mutation($input: CreateOrganizationMembershipInput!) { createOrganizationMembership(input: $input) { __typename } }',
    { input: { userId, organizationId } },
  );
  const session = await call(
    'mutation($input: CreateSessionInput!) { createSession(input: $input) { sealedSession accessToken refreshToken } }',
    { input: { userId, organizationId } },
  );
  const created = session.createSession as unknown as Omit<SeededSession, 'organizationId' | 'userId'>;
  return { organizationId, userId, ...created };
}

/** The PostgreSQL server binaries (Debian's layout), or undefined on a machine without them. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  try {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = path.join(root, version, 'bin');
      if (existsSync(path.join(dir, 'initdb'))) return dir;
    }
  } catch {
    // no PostgreSQL installed
  }
  return undefined;
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('error', (error) => resolve({ code: -1, output: String(error) }));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on its own port, that a test may stop
 * and start (never the machine's shared server). initdb refuses to run as root, so as root the
 * cluster belongs to the `postgres` user.
 */
export class ThrowawayPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly binDir: string,
    private readonly asUser: string | undefined,
  ) {}

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(port: number): Promise<ThrowawayPostgres> {
    const binDir = postgresBinDir();
    if (!binDir) throw new Error('PostgreSQL server binaries not found');
    const dir = await mkdtemp(path.join(tmpdir(), 'pennant-pg-'));
    const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (asUser) await run('chown', [asUser, dir]);
    const cluster = new ThrowawayPostgres(dir, port, binDir, asUser);
    const init = await cluster.pg('initdb', [
      '-D',
      path.join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    if (init.code !== 0) throw new Error(`initdb failed: ${init.output}`);
    await cluster.start();
    return cluster;
  }

  private pg(program: string, args: string[]) {
    const binary = path.join(this.binDir, program);
    return this.asUser ? run('runuser', ['-u', this.asUser, '--', binary, ...args]) : run(binary, args);
  }

  async start(): Promise<void> {
    const result = await this.pg('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'start',
    ]);
    if (result.code !== 0) throw new Error(`pg_ctl start failed: ${result.output}`);
  }

  /** `fast` disconnects clients and shuts down cleanly; `immediate` is like a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate');
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * The JavaScript heap a server process uses right after a full garbage collection, read through
 * the inspector of a process spawned with `nodeArgs: ['--inspect=127.0.0.1:0']`: what it holds,
 * not what it has not yet collected.
 */
export async function heapUsedAfterGc(server: ServerProcess): Promise<number> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.stderr())?.[1];
  if (!url) throw new Error('the server was not started with --inspect');
  const { WebSocket } = await import('ws');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (data: unknown) => {
        const message = JSON.parse(String(data)) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const { result } = (await call('Runtime.evaluate', {
      expression: 'process.memoryUsage().heapUsed',
      returnByValue: true,
    })) as { result?: { value?: number } };
    if (typeof result?.value !== 'number') throw new Error('no heapUsed from the inspector');
    return result.value;
  } finally {
    socket.close();
  }
}

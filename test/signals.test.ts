import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyMigratedPglite } from './helpers/database.ts';

/**
 * `npm start` as a process supervisor runs it: the supervisor signals npm's own process, and the
 * server behind it must stop gracefully, npm must exit with the server's code (0), and nothing
 * may be left holding the port or the data folder.
 */

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every process below `pid` (Linux /proc), deepest last. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const started: { child: ChildProcess; dataDir: string }[] = [];
afterEach(async () => {
  for (const { child, dataDir } of started.splice(0)) {
    for (const pid of descendants(child.pid ?? 0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function npmStart(): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-signals-'));
  // Starts on a copy of the run's migrated database: what is tested is the stop, not the start.
  await copyMigratedPglite(path.join(dataDir, 'pgdata'));
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      PENNANT_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, dataDir });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen in time:\n${output}`)), 90_000);
    const check = () => {
      if (/sk_live_\S+/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return { child, port, output: () => output };
}

describe('npm start under a supervisor', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to npm stops the server gracefully: exit 0, port free, no process left',
    { timeout: 150_000 },
    async (signal) => {
      const { child, port, output } = await npmStart();
      expect(await portAccepts(port)).toBe(true);
      const below = descendants(child.pid ?? 0);
      expect(below.length).toBeGreaterThan(0);

      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
      );
      child.kill(signal);
      expect(await exit).toEqual({ code: 0, signal: null });

      expect(output()).toContain('shutting down');
      expect(await portAccepts(port)).toBe(false);
      expect(below.filter(isAlive)).toEqual([]);
    },
  );

  it('start:prod runs node itself in place of the shell, as start does', () => {
    // The compiled server needs a build; what makes signals reach it is the same `exec node`
    // as `npm start`'s, checked above end to end.
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toMatch(/^exec node /);
    expect(scripts['start:prod']).toMatch(/^exec node .*dist\/src\/main\.js$/);
  });
});

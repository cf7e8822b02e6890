import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { type DatabaseTarget, openDatabase } from '../src/db/client.ts';
import { applyPendingMigrations, readMigrationList, schemaEngineLoads } from '../src/db/migrations.ts';
import { copyMigratedPglite, createTestDatabase, testDatabaseUrl } from './helpers/database.ts';
import { spawnServer } from './helpers/process.ts';
import { startTestServer } from './helpers/server.ts';

/** `npm run db:migrate` in its own process, as an operator would run it before starting. */
function migrateInAnotherProcess(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`db:migrate exited ${code}`)),
    ),
  );
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * A database migrated by `npm run db:migrate` in another process: a copy of the run's template
 * (test/helpers/global-setup.ts migrates it with that script), or migrated here the same way.
 */
async function migratedDatabase(kind: 'pglite' | 'postgres'): Promise<DatabaseTarget> {
  if (kind === 'postgres') {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    if (!database.migrated) {
      expect(await migrateInAnotherProcess({ DATABASE_URL: database.url })).toContain('Applied');
    }
    return { kind: 'postgres', url: database.url };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-lean-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  if (!(await copyMigratedPglite(path.join(dataDir, 'pgdata')))) {
    expect(await migrateInAnotherProcess({ PENNANT_DATA_DIR: dataDir })).toContain('Applied');
  }
  return loadConfig({ PENNANT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }).database;
}

describe('migrations at start', () => {
  it('a server that migrates a new database does it in a worker thread: the engine never stays in its own', async () => {
    // Before the test below loads the engine in this process on purpose. An empty data folder
    // (named by the test, so not a copy of the migrated template): every migration is pending.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-lean-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // Counted from here: other files of this worker may have loaded it before (isolate: false).
    const loadsBefore = schemaEngineLoads();
    const server = await startTestServer({ env: { PENNANT_DATA_DIR: dataDir, DATABASE_URL: '' } });
    try {
      const response = await fetch(`${server.url}/ready`);
      expect(response.status).toBe(200);
      // The migrations were applied (the server answers), by an engine this thread never loaded.
      expect(schemaEngineLoads()).toBe(loadsBefore);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('with nothing pending, the schema engine is never loaded; a changed migration still goes to it', async () => {
    const loadsBefore = schemaEngineLoads();
    const targets: DatabaseTarget[] = [await migratedDatabase('pglite')];
    if (testDatabaseUrl) targets.push(await migratedDatabase('postgres'));
    for (const target of targets) {
      const database = await openDatabase(target);
      try {
        expect(await applyPendingMigrations(database.adapterFactory)).toEqual([]);
      } finally {
        await database.close();
      }
    }
    // One query read `_prisma_migrations`: the 5 MB WebAssembly engine stayed out of memory.
    expect(schemaEngineLoads()).toBe(loadsBefore);

    // A recorded checksum that differs from the shipped migration.sql: not "up to date" by the
    // quick check, so the engine (which knows every rule of Prisma's history) decides.
    const database = await openDatabase(targets[0] as DatabaseTarget);
    try {
      const [first] = (await readMigrationList()).migrationDirectories;
      await database.prisma.$executeRawUnsafe(
        `UPDATE _prisma_migrations SET checksum = 'changed' WHERE migration_name = '${first?.path}'`,
      );
      await applyPendingMigrations(database.adapterFactory).catch(() => []);
      expect(schemaEngineLoads()).toBe(loadsBefore + 1);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('the server process, restarted with nothing to migrate, serves reads from the moment it listens', async () => {
    // main.ts opens the database while the rest of the server loads (BENCHMARKS.md, "Start-up").
    const databases: Record<string, string | undefined>[] = [{}];
    if (testDatabaseUrl) {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      databases.push({ DATABASE_URL: database.url });
    }
    for (const env of databases) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-lean-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      // Migrated already (the test above migrates from nothing): the first start makes the keys.
      if (!env.DATABASE_URL) await copyMigratedPglite(path.join(dataDir, 'pgdata'));
      const first = await spawnServer({ dataDir, env });
      // The first start's keys follow its listening line.
      for (let waited = 0; waited < 30_000 && !/sk_test_\S+/.test(first.stdout()); waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const key = /sk_test_\S+/.exec(first.stdout())?.[0];
      expect(key).toBeDefined();
      await first.stop();
      const second = await spawnServer({ dataDir, env, waitForKeys: false });
      try {
        const [ready, flags] = await Promise.all([
          fetch(`${second.url}/ready`),
          fetch(`${second.url}/feature-flags`, { headers: { authorization: `Bearer ${key}` } }),
        ]);
        expect(ready.status).toBe(200);
        expect(flags.status).toBe(200);
        expect(await flags.json()).toMatchObject({ object: 'list', data: [] });
        const listening = second.logs().find((line) => typeof line.startupMs === 'object');
        expect(listening?.startupCpuMs).toBeGreaterThan(0);
        // No migration ran: nothing was applied on this start.
        expect(second.logs().some((line) => line.msg === 'applied database migrations')).toBe(false);
      } finally {
        await second.cleanup();
        await first.cleanup();
      }
    }
  }, 240_000);
});

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { makeDataFolderPrivate } from '../../src/security/data-folder.ts';
import { inputsDigest, projectRoot, testCacheDir } from './inputs-digest.ts';

/**
 * What the migrated PGlite folder is made from: the migrations, the code that opens the database
 * and applies them, and the installed PGlite and Prisma (the lock file).
 */
const templateInputs = {
  folders: ['prisma', 'src/db'],
  files: ['package-lock.json', 'scripts/db-migrate.ts', 'src/config.ts', 'src/security/data-folder.ts'],
};

/**
 * Vitest's global setup: one migrated database for the whole run, before any test file starts.
 * Each file's server then starts on a copy of it (test/helpers/database.ts), so that no file
 * pays for PGlite's initdb and the schema engine, yet every file has a database of its own. On
 * PostgreSQL (TEST_DATABASE_URL) the template is a database of the shared server with a random
 * name, dropped at the end; on PGlite, a data folder kept in the test cache.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
  // A PGlite template on every run: on PostgreSQL too, the server processes that tests spawn
  // without DATABASE_URL open PGlite, and would otherwise each migrate one from nothing.
  const pglite = async () => ({ pgdata: path.join(await migratedPgliteFolder(), 'pgdata') });
  if (testDatabaseUrl) {
    const name = `pennant_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(testDatabaseUrl, `CREATE DATABASE ${name}`);
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${name}`;
    const drop = () => adminQuery(testDatabaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    try {
      const [, pgliteTemplate] = await Promise.all([migrate({ DATABASE_URL: url.toString() }), pglite()]);
      project.provide('migratedPglite', pgliteTemplate);
    } catch (error) {
      await drop();
      throw error;
    }
    // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template: the
    // migrating process has exited, and nothing else ever connects to it.
    project.provide('migratedTemplate', { kind: 'postgres', database: name });
    return drop;
  }
  const pgliteTemplate = await pglite();
  project.provide('migratedPglite', pgliteTemplate);
  project.provide('migratedTemplate', { kind: 'pglite', ...pgliteTemplate });
  return async () => {};
}

/**
 * A migrated PGlite data folder, kept in the test cache under the digest of what it is made
 * from: PGlite's initdb and the migrations cost ~15 s of CPU, paid once until a migration, the
 * code or the lock file changes. Tests only ever copy it. Made in a folder of its own and then
 * renamed into place, so that a run stopped half-way, or two runs at once, never leave or use a
 * half-made one.
 */
async function migratedPgliteFolder(): Promise<string> {
  const digest = await inputsDigest(templateInputs);
  const folder = path.join(testCacheDir, `pglite-template-${digest.slice(0, 16)}`);
  if (existsSync(folder)) return folder;
  await mkdir(testCacheDir, { recursive: true });
  const making = await mkdtemp(path.join(testCacheDir, 'pglite-template-making-'));
  try {
    await migrate({ PENNANT_DATA_DIR: making });
    // As the server leaves its data folder, so that each copy's first start has nothing to change.
    await makeDataFolderPrivate(making);
    await rename(making, folder);
    await removeOlderTemplates(folder);
  } catch (error) {
    await rm(making, { recursive: true, force: true });
    // Another run made it meanwhile: use theirs.
    if (existsSync(folder)) return folder;
    throw error;
  }
  return folder;
}

/**
 * `npm run db:migrate`'s script in its own process: Vite's module runner, which loads this
 * file, cannot load the schema engine (no `import.meta.resolve`), and an operator migrates
 * the same way.
 */
function migrate(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`db:migrate exited ${code}:\n${output}`)),
    );
  });
}

/** The templates of earlier inputs: each is tens of megabytes, and nothing will use them again. */
async function removeOlderTemplates(current: string): Promise<void> {
  for (const name of await readdir(testCacheDir)) {
    const folder = path.join(testCacheDir, name);
    if (/^pglite-template-[0-9a-f]{16}$/.test(name) && folder !== current) {
      await rm(folder, { recursive: true, force: true });
    }
  }
}

async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

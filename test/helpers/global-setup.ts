import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { makeDataFolderPrivate } from '../../src/security/data-folder.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Vitest's global setup: migrates one database for the whole run, before any test file starts.
 * Each file's server then starts on a copy of it (test/helpers/database.ts), so that no file
 * pays for PGlite's initdb and the schema engine again, yet every file still has a database
 * of its own. On PostgreSQL (TEST_DATABASE_URL) the template is a database of the shared
 * server with a random name, dropped at the end; on PGlite, a data folder in the temp folder.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
  // A PGlite template on every run: on PostgreSQL too, the server processes that tests spawn
  // without DATABASE_URL open PGlite, and would otherwise each migrate one from nothing.
  const dir = await mkdtemp(path.join(tmpdir(), 'pennant-template-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  const pglite = async () => {
    await migrate({ PENNANT_DATA_DIR: dir });
    // As the server leaves its data folder, so that each copy's first start has nothing to change.
    await makeDataFolderPrivate(dir);
    return { pgdata: path.join(dir, 'pgdata') };
  };
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
      await Promise.all([drop(), removeDir()]);
      throw error;
    }
    // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template: the
    // migrating process has exited, and nothing else ever connects to it.
    project.provide('migratedTemplate', { kind: 'postgres', database: name });
    return async () => {
      await Promise.all([drop(), removeDir()]);
    };
  }
  const pgliteTemplate = await pglite();
  project.provide('migratedPglite', pgliteTemplate);
  project.provide('migratedTemplate', { kind: 'pglite', ...pgliteTemplate });
  return removeDir;
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

async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

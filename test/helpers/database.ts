import { randomBytes } from 'node:crypto';
import { cp } from 'node:fs/promises';
import pg from 'pg';
import { inject, type ProvidedContext } from 'vitest';

/**
 * When TEST_DATABASE_URL names a PostgreSQL server, each test file gets its own fresh database
 * there (dropped afterwards); otherwise tests use embedded PGlite.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Made once per run by test/helpers/global-setup.ts: a database with every migration
     * applied and nothing else, that each test file copies instead of migrating its own.
     */
    migratedTemplate: { kind: 'postgres'; database: string } | { kind: 'pglite'; pgdata: string } | null;
    /**
     * A migrated PGlite data folder, made on every run (on PostgreSQL too, for the server
     * processes that tests spawn on PGlite).
     */
    migratedPglite: { pgdata: string } | null;
  }
}

/**
 * The migrated template of this run, or null when there is none (a test run without the
 * global setup, e.g. another config): then each database is migrated when its server starts,
 * as before, only slower.
 */
function migratedTemplate(): ProvidedContext['migratedTemplate'] {
  try {
    return inject('migratedTemplate') ?? null;
  } catch {
    return null;
  }
}

/**
 * A new PostgreSQL database of the file's own, dropped by `drop()`. With `migrated` (the
 * default) it is a copy of the run's migrated template (`CREATE DATABASE … TEMPLATE`, a file
 * copy on the server), so the server that opens it has nothing to migrate; without, it is empty.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<{
  url: string;
  drop(): Promise<void> /** Whether it is a copy of the template. */;
  migrated: boolean;
}> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `pennant_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated === false ? null : migratedTemplate();
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(
      template?.kind === 'postgres'
        ? `CREATE DATABASE ${name} TEMPLATE ${template.database}`
        : `CREATE DATABASE ${name}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    migrated: template?.kind === 'postgres',
    async drop() {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Copies the run's migrated PGlite data folder to `pgdata` (which must not exist yet); false
 * when there is no PGlite template, and then the server migrates an empty database itself.
 * Opening a copy skips both PGlite's initdb and the migrations, most of a server's start.
 */
export async function copyMigratedPglite(pgdata: string): Promise<boolean> {
  let template: ProvidedContext['migratedPglite'];
  try {
    template = inject('migratedPglite') ?? null;
  } catch {
    template = null;
  }
  if (!template) return false;
  await cp(template.pgdata, pgdata, { recursive: true, errorOnExist: true, force: false });
  return true;
}

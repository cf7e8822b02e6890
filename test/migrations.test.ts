import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, diffMigrationsToSchema, readMigrationList } from '../src/db/migrations.ts';
import { createTestDatabase, testDatabaseUrl } from './helpers/database.ts';

describe('migrations', () => {
  const opened: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of opened.reverse()) await close();
  });

  it('produce exactly what prisma/schema.prisma describes', async () => {
    const pglite = new PGlite();
    opened.push(() => pglite.close());
    const drift = await diffMigrationsToSchema(new PrismaPGlite(pglite));
    expect(
      drift,
      'prisma/schema.prisma and prisma/migrations differ: run `npm run db:migration -- <name>` and commit it',
    ).toBe('');
    // The schema engine builds a shadow database from nothing: slow on a busy machine.
  }, 120_000);

  it('are in Prisma’s layout, with a lock file for postgresql', async () => {
    const list = await readMigrationList();
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const directory of list.migrationDirectories) {
      expect(directory.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(directory.migrationFile.content.value.trim()).not.toBe('');
    }
    expect(list.lockfile.content).toContain('provider = "postgresql"');
  });

  it('apply once, then are a no-op (PGlite)', async () => {
    const pglite = new PGlite();
    opened.push(() => pglite.close());
    const adapter = new PrismaPGlite(pglite);
    const names = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(await applyPendingMigrations(adapter)).toEqual(names);
    expect(await applyPendingMigrations(adapter)).toEqual([]);
    const recorded = await pglite.query<{ migration_name: string; finished_at: Date | null }>(
      'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(names);
    expect(recorded.rows.every((r) => r.finished_at !== null)).toBe(true);
  }, 120_000);

  it.skipIf(!testDatabaseUrl)('apply once, then are a no-op (PostgreSQL, TEST_DATABASE_URL)', async () => {
    const database = await createTestDatabase({ migrated: false });
    opened.push(() => database.drop());
    const adapter = new PrismaPg({ connectionString: database.url });
    const names = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(await applyPendingMigrations(adapter)).toEqual(names);
    expect(await applyPendingMigrations(adapter)).toEqual([]);
  });
});

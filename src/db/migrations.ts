import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Prisma's CLI needs a native schema engine that cannot be downloaded on machines without
 * internet, so Pennant drives the same engine compiled to WebAssembly through the driver adapter
 * it already uses. Migrations keep Prisma's layout and are recorded in `_prisma_migrations`, so
 * the native CLI (`prisma migrate status|deploy`) still understands a database migrated here.
 */

// src/db in development (tsx), dist/src/db in the production build (`npm run build`): either
// way the project root is the nearest folder above that holds prisma/.
const twoUp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const projectRoot = existsSync(path.join(twoUp, 'prisma')) ? twoUp : path.dirname(twoUp);
export const prismaSchemaPath = path.join(projectRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma/migrations');
const lockfileName = 'migration_lock.toml';
const noFilters = { externalTables: [], externalEnums: [] };

type SchemaEngineGlue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
type SchemaEngine = import('@prisma/schema-engine-wasm').SchemaEngine;

// Node has WebAssembly, but its type lives in lib.dom, which this project does not load.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let schemaEngineLoadCount = 0;

/** How many times this process loaded the schema engine: 0 or 1 (for tests and diagnostics). */
export function schemaEngineLoads(): number {
  return schemaEngineLoadCount;
}

let gluePromise: Promise<SchemaEngineGlue> | undefined;

/**
 * The engine, compiled and instantiated once per process. Its glue keeps the instance in
 * module-level variables, so it is not reclaimed after use: about 40 MB of RSS on this machine.
 * That is why `applyPendingMigrations` loads it only when a migration is pending (run
 * `npm run db:migrate` before starting, and the server never loads it).
 */
function loadSchemaEngineWasm(): Promise<SchemaEngineGlue> {
  gluePromise ??= (async () => {
    schemaEngineLoadCount++;
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    // The package exports only the JS glue; the .wasm file sits beside it.
    const gluePath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports as never);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine, datamodel: string) => Promise<T>,
): Promise<T> {
  const glue = await loadSchemaEngineWasm();
  const datamodel = await readFile(prismaSchemaPath, 'utf8');
  const engineLog: string[] = [];
  const engine = (await glue.SchemaEngine.new(
    { datamodels: [[prismaSchemaPath, datamodel]] },
    (message: string) => engineLog.push(message),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  )) as SchemaEngine;
  try {
    return await run(engine, datamodel);
  } finally {
    engine.free();
  }
}

/** Reads `prisma/migrations` into the shape the schema engine expects. */
export async function readMigrationList(dir = migrationsDir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok' as const,
          value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8'),
        },
      },
    })),
  );
  const lockfileContent = await readFile(path.join(dir, lockfileName), 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: lockfileName, content: lockfileContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** What `_prisma_migrations` says of one migration. */
interface AppliedMigration {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

/**
 * The migrations recorded in `_prisma_migrations`, read through the driver adapter with one
 * query; null when the table does not exist yet (a new database).
 */
async function readAppliedMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<AppliedMigration[] | null> {
  const adapter = await adapterFactory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished,
                   rolled_back_at IS NOT NULL AS rolled_back
            FROM _prisma_migrations`,
      args: [],
      argTypes: [],
    });
    return result.rows.map((row) => ({
      name: String(row[0]),
      checksum: String(row[1]),
      finished: row[2] === true,
      rolledBack: row[3] === true,
    }));
  } catch {
    // No table (or no permission to read it): let the schema engine decide.
    return null;
  } finally {
    await adapter.dispose();
  }
}

/**
 * Whether the database already holds exactly the shipped migrations, applied and unchanged (the
 * checksum Prisma records is the SHA-256 of migration.sql), and nothing failed or unknown: then
 * there is nothing for the schema engine to do.
 */
function upToDate(
  shipped: Awaited<ReturnType<typeof readMigrationList>>,
  applied: readonly AppliedMigration[],
): boolean {
  const recorded = new Map<string, AppliedMigration>();
  for (const row of applied) {
    if (row.rolledBack) continue;
    // A failed (unfinished) migration, or one this build does not ship: the engine reports it.
    if (!row.finished) return false;
    recorded.set(row.name, row);
  }
  if (recorded.size !== shipped.migrationDirectories.length) return false;
  return shipped.migrationDirectories.every((directory) => {
    const row = recorded.get(directory.path);
    return row !== undefined && row.checksum === hash('sha256', directory.migrationFile.content.value);
  });
}

/**
 * Applies pending migrations; returns the names of those applied now (empty when up to date).
 *
 * Why the check first: the schema engine is a 5 MB WebAssembly module whose compilation costs
 * about a second of start-up and whose memory stays for the life of the process; with
 * nothing to migrate (every start but the first after an upgrade) one query answers instead.
 */
export async function applyPendingMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  /** Only the migrations up to this one (tests build a database as an older version had it). */
  options: { through?: string } = {},
): Promise<string[]> {
  const migrationsList = await shippedMigrations(options.through);
  if (!(await migrationsPending(adapterFactory, migrationsList))) return [];
  return withSchemaEngine(adapterFactory, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: noFilters,
    });
    return appliedMigrationNames;
  });
}

async function shippedMigrations(through?: string) {
  const all = await readMigrationList();
  return through === undefined
    ? all
    : { ...all, migrationDirectories: all.migrationDirectories.filter((d) => d.path <= through) };
}

/** Whether the schema engine has anything to do: one query, no engine. */
export async function migrationsPending(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsList?: Awaited<ReturnType<typeof readMigrationList>>,
): Promise<boolean> {
  const shipped = migrationsList ?? (await shippedMigrations());
  const applied = await readAppliedMigrations(adapterFactory);
  return !(applied && upToDate(shipped, applied));
}

/**
 * The SQL that would take a database migrated with the committed migrations to what
 * `schema.prisma` describes. Empty when they agree. Uses the adapter's shadow database.
 */
export async function diffMigrationsToSchema(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string> {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(adapterFactory, async (engine, datamodel) => {
    const from =
      migrationsList.migrationDirectories.length === 0
        ? { tag: 'empty' as const }
        : { tag: 'migrations' as const, ...migrationsList };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: prismaSchemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = result.stdout ?? '';
    return /^\s*(--[^\n]*\n?\s*)*$/.test(sql) ? '' : sql;
  });
}

export const migrationLockfile = {
  name: lockfileName,
  content:
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
};

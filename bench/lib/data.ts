import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Dataset, type DatasetSize, seedDataset } from './seed.ts';
import { copyDataDir, type StartOptions, startPennant, temporaryDir } from './server.ts';

/** Where a benchmark's server keeps its data: a copy of the seeded template, disposable. */
export interface DataInstance {
  start: Pick<StartOptions, 'dataDir' | 'databaseUrl'>;
  dispose(): Promise<void>;
}

/**
 * A database filled once per run; every benchmark starts its server on a fresh copy of it, so
 * one benchmark's writes (sessions, toggles) never reach another. PGlite: a copied data folder.
 * PostgreSQL: `CREATE DATABASE … TEMPLATE`, dropped afterwards.
 */
export interface SeededTemplate {
  kind: 'pglite' | 'postgres';
  dataset: Dataset;
  /** Start-up of the server that created the template, on an empty database. */
  emptyStartupMs: number;
  instance(): Promise<DataInstance>;
  dispose(): Promise<void>;
}

export async function prepareTemplate(
  target: { kind: 'pglite' } | { kind: 'postgres'; adminUrl: string },
  size: DatasetSize,
  core: number | undefined,
  log: (line: string) => void,
): Promise<SeededTemplate> {
  if (target.kind === 'pglite') {
    const dir = await temporaryDir('pennant-bench-template-');
    const server = await startPennant({ dataDir: dir.path, core, expectKeys: true });
    log(`  template: embedded PGlite in ${dir.path}, ready in ${Math.round(server.startupMs)} ms; seeding…`);
    const dataset = await seedDataset(server.url, server.keys as Dataset['keys'], size);
    log(`  seeded in ${(dataset.seedMs / 1000).toFixed(1)} s`);
    await server.stop();
    return {
      kind: 'pglite',
      dataset,
      emptyStartupMs: server.startupMs,
      async instance() {
        const copy = await copyDataDir(dir.path);
        return { start: { dataDir: copy.path }, dispose: copy.dispose };
      },
      dispose: dir.dispose,
    };
  }

  const postgres = postgresAdmin(target.adminUrl);
  const templateName = await postgres.create();
  const dir = await temporaryDir('pennant-bench-template-');
  const server = await startPennant({
    dataDir: dir.path,
    databaseUrl: postgres.urlOf(templateName),
    core,
    expectKeys: true,
  });
  log(
    `  template: PostgreSQL database ${templateName}, ready in ${Math.round(server.startupMs)} ms; seeding…`,
  );
  const dataset = await seedDataset(server.url, server.keys as Dataset['keys'], size);
  log(`  seeded in ${(dataset.seedMs / 1000).toFixed(1)} s`);
  await server.stop();
  return {
    kind: 'postgres',
    dataset,
    emptyStartupMs: server.startupMs,
    async instance() {
      const name = await postgres.create(templateName);
      const data = await temporaryDir('pennant-bench-data-');
      return {
        start: { databaseUrl: postgres.urlOf(name), dataDir: data.path },
        async dispose() {
          await postgres.drop(name);
          await data.dispose();
        },
      };
    },
    async dispose() {
      await postgres.drop(templateName);
      await dir.dispose();
    },
  };
}

/** Creates and drops the run's databases on a PostgreSQL server. */
export function postgresAdmin(adminUrl: string) {
  async function run(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  return {
    urlOf(name: string): string {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async create(template?: string): Promise<string> {
      const name = `pennant_bench_${randomBytes(5).toString('hex')}`;
      await run(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      return name;
    },
    async drop(name: string): Promise<void> {
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

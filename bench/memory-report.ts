/**
 * Where a started server's memory goes: `node --expose-gc --import tsx bench/memory-report.ts`
 * with the server's usual environment (PENNANT_DATA_DIR or DATABASE_URL). Starts the app in
 * this process, lets it settle, collects garbage, and prints process.memoryUsage(), V8's heap
 * spaces and the database's own settings that size its memory. `--heap-snapshot FILE` also
 * writes a heap snapshot to open in Chrome's DevTools. Figures go to BENCHMARKS.md.
 */

/**
 * Where a started server's memory goes: `node --expose-gc --import tsx bench/memory-report.ts`
 * with the server's usual environment (PENNANT_DATA_DIR or DATABASE_URL). Starts the app in
 * this process, lets it settle, collects garbage, and prints process.memoryUsage(), V8's heap
 * spaces and the database's own settings that size its memory. `--heap-snapshot FILE` also
 * writes a heap snapshot to open in Chrome's DevTools. Figures go to BENCHMARKS.md.
 */
import v8, { writeHeapSnapshot } from 'node:v8';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { prisma } from '../src/db/index.ts';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function usage(label: string): void {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(
    `${label}: rss ${mb(rss)} MB, heap ${mb(heapUsed)} / ${mb(heapTotal)} MB, external ${mb(external)} MB (array buffers and WebAssembly memories ${mb(arrayBuffers)} MB)\n`,
  );
}

const gc = (globalThis as { gc?: () => void }).gc;
usage('before start');
const app = buildApp({ ...loadConfig(), port: 0 });
const running = await app.start();
process.stdout.write(`started: ${JSON.stringify(running.startupMs)}\n`);
await new Promise((resolve) => setTimeout(resolve, 2000));
gc?.();
usage('started, after GC');
for (const space of v8.getHeapSpaceStatistics()) {
  if (space.space_size > 1024 * 1024) {
    process.stdout.write(
      `  V8 ${space.space_name}: ${mb(space.space_used_size)} / ${mb(space.space_size)} MB\n`,
    );
  }
}
const settings = await prisma.$queryRaw<{ name: string; setting: string; unit: string | null }[]>`
  SELECT name, setting, unit FROM pg_settings
  WHERE name IN ('shared_buffers', 'work_mem', 'temp_buffers', 'maintenance_work_mem', 'wal_buffers')`;
process.stdout.write(
  `database: ${running.database.description}; ${settings.map((s) => `${s.name} ${s.setting}${s.unit ?? ''}`).join(', ')}\n`,
);
const snapshotAt = process.argv.indexOf('--heap-snapshot');
if (snapshotAt > 0)
  process.stdout.write(`heap snapshot: ${writeHeapSnapshot(process.argv[snapshotAt + 1])}\n`);
await app.stop();

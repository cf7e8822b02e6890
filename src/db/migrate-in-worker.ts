import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { serveAdapterFactory } from './adapter-port.ts';

/**
 * Applies pending migrations in a worker thread, and returns the names applied. Why a thread:
 * the schema engine is a WebAssembly module whose glue holds its instance (and views of its
 * memory) in module variables, so in the server's own thread it could never be reclaimed: about
 * 40 MB of RSS for the process's life, after one migration. When the thread ends, its heap and
 * the engine's memory go with it.
 *
 * The worker does not open the database: its queries come back over a MessagePort to this
 * thread's `adapterFactory` (see adapter-port.ts), so a PGlite stays open and booted once, and
 * an in-memory one can be migrated too.
 */
export async function applyPendingMigrationsInWorker(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  const channel = new MessageChannel();
  serveAdapterFactory(adapterFactory, channel.port1);
  const workerData = {
    port: channel.port2,
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
  };
  try {
    return await runWorker(workerData, [channel.port2]);
  } finally {
    channel.port1.close();
  }
}

function runWorker(workerData: unknown, transferList: MessagePort[]): Promise<string[]> {
  const entry = new URL(
    `./migration-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
    import.meta.url,
  );
  // From source (tsx, tests), the worker registers the same TypeScript loader first (an
  // `--import tsx` in the worker's execArgv is not applied to its entry on Node 20).
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true, workerData, transferList },
      )
    : new Worker(entry, { workerData, transferList });
  return new Promise((resolve, reject) => {
    let applied: string[] | undefined;
    worker.once('message', (message: string[]) => {
      applied = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (applied && code === 0) resolve(applied);
      else if (code !== 0) reject(new Error(`the migration worker exited with ${code}`));
      else reject(new Error('the migration worker ended without an answer'));
    });
  });
}

/** tsx's ESM API (`tsx/esm/api`), beside the CommonJS file that `require.resolve` names. */
function tsxApi(): string {
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

import { parentPort, workerData } from 'node:worker_threads';
import { type DatabaseTarget, openDatabase } from './client.ts';
import { applyPendingMigrations } from './migrations.ts';

/**
 * Applies pending migrations in a worker thread (see `applyPendingMigrationsInWorker`): the
 * schema engine's WebAssembly instance, which its glue keeps for the life of the thread, goes
 * with the thread when it ends.
 */
const target = workerData as DatabaseTarget;
const database = await openDatabase(target);
try {
  parentPort?.postMessage(await applyPendingMigrations(database.adapterFactory));
} finally {
  await database.close();
}

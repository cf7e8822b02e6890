import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { adapterFactoryOverPort } from './adapter-port.ts';
import { applyPendingMigrations } from './migrations.ts';

/**
 * Applies pending migrations in a worker thread (see `applyPendingMigrationsInWorker`), through
 * the server thread's database connection: the schema engine's WebAssembly instance, which its
 * glue keeps for the life of the thread, goes with the thread when it ends.
 */
const { port, provider, adapterName } = workerData as {
  port: MessagePort;
  provider: SqlMigrationAwareDriverAdapterFactory['provider'];
  adapterName: string;
};
try {
  parentPort?.postMessage(
    await applyPendingMigrations(adapterFactoryOverPort(port, { provider, adapterName })),
  );
} finally {
  port.close();
}

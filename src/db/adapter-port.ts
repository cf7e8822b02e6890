import type { MessagePort } from 'node:worker_threads';
import type {
  ConnectionInfo,
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';

/**
 * A driver adapter factory served to another thread over a MessagePort: the migration worker
 * drives the schema engine against the server's own database connection (its PGlite, already
 * booted) instead of opening the database a second time. Opening a PGlite folder again meant
 * closing it here, booting it in the worker and again here afterwards: two more boots of its
 * WebAssembly Postgres on every start that migrates (BENCHMARKS.md, "Start-up").
 *
 * Only what the schema engine calls is carried: connect, queries, scripts, transactions.
 */

type Call = { id: number; handle: number; method: string; args: unknown[] };
type Reply =
  | { id: number; value: unknown }
  | { id: number; driverError: DriverAdapterError['cause'] }
  | { id: number; message: string };

interface Connected {
  handle: number;
  provider: SqlDriverAdapter['provider'];
  adapterName: string;
  connectionInfo?: ConnectionInfo;
}

interface ConnectedTransaction {
  handle: number;
  provider: Transaction['provider'];
  adapterName: string;
  options: Transaction['options'];
}

/** Serves `factory` on `port` until the port closes. Handle 0 is the factory itself. */
export function serveAdapterFactory(factory: SqlMigrationAwareDriverAdapterFactory, port: MessagePort): void {
  const objects = new Map<number, unknown>([[0, factory]]);
  let nextHandle = 1;
  const keep = (object: unknown) => {
    const handle = nextHandle++;
    objects.set(handle, object);
    return handle;
  };
  const call = async ({ handle, method, args }: Call): Promise<unknown> => {
    const target = objects.get(handle) as
      | Record<string, (...args: unknown[]) => Promise<unknown>>
      | undefined;
    if (!target) throw new Error(`no object ${handle} behind the adapter port`);
    if (method === 'connect' || method === 'connectToShadowDb') {
      const adapter = (await target[method]?.call(target)) as SqlDriverAdapter;
      const connected: Connected = {
        handle: keep(adapter),
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        ...(adapter.getConnectionInfo ? { connectionInfo: adapter.getConnectionInfo() } : {}),
      };
      return connected;
    }
    if (method === 'startTransaction') {
      const transaction = (await target.startTransaction?.call(target, ...args)) as Transaction;
      const connected: ConnectedTransaction = {
        handle: keep(transaction),
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
      };
      return connected;
    }
    const fn = target[method];
    if (typeof fn !== 'function') throw new Error(`no method ${method} behind the adapter port`);
    const value = await fn.apply(target, args);
    if (method === 'dispose' || method === 'commit' || method === 'rollback') objects.delete(handle);
    return value;
  };
  port.on('message', (message: Call) => {
    call(message).then(
      (value) => port.postMessage({ id: message.id, value } satisfies Reply),
      (error: unknown) => {
        const e = error as { name?: unknown; cause?: unknown; message?: unknown };
        port.postMessage(
          (e?.name === 'DriverAdapterError' && typeof e.cause === 'object'
            ? { id: message.id, driverError: e.cause as DriverAdapterError['cause'] }
            : { id: message.id, message: String(e?.message ?? error) }) satisfies Reply,
        );
      },
    );
  });
}

/** The other end: a factory whose every call goes over `port` to `serveAdapterFactory`. */
export function adapterFactoryOverPort(
  port: MessagePort,
  info: { provider: SqlMigrationAwareDriverAdapterFactory['provider']; adapterName: string },
): SqlMigrationAwareDriverAdapterFactory {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  port.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('value' in reply) waiting.resolve(reply.value);
    else if ('driverError' in reply) waiting.reject(new DriverAdapterError(reply.driverError));
    else waiting.reject(new Error(reply.message));
  });
  const send = <T>(handle: number, method: string, args: unknown[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      port.postMessage({ id, handle, method, args } satisfies Call);
    });

  const queryable = (handle: number) => ({
    queryRaw: (query: SqlQuery) => send<SqlResultSet>(handle, 'queryRaw', [query]),
    executeRaw: (query: SqlQuery) => send<number>(handle, 'executeRaw', [query]),
  });
  const transactionOf = (connected: ConnectedTransaction): Transaction => ({
    provider: connected.provider,
    adapterName: connected.adapterName,
    options: connected.options,
    ...queryable(connected.handle),
    commit: () => send<void>(connected.handle, 'commit'),
    rollback: () => send<void>(connected.handle, 'rollback'),
  });
  const adapterOf = (connected: Connected): SqlDriverAdapter => ({
    provider: connected.provider,
    adapterName: connected.adapterName,
    ...queryable(connected.handle),
    executeScript: (script: string) => send<void>(connected.handle, 'executeScript', [script]),
    startTransaction: async (isolationLevel?: IsolationLevel) =>
      transactionOf(await send<ConnectedTransaction>(connected.handle, 'startTransaction', [isolationLevel])),
    ...(connected.connectionInfo
      ? { getConnectionInfo: () => connected.connectionInfo as ConnectionInfo }
      : {}),
    dispose: () => send<void>(connected.handle, 'dispose'),
  });
  return {
    provider: info.provider,
    adapterName: info.adapterName,
    connect: async () => adapterOf(await send<Connected>(0, 'connect')),
    connectToShadowDb: async () => adapterOf(await send<Connected>(0, 'connectToShadowDb')),
  };
}

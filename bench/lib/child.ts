import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { canPin } from './machine.ts';

/**
 * Helper processes (baselines, load generators) are TypeScript files forked with tsx and
 * driven over the IPC channel: the parent sends `{ id, type, ...args }`, the child answers
 * `{ id, result }` or `{ id, error }`.
 */
export interface Helper {
  child: ChildProcess;
  pid: number;
  call<T>(type: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

type Reply = { id: number; result?: unknown; error?: string };

export function forkHelper(
  script: string,
  options: { core?: number; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Helper {
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', ...(options.nodeArgs ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (canPin && options.core !== undefined && child.pid) {
    spawnSync('taskset', ['-a', '-cp', String(options.core), String(child.pid)]);
  }
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: Reply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error !== undefined) waiter.reject(new Error(message.error));
    else waiter.resolve(message.result);
  });
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`${script} exited (${code ?? signal}) during a call`));
    }
    pending.clear();
  });
  return {
    child,
    pid: child.pid as number,
    call<T>(type: string, args: Record<string, unknown> = {}, timeoutMs = 600_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script}: ${type} took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, type, ...args });
      });
    },
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** The child side: answers the parent's calls with these handlers. */
export function serveParent(
  handlers: Record<string, (args: Record<string, unknown>) => Promise<unknown> | unknown>,
): void {
  process.on('message', async (message: { id: number; type: string } & Record<string, unknown>) => {
    const handler = handlers[message.type];
    try {
      if (!handler) throw new Error(`unknown call ${message.type}`);
      const result = await handler(message);
      process.send?.({ id: message.id, result });
    } catch (error) {
      process.send?.({ id: message.id, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

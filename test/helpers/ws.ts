import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * How long a wait for a message or an end may take before it fails with a description of what
 * did arrive: a bound for a lost message, not for speed, so just under the tests' 30 s timeout
 * (a loaded machine may be slow, and vitest's own timeout would say less).
 */
const defaultWaitMs = 25_000;

/** What a subscription received, with ways to wait for more. */
export interface Subscription<T> {
  messages: T[];
  errors: unknown[];
  completed: boolean;
  /** Waits until `count` messages in total have arrived (rejects after `timeoutMs`). */
  waitForCount(count: number, timeoutMs?: number): Promise<T[]>;
  /** Waits until the subscription completes or errors. */
  waitForEnd(timeoutMs?: number): Promise<void>;
  /**
   * Waits until `done(messages)` holds, checked at each message: no deadline of its own (a
   * loaded machine may take long, and the test's timeout bounds it); rejects at once if the
   * subscription ends or errors first, since no message can then come.
   */
  waitUntil(done: (messages: T[]) => boolean): Promise<T[]>;
  /** Resolves once the server has the subscription registered (see `ready`). */
  stop(): void;
}

export interface WsConnection {
  client: Client;
  subscribe<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Subscription<T>;
  /** Subscribes and waits until the server acknowledged and registered the subscription. */
  dispose(): Promise<void>;
  /** Close events seen by the socket (code and reason). */
  closes: { code: number; reason: string }[];
}

export interface WsOptions {
  connectionParams?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A real graphql-ws client on the `ws` library, connected eagerly, never retrying. */
export function connectWs(httpUrl: string, options: WsOptions = {}): WsConnection {
  const url = httpUrl.replace(/^http/, 'ws');
  const closes: { code: number; reason: string }[] = [];
  const headers = options.headers;
  class HeaderWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, headers ? { headers } : {});
    }
  }
  const client = createClient({
    url,
    webSocketImpl: HeaderWebSocket,
    connectionParams: options.connectionParams,
    lazy: true,
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const close = event as { code: number; reason: string };
        closes.push({ code: close.code, reason: String(close.reason) });
      },
    },
  });
  return {
    client,
    closes,
    subscribe<T, V>(document: TypedDocumentNode<T, V>, variables?: V) {
      return collect<T>(client, print(document), variables as Record<string, unknown> | undefined);
    },
    async dispose() {
      await client.dispose();
    },
  };
}

function collect<T>(client: Client, query: string, variables?: Record<string, unknown>): Subscription<T> {
  const messages: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const subscription: Subscription<T> = {
    messages,
    errors,
    completed: false,
    waitForCount(count, timeoutMs = defaultWaitMs) {
      return waitUntil(
        () => messages.length >= count,
        timeoutMs,
        () =>
          `expected ${count} messages, got ${messages.length}: ${JSON.stringify(messages)} errors ${JSON.stringify(errors)}`,
      ).then(() => messages.slice(0, count));
    },
    waitForEnd(timeoutMs = defaultWaitMs) {
      return waitUntil(
        () => subscription.completed || errors.length > 0,
        timeoutMs,
        () => 'the subscription did not end',
      );
    },
    waitUntil(done) {
      const describe = () =>
        `the subscription ended first: ${JSON.stringify(messages)} errors ${JSON.stringify(errors)}`;
      return new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (done(messages)) {
            waiters.delete(check);
            resolve(messages);
          } else if (subscription.completed || errors.length > 0) {
            waiters.delete(check);
            reject(new Error(describe()));
          }
        };
        waiters.add(check);
        check();
      });
    },
    stop: () => unsubscribe(),
  };
  /** `timeoutMs` may be infinite: then only the test's timeout bounds the wait. */
  function waitUntil(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            waiters.delete(check);
            reject(new Error(describe()));
          }, timeoutMs)
        : undefined;
      waiters.add(check);
    });
  }
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) errors.push(...result.errors);
        else if (result.data) messages.push(result.data as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: () => {
        subscription.completed = true;
        notify();
      },
    },
  );
  return subscription;
}

/**
 * Opens a raw WebSocket with the graphql-ws subprotocol, optionally sends `connection_init`,
 * and resolves as soon as the answer is known: `{ code: 'open', acknowledged: true }` at the
 * `connection_ack`, or the close code when the server closes. `timeoutMs` only bounds a server
 * that does neither (then `{ code: 'open', acknowledged: false }`).
 */
export function closeCodeOf(
  httpUrl: string,
  options: { init?: Record<string, unknown> | false; headers?: Record<string, string>; timeoutMs?: number },
): Promise<{ code: number | 'open'; acknowledged: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      headers: options.headers ?? {},
    });
    let acknowledged = false;
    const timer = setTimeout(() => {
      socket.close();
      resolve({ code: 'open', acknowledged });
    }, options.timeoutMs ?? 10_000);
    socket.on('open', () => {
      if (options.init !== false) {
        socket.send(JSON.stringify({ type: 'connection_init', payload: options.init ?? {} }));
      }
    });
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type !== 'connection_ack') return;
      // Acknowledged: the server accepted the credential (a refusal closes instead), so the
      // answer is known now; no need to wait for a close that will not come.
      acknowledged = true;
      clearTimeout(timer);
      socket.close();
      resolve({ code: 'open', acknowledged });
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, acknowledged });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

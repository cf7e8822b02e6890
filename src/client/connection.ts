import { type Client, createClient } from 'graphql-ws/client';
import { clientErrorOf, PennantClientError } from './errors.ts';

/** The WebSocket URL of a GraphQL endpoint: `http(s)://…/graphql` → `ws(s)://…/graphql`. */
export function webSocketUrlOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError('`url` must be Pennant’s GraphQL endpoint, http(s)://…/graphql.');
  }
  parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return parsed.toString();
}

/** A WebSocket class: the browser's, Node 22's global one, or `ws`'s on Node 20. */
export type WebSocketImpl = unknown;

export function defaultWebSocketImpl(given: WebSocketImpl | undefined): WebSocketImpl {
  const found = given ?? (globalThis as { WebSocket?: unknown }).WebSocket;
  if (!found) {
    throw new TypeError(
      'No WebSocket implementation: pass `webSocketImpl` (e.g. `WebSocket` from the `ws` package on Node 20).',
    );
  }
  return found;
}

export interface ConnectionOptions {
  webSocketUrl: string;
  webSocketImpl: WebSocketImpl;
  /** Read at each connection, so a refreshed credential is the one sent. */
  connectionParams: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  onConnected?: () => void;
}

/**
 * One graphql-ws connection, never retried by graphql-ws itself: the callers reconnect, because
 * only they know the cursor to resume from (graphql-ws would subscribe again with the first
 * variables, and replay everything since).
 */
export class Connection {
  private readonly client: Client;

  constructor(options: ConnectionOptions) {
    this.client = createClient({
      url: options.webSocketUrl,
      webSocketImpl: options.webSocketImpl,
      connectionParams: options.connectionParams,
      lazy: true,
      lazyCloseTimeout: 60_000,
      retryAttempts: 0,
      // Pings keep proxies from closing an idle socket and notice a dead one.
      keepAlive: 15_000,
      on: options.onConnected ? { connected: options.onConnected } : {},
    });
  }

  /** A query or mutation over the socket: its data, or a PennantClientError. */
  query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let data: T | undefined;
      this.client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors?.length) reject(clientErrorOf(result.errors));
            else data = result.data as T;
          },
          error: (error) => reject(clientErrorOf(error)),
          complete: () =>
            data === undefined
              ? reject(new PennantClientError('INTERNAL_SERVER_ERROR', 'The answer had no data.', false))
              : resolve(data),
        },
      );
    });
  }

  /**
   * Follows a subscription until it ends: resolves when the server completes it, rejects with a
   * PennantClientError when it or the socket fails.
   */
  follow<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors?.length) reject(clientErrorOf(result.errors));
            else if (result.data) onData(result.data as T);
          },
          error: (error) => reject(clientErrorOf(error)),
          complete: resolve,
        },
      );
    });
  }

  close(): void {
    void this.client.dispose();
  }
}

/** A GraphQL request over HTTP; its data, or a PennantClientError. */
export async function postGraphQL<T>(
  fetchImpl: typeof fetch,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  init: { headers?: Record<string, string>; credentials?: 'include' | 'same-origin' | 'omit' } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      // A non-simple content type: the browser preflights it, which Pennant's CSRF rule asks of
      // any call carrying the session cookie.
      headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
      body: JSON.stringify({ query, variables }),
      ...(init.credentials ? { credentials: init.credentials } : {}),
    });
  } catch {
    throw new PennantClientError('NETWORK', 'Pennant could not be reached.', false);
  }
  let body: { data?: T | null; errors?: unknown[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new PennantClientError('NETWORK', `Pennant answered ${response.status} without JSON.`, false);
  }
  if (body.errors?.length) throw clientErrorOf(body.errors);
  if (!body.data) throw new PennantClientError('INTERNAL_SERVER_ERROR', 'The answer had no data.', false);
  return body.data;
}

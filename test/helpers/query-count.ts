import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { type PrismaClient, prisma, setPrismaClient } from '../../src/db/index.ts';

/**
 * Which request the code running now serves, by its x-request-id: set by the test (the server
 * carries no async context), as Node's HTTP server announces each request, just before the
 * server's handler runs, so the handler's promises inherit it.
 */
const attribution = new AsyncLocalStorage<string>();
const requestStarts = 'http.server.request.start';
function attributeRequest(message: unknown) {
  const header = (message as { request: IncomingMessage }).request.headers['x-request-id'];
  attribution.enterWith(typeof header === 'string' ? header : '');
}

/**
 * Counts the operations one HTTP request (told by its x-request-id) sends to Prisma, raw SQL
 * included. Background work (the change feed's poll, webhook delivery) runs outside any
 * request and is not counted; neither is authentication's lastUsedAt stamp on ApiKey.
 */
export async function countQueries<T>(
  requestId: string,
  work: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  const base = prisma.$extends({}) as unknown as PrismaClient;
  let queries = 0;
  const counting = base.$extends({
    query: {
      $allOperations({ model, args, query }) {
        if (attribution.getStore() === requestId && model !== 'ApiKey') queries++;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  setPrismaClient(counting);
  subscribe(requestStarts, attributeRequest);
  try {
    return { result: await work(), queries };
  } finally {
    unsubscribe(requestStarts, attributeRequest);
    setPrismaClient(base);
  }
}

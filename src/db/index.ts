import type { PrismaClient } from '../generated/prisma/client.ts';

/**
 * The Prisma client as a module, not a context field (Pothos' advice): one server per process.
 * `src/app.ts` sets it when the server starts; everything else imports `prisma`.
 */
let current: PrismaClient | undefined;

export function setPrismaClient(client: PrismaClient | undefined): void {
  current = client;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    if (!current) throw new Error('The database is not open yet.');
    const value = Reflect.get(current, property, current);
    return typeof value === 'function' ? value.bind(current) : value;
  },
  // Pothos finds model delegates with `'apiKey' in client`; without this trap the check would
  // look at the empty target and every fallback load (e.g. a relation on a payload) would fail.
  has(_target, property) {
    if (!current) throw new Error('The database is not open yet.');
    return Reflect.has(current, property);
  },
});

export { Prisma } from '../generated/prisma/client.ts';
export type { PrismaClient };
export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

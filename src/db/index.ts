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
});

export { Prisma } from '../generated/prisma/client.ts';
export type { PrismaClient };
export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

import { mkdir } from 'node:fs/promises';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.ts';

/**
 * PGlite's buffer pool lives in its WebAssembly memory, in the server's own process. Its initdb
 * default (160 MB) is what a database server sized for many clients would take; here every read
 * is answered from the server's in-memory state (docs/architecture.md, "The read path"), so the
 * database sees writes, the start-up load and the change feed's reads of new events, which a
 * small pool serves as well. The figures are in BENCHMARKS.md ("Memory").
 */
const pgliteSharedBuffers = '16MB';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | undefined };

export interface Database {
  prisma: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Where the data lives, without credentials, for logs. */
  description: string;
  close(): Promise<void>;
}

/** Opens the database named by the configuration: real PostgreSQL, or embedded PGlite. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  // Only the driver the target needs is loaded (PGlite's or pg's): start-up, BENCHMARKS.md.
  if (target.kind === 'postgres') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const adapterFactory = new PrismaPg({ connectionString: target.url });
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      adapterFactory,
      description: `PostgreSQL at ${describePostgresUrl(target.url)}`,
      close: () => prisma.$disconnect(),
    };
  }
  // Private to the server's user (see src/security/data-folder.ts), the parent folder too.
  if (target.dataDir) await mkdir(target.dataDir, { recursive: true, mode: 0o700 });
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const pglite = new PGlite(target.dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffers}`],
  });
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    adapterFactory,
    description: target.dataDir
      ? `embedded PostgreSQL (PGlite) in ${target.dataDir}`
      : 'embedded PostgreSQL (PGlite) in memory',
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}

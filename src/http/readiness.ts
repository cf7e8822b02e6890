import { readdir } from 'node:fs/promises';
import { prisma } from '../db/index.ts';
import { migrationsDir } from '../db/migrations.ts';

export type Readiness =
  | { status: 'ready'; migrations: number }
  | { status: 'unavailable'; reason: string; missingMigrations?: string[] };

let expectedMigrations: Promise<string[]> | undefined;

/** The migrations this build ships (`prisma/migrations/*`), read once. */
function shippedMigrations(): Promise<string[]> {
  expectedMigrations ??= readdir(migrationsDir, { withFileTypes: true }).then((entries) =>
    entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(),
  );
  return expectedMigrations;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready when the database answers (within `timeoutMs`) and every shipped migration is recorded
 * as applied in `_prisma_migrations` (finished, not rolled back).
 */
export async function checkReadiness(timeoutMs = 2000): Promise<Readiness> {
  const expected = await shippedMigrations();
  let applied: { migration_name: string }[];
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, timeoutMs);
  } catch {
    return { status: 'unavailable', reason: 'database unreachable' };
  }
  try {
    applied = await withTimeout(
      prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      timeoutMs,
    );
  } catch {
    return { status: 'unavailable', reason: 'migrations not applied', missingMigrations: expected };
  }
  const names = new Set(applied.map((row) => row.migration_name));
  const missing = expected.filter((name) => !names.has(name));
  if (missing.length > 0) {
    return { status: 'unavailable', reason: 'migrations not applied', missingMigrations: missing };
  }
  return { status: 'ready', migrations: expected.length };
}

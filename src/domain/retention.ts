import { prisma } from '../db/index.ts';
import { logger } from '../logger.ts';

/** What is kept, and for how long once it no longer matters (see docs/operations.md#retention). */
export interface RetentionSettings {
  /** Days a session is kept after it was revoked or expired; its refresh tokens go with it. */
  sessionsDays: number;
  /** Days a spent refresh token of a live session is kept after it was spent. */
  refreshTokensDays: number;
  /** Days events are kept; 0 keeps them forever. */
  eventsDays: number;
  /** Rows per delete statement. */
  batchSize: number;
  /** How often each instance purges. */
  intervalMs: number;
}

export type PurgedKind = 'session' | 'refresh_token' | 'event';

const day = 86_400_000;

/**
 * Deletes what the settings say is no longer needed, one small batch per statement, each in its
 * own implicit transaction: a batch holds its row locks only briefly, so refreshes and changes
 * are never queued behind a long delete. Safe on several instances at once (a row deleted by
 * one is simply not found by the other). Returns how many rows of each kind it deleted.
 */
export async function purgeExpired(
  settings: RetentionSettings,
  now = new Date(),
  onBatch: (kind: PurgedKind, count: number) => void = () => {},
): Promise<Record<PurgedKind, number>> {
  const purged: Record<PurgedKind, number> = { session: 0, refresh_token: 0, event: 0 };
  const drain = async (kind: PurgedKind, batch: () => Promise<number>) => {
    for (;;) {
      const count = await batch();
      purged[kind] += count;
      if (count > 0) onBatch(kind, count);
      if (count < settings.batchSize) return;
      // Let requests waiting on the event loop run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const limit = settings.batchSize;

  // A session that ended (revoked or expired) long enough ago: nothing can refresh it again,
  // and reuse detection no longer needs its tokens. The tokens go with it (cascade).
  const sessionsBefore = new Date(now.getTime() - settings.sessionsDays * day);
  await drain(
    'session',
    () => prisma.$executeRaw`
      DELETE FROM "Session" WHERE id IN (
        SELECT id FROM "Session"
        WHERE "revokedAt" < ${sessionsBefore} OR "expiresAt" < ${sessionsBefore}
        LIMIT ${limit})`,
  );

  // A token is spent once a newer token of its session exists (its successor, or a later one).
  // Spent long enough ago, it is only kept to recognise a reuse; after that it is just unknown.
  const tokensBefore = new Date(now.getTime() - settings.refreshTokensDays * day);
  await drain(
    'refresh_token',
    () => prisma.$executeRaw`
      DELETE FROM "RefreshToken" WHERE id IN (
        SELECT spent.id FROM "RefreshToken" spent
        WHERE spent."createdAt" < ${tokensBefore}
          AND EXISTS (
            SELECT 1 FROM "RefreshToken" newer
            WHERE newer."sessionId" = spent."sessionId"
              AND newer."createdAt" > spent."createdAt"
              AND newer."createdAt" < ${tokensBefore})
        LIMIT ${limit})`,
  );

  if (settings.eventsDays > 0) {
    // Oldest first, and never the latest event: a starting instance's change feed begins there.
    const eventsBefore = new Date(now.getTime() - settings.eventsDays * day);
    await drain(
      'event',
      () => prisma.$executeRaw`
        DELETE FROM "Event" WHERE id IN (
          SELECT id FROM "Event"
          WHERE "createdAt" < ${eventsBefore} AND id < (SELECT max(id) FROM "Event")
          ORDER BY id
          LIMIT ${limit})`,
    );
  }
  return purged;
}

/** Runs `purgeExpired` now and then every `settings.intervalMs` until stopped; failures are logged. */
export function startRetention(
  settings: RetentionSettings,
  onBatch: (kind: PurgedKind, count: number) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = purgeExpired(settings, new Date(), onBatch).then(
      (purged) => {
        if (purged.session + purged.refresh_token + purged.event > 0)
          logger.info({ purged }, 'retention purge');
      },
      (error: unknown) =>
        logger.warn({ err: error }, 'retention purge failed; retrying at the next interval'),
    );
  };
  const timer = setInterval(() => {
    if (!stopped) running.then(run);
  }, settings.intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

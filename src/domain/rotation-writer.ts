import { prisma } from '../db/index.ts';
import { logger } from '../logger.ts';
import { sessionSettings } from './session-settings.ts';

/**
 * A refresh-token rotation to write: the token presented (by hash), what the refresh was
 * decided on (checked against the database in the same statement), and what it produced.
 * A token is spent once its successor is stored (`session-tokens.ts`): the rotation writes no
 * mark on the presented token, and the successor's unique hash lets only one rotation of a
 * token win.
 */
export interface Rotation {
  tokenHash: string;
  sessionId: string;
  userId: string;
  environmentId: string;
  /** The session's organization when the refresh was decided (it must still be). */
  fromOrganizationId: string;
  /** The organization of the new access token: the user must be an active member with `role`. */
  organizationId: string;
  role: string;
  /** The user's `updatedAt` the access token's profile was taken at (it must still be). */
  userUpdatedAt: Date;
  newTokenId: string;
  newTokenHash: string;
}

interface Pending {
  rotation: Rotation;
  resolve: (rotated: boolean) => void;
  reject: (error: unknown) => void;
}

// Large enough to take a whole burst of concurrent refreshes, small enough to bound one
// statement's locks and parameters.
const maxBatch = 200;

// Under load, statements start at most this often, so each writes the refreshes of this long;
// an idle server writes a refresh at once. A trade-off: shorter, and each statement carries too
// few rotations to pay for itself (on the embedded database a statement's fixed cost is many
// times a row's); longer, and the refreshes in flight all wait while the core idles. Chosen
// with the refresh benchmark, which BENCHMARKS.md describes.
const statementIntervalMs = 50;

let queue: Pending[] = [];
let writing = false;
let lastStatementAt = Number.NEGATIVE_INFINITY;
// While set, no statement starts: rotations queue until it resolves (see holdRotationWrites).
let held: Promise<void> | undefined;
const queuedWaiters = new Set<{ count: number; resolve: () => void }>();

/**
 * Writes a rotation: the new token is stored (which spends the presented one) and the session
 * is extended, all in one statement and only if every claim still holds (the token unspent and
 * of that session; the session active, of that user, organization and environment; the
 * membership active with that role; the user unchanged). True when it did; false when anything
 * differed or a concurrent refresh won the token (the caller then decides again on a fresh read).
 *
 * Concurrent rotations share one statement. Why: on the embedded database a statement costs the
 * server's own core a fixed amount, several times what one more row costs, so under load one
 * statement per refresh would dominate the server's time.
 */
export function writeRotation(rotation: Rotation): Promise<boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ rotation, resolve, reject });
    for (const waiter of queuedWaiters) {
      if (queue.length >= waiter.count) {
        queuedWaiters.delete(waiter);
        waiter.resolve();
      }
    }
    if (!writing) {
      writing = true;
      void drain();
    }
  });
}

/**
 * Holds every statement until the returned function is called; rotations queue meanwhile and
 * then go out together (up to `maxBatch` per statement). With `rotationsQueued`, this lets a test
 * or a benchmark put a known burst into one statement instead of depending on how the burst's
 * arrivals fall against the statement interval (which a loaded machine changes).
 */
export function holdRotationWrites(): () => void {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  held = released;
  return () => {
    if (held === released) held = undefined;
    release();
  };
}

/** Resolves once at least `count` rotations are waiting for a statement. */
export function rotationsQueued(count: number): Promise<void> {
  if (queue.length >= count) return Promise.resolve();
  return new Promise((resolve) => queuedWaiters.add({ count, resolve }));
}

/**
 * Waits until the next statement is due: at least one event-loop turn (the embedded database
 * runs a statement synchronously on this thread, so refreshes that finished their cryptography
 * meanwhile are only heard of in that turn), and `statementIntervalMs` after the last one.
 */
function nextStatementDue(): Promise<void> {
  const wait = lastStatementAt + statementIntervalMs - performance.now();
  return new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
}

async function drain(): Promise<void> {
  try {
    while (queue.length > 0) {
      await nextStatementDue();
      while (held) await held;
      lastStatementAt = performance.now();
      await writeBatch(takeBatch());
    }
  } finally {
    writing = false;
  }
}

/**
 * The next batch, at most one rotation per token: a second refresh of the same token (a retry
 * racing the first) waits for the next statement, where it finds the token used.
 */
function takeBatch(): Pending[] {
  const batch: Pending[] = [];
  const later: Pending[] = [];
  const tokens = new Set<string>();
  for (const pending of queue) {
    if (batch.length < maxBatch && !tokens.has(pending.rotation.tokenHash)) {
      tokens.add(pending.rotation.tokenHash);
      batch.push(pending);
    } else {
      later.push(pending);
    }
  }
  queue = later;
  return batch;
}

async function writeBatch(batch: Pending[]): Promise<void> {
  try {
    const rotated = await rotateInOneStatement(batch.map((pending) => pending.rotation));
    for (const [index, pending] of batch.entries()) pending.resolve(rotated.has(index));
  } catch (error) {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    // One statement for many refreshes must not fail them all for one (a deadlock with another
    // instance's batch over the same session, say): each is tried alone.
    logger.warn(
      { err: error, rotations: batch.length },
      'a batch of refresh rotations failed; writing them one by one',
    );
    for (const pending of batch) await writeBatch([pending]);
  }
}

/** The indexes (in `rotations`) of the rotations that were written. */
async function rotateInOneStatement(rotations: Rotation[]): Promise<Set<number>> {
  const settings = sessionSettings();
  const now = Date.now();
  const rotatedAt = new Date(now).toISOString();
  const expiresAt = new Date(now + settings.sessionTtlSeconds * 1000).toISOString();
  const column = <T>(pick: (rotation: Rotation, index: number) => T): T[] => rotations.map(pick);
  // The claims are checked by scalar subqueries (one primary-key or unique lookup per row), not
  // EXISTS: PostgreSQL plans an EXISTS as a join, and on a database without fresh statistics
  // (PGlite runs no autovacuum) that join scanned whole tables. `usedAt` is only set on tokens
  // spent before successors were derived (see schema.prisma).
  const rows = await prisma.$queryRaw<{ ordinal: number }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((_, index) => index)}::int[], ${column((r) => r.tokenHash)}::text[],
        ${column((r) => r.sessionId)}::text[], ${column((r) => r.userId)}::text[],
        ${column((r) => r.environmentId)}::text[], ${column((r) => r.fromOrganizationId)}::text[],
        ${column((r) => r.organizationId)}::text[], ${column((r) => r.role)}::text[],
        ${column((r) => r.userUpdatedAt.toISOString())}::text[],
        ${column((r) => r.newTokenId)}::text[], ${column((r) => r.newTokenHash)}::text[]
      ) AS i("ordinal", "tokenHash", "sessionId", "userId", "environmentId", "fromOrganizationId",
             "organizationId", "role", "userUpdatedAt", "newTokenId", "newTokenHash")
    ), checked AS MATERIALIZED (
      SELECT i.* FROM input i
      WHERE (SELECT true FROM "RefreshToken" t
             WHERE t."tokenHash" = i."tokenHash" AND t."sessionId" = i."sessionId" AND t."usedAt" IS NULL)
        AND (SELECT true FROM "Session" s
             WHERE s."id" = i."sessionId" AND s."revokedAt" IS NULL AND s."expiresAt" > ${rotatedAt}::timestamp(3)
               AND s."userId" = i."userId" AND s."organizationId" = i."fromOrganizationId"
               AND s."environmentId" = i."environmentId")
        AND (SELECT true FROM "OrganizationMembership" m
             WHERE m."userId" = i."userId" AND m."organizationId" = i."organizationId"
               AND m."environmentId" = i."environmentId"
               AND m."status" = 'ACTIVE' AND m."roleSlug" = i."role")
        AND (SELECT true FROM "User" u
             WHERE u."id" = i."userId" AND u."updatedAt" = i."userUpdatedAt"::timestamp(3))
    ), fresh AS (
      -- A successor already stored means a concurrent rotation spent the token first.
      INSERT INTO "RefreshToken" ("id", "sessionId", "tokenHash", "createdAt")
      SELECT "newTokenId", "sessionId", "newTokenHash", ${rotatedAt}::timestamp(3) FROM checked
      ON CONFLICT ("tokenHash") DO NOTHING
      RETURNING "tokenHash"
    ), rotated AS (
      SELECT c."ordinal", c."sessionId", c."organizationId"
      FROM checked c JOIN fresh f ON f."tokenHash" = c."newTokenHash"
    ), extended AS (
      UPDATE "Session" s
      SET "organizationId" = r."organizationId", "expiresAt" = ${expiresAt}::timestamp(3),
          "updatedAt" = ${rotatedAt}::timestamp(3)
      FROM rotated r
      WHERE s."id" = r."sessionId"
    )
    SELECT "ordinal" FROM rotated`;
  return new Set(rows.map((row) => Number(row.ordinal)));
}

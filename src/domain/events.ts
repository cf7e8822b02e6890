import type { Transaction } from '../db/index.ts';
import { Prisma, prisma } from '../db/index.ts';
import { BadUserInputError } from '../errors.ts';
import { type EventInput, type EventType, type RecordedEvent, recordedEvent } from './event-catalogue.ts';

export type { EventInput, EventType, RecordedEvent } from './event-catalogue.ts';

// Names the one advisory lock every event writer takes (see recordEvent). Any number works as
// long as every instance uses the same: changing it would let old and new instances write out
// of order while both run.
const eventLogLockKey = 70_819_742;

/**
 * Appends an event inside the transaction of the change it records.
 *
 * Event ids come from a sequence, and concurrent transactions could commit ids out of order
 * (id 11 visible before id 10), which would make a reader that resumes "after 11" miss 10. A
 * transaction-scoped advisory lock taken just before the insert makes event-writing
 * transactions commit in id order, so the id is a safe cursor. Call it last in the transaction
 * so the lock is held briefly.
 */
export async function recordEvent<Type extends EventType>(
  tx: Transaction,
  input: EventInput<Type>,
): Promise<RecordedEvent> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${eventLogLockKey})`;
  const event = await tx.event.create({
    data: {
      type: input.type,
      environmentId: input.environmentId ?? null,
      actorType: input.actor.type,
      actorId: input.actor.id,
      flagId: input.flagId ?? null,
      flagSlug: input.flagSlug ?? null,
      organizationId: input.organizationId ?? null,
      userId: input.userId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      ...(input.at ? { createdAt: input.at } : {}),
    },
  });
  return recordedEvent(event);
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === undefined || value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

/** A stretch of the log: events in (after, upTo], optionally of some types only. */
export interface EventRange {
  after: bigint;
  /** Inclusive; default: to the end of the log. */
  upTo?: bigint;
  /** Only this environment's events and those that concern every environment. */
  environmentId?: string;
  types?: readonly EventType[];
}

/** One page of a range, oldest first. */
export async function listEvents(range: EventRange, limit: number): Promise<RecordedEvent[]> {
  const events = await prisma.event.findMany({
    where: {
      id: { gt: range.after, ...(range.upTo === undefined ? {} : { lte: range.upTo }) },
      ...(range.types ? { type: { in: [...range.types] } } : {}),
      ...(range.environmentId === undefined
        ? {}
        : { OR: [{ environmentId: range.environmentId }, { environmentId: null }] }),
    },
    orderBy: { id: 'asc' },
    take: limit,
  });
  return events.map(recordedEvent);
}

/** A whole range, page by page, oldest first: a long range is never held in one query. */
export async function* eventPages(range: EventRange, pageSize: number): AsyncGenerator<RecordedEvent[]> {
  let after = range.after;
  for (;;) {
    const page = await listEvents({ ...range, after }, pageSize);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

export async function latestEventId(): Promise<bigint> {
  const latest = await prisma.event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return latest?.id ?? 0n;
}

/** Event ids are the cursors clients hold; anything else is bad input, never a crash. */
export function parseCursor(cursor: string, field = 'after'): bigint {
  if (!/^\d{1,18}$/.test(cursor)) {
    throw new BadUserInputError(field, `${field} must be an event cursor (a decimal event id).`);
  }
  return BigInt(cursor);
}

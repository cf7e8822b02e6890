import type { Transaction } from '../db/index.ts';
import { Prisma, prisma } from '../db/index.ts';
import { BadUserInputError } from '../errors.ts';
import type { Event } from '../generated/prisma/client.ts';
import type { Actor } from './actor.ts';

export type EventType =
  | 'environment.created'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'organization.created'
  | 'organization.updated'
  | 'organization.deleted'
  | 'flag.created'
  | 'flag.updated'
  | 'flag.deleted'
  | 'flag.toggled'
  | 'rule.updated'
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'membership.created'
  | 'membership.deleted'
  | 'session.created'
  | 'session.revoked'
  | 'session.refresh_token_reused'
  | 'webhook_endpoint.created'
  | 'webhook_endpoint.updated'
  | 'webhook_endpoint.deleted';

export interface EventInput {
  type: EventType;
  actor: Actor;
  environmentId?: string | null;
  flagId?: string | null;
  flagSlug?: string | null;
  organizationId?: string | null;
  userId?: string | null;
  before?: unknown;
  after?: unknown;
}

// Any constant works: it names the one lock every event writer takes (see recordEvent).
const eventLogLockKey = 7_081_974_2;

/**
 * Appends an event inside the transaction of the change it records.
 *
 * Event ids come from a sequence, and concurrent transactions could commit ids out of order
 * (id 11 visible before id 10), which would make a reader that resumes "after 11" miss 10. A
 * transaction-scoped advisory lock taken just before the insert makes event-writing
 * transactions commit in id order, so the id is a safe cursor. Call it last in the transaction
 * so the lock is held briefly.
 */
export async function recordEvent(tx: Transaction, input: EventInput): Promise<Event> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${eventLogLockKey})`;
  return tx.event.create({
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
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === undefined || value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

/** Events after a cursor, oldest first. */
export function listEventsAfter(cursor: bigint, limit: number): Promise<Event[]> {
  return prisma.event.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: limit });
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

import type { LogSegment } from '../domain/change-feed.ts';
import { type RecordedEvent, recordedEvent } from '../domain/event-catalogue.ts';
import { openWithServerSecretSync, sealWithServerSecretSync } from '../domain/secrets.ts';
import type { Event } from '../generated/prisma/client.ts';

/** What one instance tells the others through Redis after it committed changes. */
export interface ChangeNotice {
  /** The sending instance: it ignores its own notices. */
  instance: string;
  /** The log has grown to this event id. */
  cursor: bigint;
  /** The log up to `cursor` as the sender read it, when it had it at hand and it is small. */
  segment?: LogSegment;
}

export type DecodedNotice =
  | { kind: 'notice'; notice: ChangeNotice }
  /** Well-formed, but its segment was not sealed with this server secret (or was altered). */
  | { kind: 'unopenable'; notice: ChangeNotice }
  | { kind: 'malformed' };

const sealPurpose = 'change-notice';
/** A larger segment (a long SOME list, a burst of changes) goes as a bare cursor: receivers read the log. */
export const maxSegmentChars = 256 * 1024;

const cursorPattern = /^\d{1,18}$/;

/**
 * `{"instance","cursor","segment"}`. The segment carries audit events (user e-mail addresses
 * among them) and, once taken, changes what every instance serves, so it is sealed: encrypted
 * and authenticated with the server secret the instances share, bound to the channel. Redis
 * sees neither the events nor a way to forge one; a notice without a segment (or from an older
 * instance) only makes receivers read the log, as before.
 */
export function encodeChangeNotice(notice: ChangeNotice, channel: string): string {
  const wire: Record<string, string> = { instance: notice.instance, cursor: String(notice.cursor) };
  if (notice.segment) {
    const plaintext = JSON.stringify(
      { from: String(notice.segment.from), events: notice.segment.events },
      (_, value) => (typeof value === 'bigint' ? String(value) : value),
    );
    if (plaintext.length <= maxSegmentChars) {
      wire.segment = sealWithServerSecretSync(plaintext, sealPurpose, channel);
    }
  }
  return JSON.stringify(wire);
}

export function decodeChangeNotice(raw: string, channel: string): DecodedNotice {
  let wire: { instance?: unknown; cursor?: unknown; segment?: unknown };
  try {
    wire = JSON.parse(raw) as typeof wire;
  } catch {
    return { kind: 'malformed' };
  }
  if (typeof wire !== 'object' || wire === null) return { kind: 'malformed' };
  const { instance, cursor, segment } = wire;
  if (typeof instance !== 'string' || typeof cursor !== 'string' || !cursorPattern.test(cursor)) {
    return { kind: 'malformed' };
  }
  const notice: ChangeNotice = { instance, cursor: BigInt(cursor) };
  if (segment === undefined) return { kind: 'notice', notice };
  if (typeof segment !== 'string') return { kind: 'malformed' };
  const plaintext = openWithServerSecretSync(segment, sealPurpose, channel);
  const opened = plaintext === null ? null : segmentOf(plaintext, notice.cursor);
  // Its cursor still says the log grew: the receiver reads the log, which is never wrong.
  if (!opened) return { kind: 'unopenable', notice };
  return { kind: 'notice', notice: { ...notice, segment: opened } };
}

/** The sealed segment back into events as Prisma reads them; null if it is not one. */
function segmentOf(plaintext: string, cursor: bigint): LogSegment | null {
  let parsed: { from?: unknown; events?: unknown } | null;
  try {
    parsed = JSON.parse(plaintext) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  if (typeof parsed.from !== 'string' || !cursorPattern.test(parsed.from) || !Array.isArray(parsed.events)) {
    return null;
  }
  const from = BigInt(parsed.from);
  const events: RecordedEvent[] = [];
  let previous = from;
  for (const wire of parsed.events as Record<string, unknown>[]) {
    const event = eventOf(wire);
    // In order, after `from`, ending at the announced cursor: anything else is not a segment.
    if (!event || event.id <= previous) return null;
    events.push(event);
    previous = event.id;
  }
  if (events.length === 0 || previous !== cursor) return null;
  return { from, events };
}

const optionalTextFields = [
  'environmentId',
  'actorType',
  'actorId',
  'flagId',
  'flagSlug',
  'organizationId',
  'userId',
] as const;

function eventOf(wire: Record<string, unknown>): RecordedEvent | null {
  if (typeof wire !== 'object' || wire === null) return null;
  const { id, type, createdAt } = wire;
  if (typeof id !== 'string' || !cursorPattern.test(id) || typeof type !== 'string') return null;
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
  const text: Partial<Record<(typeof optionalTextFields)[number], string | null>> = {};
  for (const field of optionalTextFields) {
    const value = wire[field] ?? null;
    if (value !== null && typeof value !== 'string') return null;
    text[field] = value;
  }
  return recordedEvent({
    id: BigInt(id),
    type,
    ...(text as Record<(typeof optionalTextFields)[number], string | null>),
    before: (wire.before ?? null) as Event['before'],
    after: (wire.after ?? null) as Event['after'],
    createdAt: new Date(createdAt),
  });
}

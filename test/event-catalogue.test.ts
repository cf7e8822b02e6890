import { describe, expectTypeOf, it } from 'vitest';
import { type Actor, systemActor } from '../src/domain/actor.ts';
import type { RuleSnapshot } from '../src/domain/evaluation.ts';
import type { EventCatalogue, FlagRecord } from '../src/domain/event-catalogue.ts';
import type { EventInput, EventType, RecordedEvent } from '../src/domain/events.ts';

/**
 * The event catalogue is enforced by the compiler: `npm run check` type-checks this file, and
 * each `@ts-expect-error` below fails the check if the mistake it marks ever compiles.
 */

const actor: Actor = systemActor;
const flag: FlagRecord = {
  id: 'flag_1',
  slug: 'new-billing',
  name: 'New billing',
  description: '',
  tags: [],
};

describe('the event catalogue', () => {
  it('recordEvent takes each type with its own payloads, and only those', () => {
    const inputs: EventInput[] = [
      { type: 'flag.created', actor, after: flag },
      { type: 'flag.updated', actor, before: flag, after: { ...flag, name: 'Billing' } },
      { type: 'api_key.revoked', actor, before: { id: 'key_1', name: 'CI' } },
      // @ts-expect-error an unknown event type
      { type: 'flag.renamed', actor, after: flag },
      // @ts-expect-error a creation has no `before`
      { type: 'flag.created', actor, before: flag, after: flag },
      // @ts-expect-error an update must say what it was before
      { type: 'flag.updated', actor, after: flag },
      // @ts-expect-error a rule change records rule snapshots, not flags
      { type: 'rule.updated', actor, before: flag, after: flag },
      // @ts-expect-error a deleted flag records its rules too
      { type: 'flag.deleted', actor, before: flag },
      {
        type: 'flag.archived',
        actor,
        before: { ...flag, archivedAt: null },
        after: { ...flag, archivedAt: '2026-12-03T00:00:00.000Z' },
      },
      // @ts-expect-error archiving records the archived time on both sides
      { type: 'flag.archived', actor, before: flag, after: flag },
    ];
    expectTypeOf(inputs).toBeArray();
  });

  it('readers get the payload of the type they narrowed to', () => {
    expectTypeOf<RecordedEvent<'flag.toggled'>['after']>().toEqualTypeOf<RuleSnapshot>();
    expectTypeOf<RecordedEvent<'flag.deleted'>['before']>().toEqualTypeOf<
      FlagRecord & { rules: RuleSnapshot[] }
    >();
    expectTypeOf<RecordedEvent<'flag.created'>['before']>().toEqualTypeOf<null>();
    const read = (event: RecordedEvent): string | undefined => {
      if (event.type === 'session.refresh_token_reused') return event.after.sessionId;
      if (event.type === 'membership.deleted') return event.before.organizationId;
      return undefined;
    };
    expectTypeOf(read).returns.toEqualTypeOf<string | undefined>();
  });

  it('names every type once', () => {
    expectTypeOf<EventType>().toEqualTypeOf<keyof EventCatalogue>();
  });
});

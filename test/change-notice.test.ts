import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedEvent, recordedEvent } from '../src/domain/event-catalogue.ts';
import { setServerSecrets } from '../src/domain/secrets.ts';
import type { Event } from '../src/generated/prisma/client.ts';
import { decodeChangeNotice, encodeChangeNotice, maxSegmentChars } from '../src/realtime/change-notice.ts';

/**
 * The notice one instance publishes on Redis after a commit (the two-instance suite shows it
 * end to end): what survives the trip, and what a receiver refuses to take.
 */
describe('change notices', () => {
  const channel = 'pennant-test:changes';
  const sharedSecret = 'change-notice-test-secret-0123456789abcdef';
  beforeAll(() =>
    setServerSecrets({ secret: sharedSecret, cookiePasswords: [{ id: '', secret: 'x'.repeat(32) }] }),
  );
  afterAll(() => setServerSecrets(undefined));

  // Built as Prisma reads a row, then typed as the log's readers get it.
  const event = (id: bigint, overrides: Partial<Event> = {}): RecordedEvent =>
    recordedEvent({
      id,
      type: 'rule.updated',
      environmentId: 'env_1',
      actorType: 'api_key',
      actorId: 'key_1',
      flagId: 'flag_1',
      flagSlug: 'new-checkout',
      organizationId: null,
      userId: null,
      before: { enabled: true, organizationRule: 'SOME', organizationIds: ['org_1'] },
      after: {
        enabled: true,
        organizationRule: 'SOME',
        organizationIds: ['org_1', 'org_2'],
        note: 'ünïcødé ✓',
      },
      createdAt: new Date('2026-11-26T15:00:00.123Z'),
      ...overrides,
    });

  it('carries a segment of events exactly as Prisma reads them (bigint ids, dates, JSON), sealed', () => {
    const events = [
      event(11n),
      event(12n, { type: 'user.created', after: { email: 'ada@example.com' }, flagSlug: null }),
    ];
    const raw = encodeChangeNotice({ instance: 'a', cursor: 12n, segment: { from: 10n, events } }, channel);
    expect(raw).not.toContain('new-checkout');
    expect(raw).not.toContain('ada@example.com');
    const decoded = decodeChangeNotice(raw, channel);
    expect(decoded).toEqual({
      kind: 'notice',
      notice: { instance: 'a', cursor: 12n, segment: { from: 10n, events } },
    });
  });

  it('a segment sealed with another secret, for another channel, or altered is not taken; its cursor still counts', () => {
    const segment = { from: 10n, events: [event(11n)] };
    const raw = encodeChangeNotice({ instance: 'a', cursor: 11n, segment }, channel);
    const otherChannel = decodeChangeNotice(raw, 'other-deployment:changes');
    expect(otherChannel).toEqual({ kind: 'unopenable', notice: { instance: 'a', cursor: 11n } });

    const wire = JSON.parse(raw) as { segment: string };
    const bytes = Buffer.from(wire.segment, 'base64url');
    bytes[20] = (bytes[20] as number) ^ 1;
    const altered = JSON.stringify({ ...wire, segment: bytes.toString('base64url') });
    expect(decodeChangeNotice(altered, channel).kind).toBe('unopenable');

    setServerSecrets({ secret: 'someone-else-0123456789abcdef-0123456789', cookiePasswords: [] });
    const forged = encodeChangeNotice({ instance: 'x', cursor: 11n, segment }, channel);
    setServerSecrets({ secret: sharedSecret, cookiePasswords: [] });
    expect(decodeChangeNotice(forged, channel).kind).toBe('unopenable');
  });

  it('a sealed segment that is not a whole stretch ending at the cursor is not taken', () => {
    const notice = (cursor: bigint, from: bigint, ids: bigint[]) =>
      decodeChangeNotice(
        encodeChangeNotice(
          { instance: 'a', cursor, segment: { from, events: ids.map((id) => event(id)) } },
          channel,
        ),
        channel,
      ).kind;
    expect(notice(12n, 10n, [11n, 12n])).toBe('notice');
    expect(notice(12n, 10n, [12n, 11n])).toBe('unopenable'); // out of order
    expect(notice(12n, 11n, [11n, 12n])).toBe('unopenable'); // starts at `from`
    expect(notice(13n, 10n, [11n, 12n])).toBe('unopenable'); // ends before the cursor
  });

  it('a large segment goes as a bare cursor; old-style and malformed notices', () => {
    const big = event(11n, {
      after: { organizationIds: Array.from({ length: 30_000 }, (_, i) => `org_${i}`) },
    });
    expect(JSON.stringify(big.after).length).toBeGreaterThan(maxSegmentChars);
    const raw = encodeChangeNotice(
      { instance: 'a', cursor: 11n, segment: { from: 10n, events: [big] } },
      channel,
    );
    expect(JSON.parse(raw)).toEqual({ instance: 'a', cursor: '11' });
    // What instances before sealed segments publish: still understood.
    expect(decodeChangeNotice('{"cursor":"42","instance":"old"}', channel)).toEqual({
      kind: 'notice',
      notice: { instance: 'old', cursor: 42n },
    });
    for (const malformed of [
      '',
      'null',
      '[]',
      '{"cursor":"-1","instance":"a"}',
      '{"cursor":"1e3","instance":"a"}',
      '{"cursor":"1"}',
      '{"cursor":"1","instance":"a","segment":5}',
    ]) {
      expect(decodeChangeNotice(malformed, channel), malformed).toEqual({ kind: 'malformed' });
    }
  });
});

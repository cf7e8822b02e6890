import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { graphql } from './gql/index.ts';
import { RevokeSession, realtimeFixtures } from './helpers/realtime.ts';
import { dataOf, metricValue, startTestServer, type TestServer } from './helpers/server.ts';

/**
 * Retention on the real server: what ended or was spent long enough ago is deleted, in batches,
 * by the server's own periodic purge; what still matters stays; each deleted row is counted in
 * `pennant_retention_purged_total`. Rows are made old by moving their timestamps back in the
 * database, which is what time would do.
 */

const RetentionRefresh = graphql(`
  mutation RetentionRefresh($input: RefreshSessionInput!) {
    refreshSession(input: $input) { sealedSession session { featureFlags } }
  }
`);

const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

async function purgedCount(server: TestServer, kind: string): Promise<number> {
  return (await metricValue(server.url, `pennant_retention_purged_total{kind="${kind}"}`)) ?? 0;
}

describe('retention', () => {
  let server: TestServer;
  let fixtures: ReturnType<typeof realtimeFixtures>;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        PENNANT_RETENTION_SESSIONS_DAYS: '7',
        PENNANT_RETENTION_REFRESH_TOKENS_DAYS: '7',
        PENNANT_RETENTION_EVENTS_DAYS: '30',
        // Small batches, so that a purge takes several statements.
        PENNANT_RETENTION_BATCH: '2',
        PENNANT_RETENTION_INTERVAL_MS: '200',
      },
    });
    fixtures = realtimeFixtures(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('purges ended sessions, spent tokens and old events; keeps what still matters', {
    timeout: 60_000,
  }, async () => {
    // Counted from here: the purge runs all along, also while the rows below are made old.
    const before = {
      session: await purgedCount(server, 'session'),
      refresh_token: await purgedCount(server, 'refresh_token'),
      event: await purgedCount(server, 'event'),
    };
    const organization = await fixtures.organization('Retention Co');

    // A live session refreshed three times: a chain of four refresh tokens.
    const live = await fixtures.session(organization);
    let seal = live.sealedSession;
    for (let refresh = 0; refresh < 3; refresh++) {
      const answer = await server.request(
        RetentionRefresh,
        { input: { sealedSession: seal } },
        { apiKey: null },
      );
      seal = dataOf(answer).refreshSession.sealedSession;
    }
    const chain = await prisma.refreshToken.findMany({
      where: { sessionId: live.sessionId },
      orderBy: { createdAt: 'asc' },
    });
    expect(chain).toHaveLength(4);
    // Spent 9 and 8 days ago (their successors are that old), the third spent yesterday, the
    // fourth the one in use.
    const ages = [10, 9, 8, 1];
    for (const [index, token] of chain.entries()) {
      await prisma.refreshToken.update({
        where: { id: token.id },
        data: { createdAt: daysAgo(ages[index] ?? 0) },
      });
    }

    // Three ended sessions: revoked 8 days ago, expired 9 days ago, revoked yesterday.
    const revokedLongAgo = await fixtures.session(organization);
    const expiredLongAgo = await fixtures.session(organization);
    const revokedYesterday = await fixtures.session(organization);
    for (const { sessionId } of [revokedLongAgo, revokedYesterday]) {
      expect(
        dataOf(await server.request(RevokeSession, { input: { id: sessionId } })).revokeSession,
      ).toBeTruthy();
    }
    await prisma.session.update({ where: { id: revokedLongAgo.sessionId }, data: { revokedAt: daysAgo(8) } });
    await prisma.session.update({ where: { id: expiredLongAgo.sessionId }, data: { expiresAt: daysAgo(9) } });
    await prisma.session.update({
      where: { id: revokedYesterday.sessionId },
      data: { revokedAt: daysAgo(1) },
    });

    // Events: the oldest five are 31 days old, the rest recent.
    const oldest = await prisma.event.findMany({ orderBy: { id: 'asc' }, take: 5, select: { id: true } });
    const oldIds = oldest.map((event) => event.id);
    await prisma.event.updateMany({ where: { id: { in: oldIds } }, data: { createdAt: daysAgo(31) } });
    const recent = await prisma.event.findMany({ where: { id: { notIn: oldIds } }, select: { id: true } });

    // The server's own purge runs every 200 ms: wait until it has counted what it deleted.
    await expect
      .poll(async () => (await purgedCount(server, 'event')) - before.event, { timeout: 30_000 })
      .toBe(5);
    await expect
      .poll(async () => (await purgedCount(server, 'session')) - before.session, { timeout: 30_000 })
      .toBe(2);
    await expect
      .poll(async () => (await purgedCount(server, 'refresh_token')) - before.refresh_token, {
        timeout: 30_000,
      })
      .toBe(2);

    // Ended long enough ago: gone, with their tokens (cascade).
    for (const { sessionId } of [revokedLongAgo, expiredLongAgo]) {
      expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull();
      expect(await prisma.refreshToken.count({ where: { sessionId } })).toBe(0);
    }
    // Revoked yesterday: kept, so a reuse of its tokens is still recognised.
    expect(await prisma.session.findUnique({ where: { id: revokedYesterday.sessionId } })).not.toBeNull();
    expect(await prisma.refreshToken.count({ where: { sessionId: revokedYesterday.sessionId } })).toBe(1);

    // The live session keeps the token spent yesterday and the one in use, and still refreshes.
    const kept = await prisma.refreshToken.findMany({
      where: { sessionId: live.sessionId },
      select: { id: true },
    });
    expect(kept.map((token) => token.id).sort()).toEqual([chain[2]?.id, chain[3]?.id].sort());
    const refreshed = await server.request(
      RetentionRefresh,
      { input: { sealedSession: seal } },
      { apiKey: null },
    );
    expect(refreshed.errors).toBeUndefined();
    expect(dataOf(refreshed).refreshSession.session.featureFlags).toEqual([]);

    // Exactly the old events are gone.
    expect(await prisma.event.count({ where: { id: { in: oldIds } } })).toBe(0);
    expect(await prisma.event.count({ where: { id: { in: recent.map((event) => event.id) } } })).toBe(
      recent.length,
    );
  });

  it('keeps the latest event whatever its age, so a starting feed knows where the log stands', {
    timeout: 60_000,
  }, async () => {
    await fixtures.flag('the-last-word');
    const latest = await prisma.event.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const already = await purgedCount(server, 'event');
    const total = await prisma.event.count();
    await prisma.event.updateMany({ data: { createdAt: daysAgo(40) } });
    await expect
      .poll(async () => (await purgedCount(server, 'event')) - already, { timeout: 30_000 })
      .toBe(total - 1);
    const left = await prisma.event.findMany({ select: { id: true } });
    expect(left.map((event) => event.id)).toEqual([latest.id]);
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createPennantClient,
  type FlagsChange,
  type PennantClient,
  type PennantClientError,
  type PennantClientOptions,
} from '../src/client/index.ts';
import { createLiveFlagsApp } from './fixtures/express-live-flags-app.mjs';
import { graphql } from './gql/index.ts';
import { RevokeSession, realtimeFixtures } from './helpers/realtime.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';

const CurrentEnvironment = graphql(`
  query ClientCurrentEnvironment { currentEnvironment { clientId } }
`);
const RefreshWithSeal = graphql(`
  mutation ClientRefreshWithSeal($input: RefreshSessionInput!) {
    refreshSession(input: $input) { sealedSession session { featureFlags } }
  }
`);

const cookiePassword = 'a-cookie-password-of-at-least-32-characters!';
let server: TestServer;
let fixtures: ReturnType<typeof realtimeFixtures>;
let app: Server;
let appUrl: string;
const clients: PennantClient[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: { PENNANT_COOKIE_PASSWORD: cookiePassword, PENNANT_RATE_LIMIT_CREATE_SESSION: '100000' },
  });
  fixtures = realtimeFixtures(server);
  const clientId = dataOf(await server.request(CurrentEnvironment, {})).currentEnvironment.clientId;
  process.env.WORKOS_API_KEY = server.keys.sandbox;
  process.env.WORKOS_CLIENT_ID = clientId;
  process.env.WORKOS_COOKIE_PASSWORD = cookiePassword;
  const pennant = new URL(server.url);
  const express = createLiveFlagsApp({
    apiHostname: pennant.hostname,
    port: Number(pennant.port),
    https: false,
  });
  app = await new Promise<Server>((resolve) => {
    const listening = express.listen(0, '127.0.0.1', () => resolve(listening));
  });
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  await server?.close();
});

function client(options: Omit<PennantClientOptions, 'url'> & Partial<Pick<PennantClientOptions, 'url'>>) {
  const created = createPennantClient({
    url: server.graphqlUrl,
    webSocketImpl: WebSocket,
    retry: { initialDelayMs: 50, maxDelayMs: 500 },
    ...options,
  } as PennantClientOptions);
  clients.push(created);
  return created;
}

/** Every change the client reports, and a way to wait for the next one. */
function recordChanges(pennant: PennantClient) {
  const changes: FlagsChange[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  let condition: { test: (change: FlagsChange) => boolean; resolve: () => void } | null = null;
  pennant.onChange((change) => {
    changes.push(change);
    if (waiting && changes.length >= waiting.count) waiting.resolve();
    if (condition?.test(change)) condition.resolve();
  });
  return {
    changes,
    /** Resolves once a change satisfies `test` (or one already did). */
    async until(test: (change: FlagsChange) => boolean): Promise<void> {
      if (changes.some(test)) return;
      await new Promise<void>((resolve) => {
        condition = { test, resolve };
      });
    },
    /** Resolves with the change number `count` (1-based) once it has arrived. */
    async nth(count: number): Promise<FlagsChange> {
      if (changes.length < count) {
        await new Promise<void>((resolve) => {
          waiting = { count, resolve };
        });
      }
      return changes[count - 1] as FlagsChange;
    },
  };
}

/**
 * A refresh through the upgraded Express app, as the browser would call it: the app holds the
 * cookie and answers the new access token. Counts the refreshes.
 */
function appRefresher(sealedSession: string) {
  let cookie = sealedSession;
  let completedWaiter: { count: number; resolve: () => void } | null = null;
  const refresher = {
    calls: 0,
    completed: 0,
    /** Resolves once `count` refreshes have answered. */
    async answered(count: number): Promise<void> {
      if (refresher.completed >= count) return;
      await new Promise<void>((resolve) => {
        completedWaiter = { count, resolve };
      });
    },
    async refresh(): Promise<string> {
      refresher.calls += 1;
      try {
        return await refresher.refreshOnce();
      } finally {
        refresher.completed += 1;
        if (completedWaiter && refresher.completed >= completedWaiter.count) completedWaiter.resolve();
      }
    },
    async refreshOnce(): Promise<string> {
      const response = await fetch(`${appUrl}/api/session/refresh`, {
        method: 'POST',
        headers: { cookie: `wos-session=${encodeURIComponent(cookie)}` },
      });
      if (response.status === 401) throw Object.assign(new Error('signed out'), { code: 'INVALID_GRANT' });
      if (!response.ok) throw new Error(`refresh answered ${response.status}`);
      const set = /wos-session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
      if (set) cookie = decodeURIComponent(set);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
  };
  return refresher;
}

async function enableFor(slug: string, organizationId: string) {
  await fixtures.setRule(slug, 'SOME', [organizationId]);
  await fixtures.setEnabled(slug, true);
}

describe('createPennantClient in Node', () => {
  it('with a sealed session: ready with the flags, follows a change, hands back each new seal', async () => {
    const organizationId = await fixtures.organization('Sealed Co');
    await fixtures.flag('sealed-on');
    await fixtures.flag('sealed-later');
    await enableFor('sealed-on', organizationId);
    const session = await fixtures.session(organizationId);
    const seals: string[] = [];
    const pennant = client({
      sealedSession: session.sealedSession,
      onSessionRefreshed: (seal) => seals.push(seal),
    });
    const recorded = recordChanges(pennant);

    await pennant.ready;
    expect(pennant.flags).toEqual(['sealed-on']);
    expect(pennant.isEnabled('sealed-on')).toBe(true);
    expect(pennant.isEnabled('sealed-later')).toBe(false);
    expect(seals).toHaveLength(1);

    await enableFor('sealed-later', organizationId);
    expect(await recorded.nth(1)).toEqual({
      flags: ['sealed-later', 'sealed-on'],
      added: ['sealed-later'],
      removed: [],
    });
    expect(pennant.isEnabled('sealed-later')).toBe(true);
    expect(seals).toHaveLength(2);
    // The seal handed back is the live one: the application can refresh with it.
    const refreshed = await server.request(
      RefreshWithSeal,
      { input: { sealedSession: seals[1] } },
      { apiKey: null },
    );
    expect(dataOf(refreshed).refreshSession.session.featureFlags).toEqual(['sealed-later', 'sealed-on']);
  });

  it('with an access token, refreshing through the application’s Express backend when told', async () => {
    const organizationId = await fixtures.organization('Token Co');
    await fixtures.flag('token-flag');
    const session = await fixtures.session(organizationId);
    const refresher = appRefresher(session.sealedSession);
    const pennant = client({ accessToken: session.accessToken, refresh: () => refresher.refresh() });
    const recorded = recordChanges(pennant);

    await pennant.ready;
    expect(pennant.flags).toEqual([]);
    expect(refresher.calls).toBe(1);

    await enableFor('token-flag', organizationId);
    expect(await recorded.nth(1)).toEqual({ flags: ['token-flag'], added: ['token-flag'], removed: [] });
    await fixtures.removeOrganization('token-flag', organizationId);
    expect(await recorded.nth(2)).toEqual({ flags: [], added: [], removed: ['token-flag'] });
    // Once at start, once per change: a refresh only when told.
    expect(refresher.calls).toBe(3);
  });

  it('refreshes once for a burst of changes that arrive during a refresh', async () => {
    const organizationId = await fixtures.organization('Burst Co');
    for (const slug of ['burst-1', 'burst-2', 'burst-3']) await fixtures.flag(slug);
    const session = await fixtures.session(organizationId);
    const refresher = appRefresher(session.sealedSession);
    let hold: Promise<void> | null = null;
    let release = () => {};
    const pennant = client({
      accessToken: session.accessToken,
      refresh: async () => {
        await hold;
        return refresher.refresh();
      },
    });
    const recorded = recordChanges(pennant);
    await pennant.ready;

    hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Three changes, each heard (the client's cursor reaches it) while the first refresh is held.
    for (const slug of ['burst-1', 'burst-2', 'burst-3']) {
      await enableFor(slug, organizationId);
      const latest = await fixtures.latestCursor();
      while (pennant.cursor !== latest) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();

    await recorded.until((change) => change.flags.length === 3);
    expect(pennant.flags).toEqual(['burst-1', 'burst-2', 'burst-3']);
    // The held refresh answered all three; one more follows for what was announced meanwhile.
    await refresher.answered(3);
    // A follow-up change, which must arrive next: by then every refresh of the burst is done.
    await fixtures.removeOrganization('burst-1', organizationId);
    await recorded.until((change) => change.removed.includes('burst-1'));
    // At start; the one held; one more for everything announced meanwhile; the follow-up.
    expect(refresher.calls).toBe(4);
  });

  it('resumes from its cursor after the server restarts: no change lost, none applied twice', async () => {
    const organizationId = await fixtures.organization('Restart Co');
    for (const slug of ['restart-a', 'restart-b']) await fixtures.flag(slug);
    const session = await fixtures.session(organizationId);
    const refresher = appRefresher(session.sealedSession);
    const errors: PennantClientError[] = [];
    const pennant = client({
      accessToken: session.accessToken,
      refresh: () => refresher.refresh(),
      onError: (error) => errors.push(error),
    });
    const recorded = recordChanges(pennant);
    await pennant.ready;

    await enableFor('restart-a', organizationId);
    expect((await recorded.nth(1)).flags).toEqual(['restart-a']);

    await server.restart();
    // Made while the client is reconnecting (or just after): replayed or sent live, once.
    await enableFor('restart-b', organizationId);
    expect(await recorded.nth(2)).toEqual({
      flags: ['restart-a', 'restart-b'],
      added: ['restart-b'],
      removed: [],
    });
    await fixtures.removeOrganization('restart-a', organizationId);
    expect(await recorded.nth(3)).toEqual({ flags: ['restart-b'], added: [], removed: ['restart-a'] });

    expect(recorded.changes).toHaveLength(3);
    // One refresh at start and one per change: nothing was announced twice.
    expect(refresher.calls).toBe(4);
    // The lost connection was reported, and did not stop the client.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => !error.fatal)).toBe(true);
  });

  it('stops with a fatal error when its session is revoked, and never reconnects', async () => {
    const organizationId = await fixtures.organization('Revoked Co');
    await fixtures.flag('revoked-flag');
    await fixtures.flag('revoked-after');
    const session = await fixtures.session(organizationId);
    const seals: string[] = [];
    let reportError: (error: PennantClientError) => void = () => {};
    const failed = new Promise<PennantClientError>((resolve) => {
      reportError = resolve;
    });
    const errors: PennantClientError[] = [];
    const pennant = client({
      sealedSession: session.sealedSession,
      onSessionRefreshed: (seal) => seals.push(seal),
      onError: (error) => {
        errors.push(error);
        reportError(error);
      },
    });
    const recorded = recordChanges(pennant);
    await pennant.ready;
    // Revoked once its subscription is live (a change reaches it; before it, subscribing would
    // fail UNAUTHENTICATED instead): the live stream must end.
    await enableFor('revoked-flag', organizationId);
    expect((await recorded.nth(1)).flags).toEqual(['revoked-flag']);
    expect(seals).toHaveLength(2);

    dataOf(await server.request(RevokeSession, { input: { id: session.sessionId } }));
    const error = await failed;
    expect(error).toMatchObject({ code: 'INVALID_SESSION', fatal: true });

    // Another member of the organization hears the next change; the stopped client does not act.
    const other = await fixtures.session(organizationId);
    const witness = client({ sealedSession: other.sealedSession });
    const witnessed = recordChanges(witness);
    await witness.ready;
    await enableFor('revoked-after', organizationId);
    expect((await witnessed.nth(1)).flags).toEqual(['revoked-after', 'revoked-flag']);
    expect(pennant.flags).toEqual(['revoked-flag']);
    expect(recorded.changes).toHaveLength(1);
    expect(seals).toHaveLength(2);
    expect(errors).toHaveLength(1);
  });

  it('a credential that does not authenticate rejects ready and reports it once', async () => {
    const errors: PennantClientError[] = [];
    const pennant = client({
      sealedSession: 'Fe26.2*1*not-a-seal~2',
      onError: (error) => errors.push(error),
    });
    await expect(pennant.ready).rejects.toMatchObject({ code: 'CONNECTION_REFUSED', fatal: true });
    expect(errors).toHaveLength(1);
  });
});

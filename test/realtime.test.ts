import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { realtimeFanOut } from '../src/realtime/fan-out.ts';
import {
  CreateApiKey,
  DeleteFlag,
  DeleteMembership,
  DeleteOrganization,
  DeleteUser,
  EventsStream,
  FeatureFlagsChanged,
  LatestCursorQuery,
  RevokeApiKey,
  RevokeSession,
  realtimeFixtures,
} from './helpers/realtime.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { closeCodeOf, connectWs, sleep, type WsConnection } from './helpers/ws.ts';

/**
 * A flag whose rule is ALL in both environments, turned on and off only to prove that nothing
 * else arrived (see `nothingElseArrives`); it is off between proofs, so no other message shows it.
 */
const probeSlug = 'zz-probe';
const allowedOrigin = 'https://app.example.com';

let server: TestServer;
let fixtures: ReturnType<typeof realtimeFixtures>;
const connections: WsConnection[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: {
      PENNANT_WS_INIT_TIMEOUT_MS: '300',
      PENNANT_ALLOWED_ORIGINS: allowedOrigin,
      PENNANT_RATE_LIMIT_CREATE_SESSION: '100000',
    },
  });
  fixtures = realtimeFixtures(server);
  await fixtures.flag(probeSlug);
  // A disabled rule tells nobody, whatever its organizations.
  await fixtures.setRule(probeSlug, 'ALL', undefined, 'sandbox');
  await fixtures.setRule(probeSlug, 'ALL', undefined, 'production');
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await server?.close();
});

function connect(connectionParams: Record<string, unknown>, headers?: Record<string, string>) {
  const connection = connectWs(server.graphqlUrl, { connectionParams, headers });
  connections.push(connection);
  return connection;
}

/** Waits until the server has registered `count` more subscriptions than `before`. */
async function registered(before: number, count: number): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (realtimeFanOut.subscriberCount < before + count) {
    if (Date.now() > deadline) throw new Error('subscriptions were not registered');
    await sleep(5);
  }
}

type FlagsMessage = { featureFlagsChanged: { added: string[]; removed: string[] } };
type EventsMessage = { events: { type: string; flagSlug?: string | null } };

/** What a probe looks like on each kind of stream: on, then off. */
function probeStep(message: FlagsMessage | EventsMessage | undefined): string {
  if (message && 'featureFlagsChanged' in message) {
    const { added, removed } = message.featureFlagsChanged;
    if (added.length === 1 && added[0] === probeSlug && removed.length === 0) return 'on';
    if (removed.length === 1 && removed[0] === probeSlug && added.length === 0) return 'off';
  } else if (message && 'events' in message) {
    if (message.events.type === 'flag.toggled' && message.events.flagSlug === probeSlug) return 'toggled';
  }
  return `not the probe: ${JSON.stringify(message)}`;
}

/**
 * Proves that nothing else arrived, without waiting a fixed time: turns the probe flag on and off
 * in both environments, after everything the test did. The change feed delivers in log order, so
 * each subscription must receive exactly those changes next (an earlier, unexpected message would
 * sit before them and fail here). They are then taken off its list, which leaves the test's own
 * messages, counts and positions.
 */
async function nothingElseArrives(
  subscriptions: {
    messages: (FlagsMessage | EventsMessage)[];
    waitForCount(count: number): Promise<unknown>;
  }[],
): Promise<void> {
  const lengths = subscriptions.map((subscription) => subscription.messages.length);
  for (const environment of ['sandbox', 'production'] as const) {
    await fixtures.setEnabled(probeSlug, true, environment);
    await fixtures.setEnabled(probeSlug, false, environment);
  }
  for (const [index, subscription] of subscriptions.entries()) {
    const from = lengths[index] ?? 0;
    await subscription.waitForCount(from + 2);
    const next = subscription.messages.slice(from, from + 2);
    const expected = next[0] && 'events' in next[0] ? ['toggled', 'toggled'] : ['on', 'off'];
    expect(next.map(probeStep), 'the next messages are the probe’s').toEqual(expected);
    subscription.messages.splice(from, 2);
  }
}

async function subscribeFlags(credential: Record<string, unknown>, after?: string) {
  const before = realtimeFanOut.subscriberCount;
  const subscription = connect(credential).subscribe(FeatureFlagsChanged, { after });
  await registered(before, 1);
  return subscription;
}

describe('featureFlagsChanged: who hears what', () => {
  let acme: string;
  let globex: string;
  let acmeSandbox: Awaited<ReturnType<typeof subscribeFlags>>;
  let acmeSandboxSecond: Awaited<ReturnType<typeof subscribeFlags>>;
  let globexSandbox: Awaited<ReturnType<typeof subscribeFlags>>;
  let acmeProduction: Awaited<ReturnType<typeof subscribeFlags>>;
  let acmeInProduction: string;
  let counts: () => number[];
  let all: Awaited<ReturnType<typeof subscribeFlags>>[];

  beforeAll(async () => {
    acme = await fixtures.organization('Acme');
    globex = await fixtures.organization('Globex');
    await fixtures.flag('beta-reports');
    await fixtures.flag('new-billing');
    const acmeSession = await fixtures.session(acme, 'sandbox');
    const acmeSession2 = await fixtures.session(acme, 'sandbox');
    const globexSession = await fixtures.session(globex, 'sandbox');
    // Organizations belong to one environment: production has its own Acme.
    acmeInProduction = await fixtures.organization('Acme', 'production');
    const acmeProductionSession = await fixtures.session(acmeInProduction, 'production');
    // The three ways a client authenticates: access token, sealed session, session cookie.
    acmeSandbox = await subscribeFlags({ accessToken: acmeSession.accessToken });
    acmeSandboxSecond = await subscribeFlags({ sealedSession: acmeSession2.sealedSession });
    globexSandbox = await subscribeFlags({ accessToken: globexSession.accessToken });
    const before = realtimeFanOut.subscriberCount;
    acmeProduction = connect(
      {},
      { cookie: `${server.config.cookieName}=${acmeProductionSession.sealedSession}`, origin: allowedOrigin },
    ).subscribe(FeatureFlagsChanged, {});
    await registered(before, 1);
    all = [acmeSandbox, acmeSandboxSecond, globexSandbox, acmeProduction];
    counts = () => all.map((subscription) => subscription.messages.length);
  });

  it('toggling a flag whose rule is NONE tells nobody', async () => {
    await fixtures.setEnabled('beta-reports', true);
    await nothingElseArrives(all);
    expect(counts()).toEqual([0, 0, 0, 0]);
  });

  it('adding one organization to a SOME list tells only that organization', async () => {
    const started = performance.now();
    let arrived = 0;
    void acmeSandbox.waitForCount(1).then(() => {
      arrived = performance.now();
    });
    await fixtures.addOrganization('beta-reports', acme);
    const responded = performance.now();
    const [message] = await acmeSandbox.waitForCount(1);
    await sleep(0);
    console.info(
      `featureFlagsChanged: mutation answered in ${(responded - started).toFixed(1)} ms; message arrived ${(arrived - started).toFixed(1)} ms after the mutation was sent`,
    );
    expect(message?.featureFlagsChanged).toMatchObject({
      organizationId: acme,
      environment: 'sandbox',
      featureFlags: ['beta-reports'],
      added: ['beta-reports'],
      removed: [],
      reason: 'rule.updated',
    });
    await acmeSandboxSecond.waitForCount(1);
    expect(acmeSandboxSecond.messages[0]).toEqual(message);
    await nothingElseArrives(all);
    expect(counts()).toEqual([1, 1, 0, 0]);
  });

  it('toggling a flag with rule ALL tells every organization of that environment, and no other environment', async () => {
    await fixtures.setRule('new-billing', 'ALL');
    await nothingElseArrives(all);
    expect(counts(), 'a disabled rule reaches nobody, whatever its organization rule').toEqual([1, 1, 0, 0]);
    await fixtures.setEnabled('new-billing', true);
    const [, acmeMessage] = await acmeSandbox.waitForCount(2);
    const [globexMessage] = await globexSandbox.waitForCount(1);
    expect(acmeMessage?.featureFlagsChanged).toMatchObject({
      featureFlags: ['beta-reports', 'new-billing'],
      added: ['new-billing'],
      reason: 'flag.toggled',
    });
    expect(globexMessage?.featureFlagsChanged).toMatchObject({
      organizationId: globex,
      featureFlags: ['new-billing'],
      added: ['new-billing'],
      removed: [],
    });
    await nothingElseArrives(all);
    expect(counts()).toEqual([2, 2, 1, 0]);
  });

  it('a change in another environment is heard only there', async () => {
    await fixtures.setRule('new-billing', 'SOME', [acmeInProduction], 'production');
    await fixtures.setEnabled('new-billing', true, 'production');
    const [message] = await acmeProduction.waitForCount(1);
    expect(message?.featureFlagsChanged).toMatchObject({
      organizationId: acmeInProduction,
      environment: 'production',
      featureFlags: ['new-billing'],
      added: ['new-billing'],
    });
    await nothingElseArrives(all);
    expect(counts()).toEqual([2, 2, 1, 1]);
  });

  it('a change that leaves an organization’s answer alone tells it nothing', async () => {
    // ALL → SOME [acme]: acme keeps new-billing, globex loses it.
    await fixtures.setRule('new-billing', 'SOME', [acme]);
    const [, message] = await globexSandbox.waitForCount(2);
    expect(message?.featureFlagsChanged).toMatchObject({ featureFlags: [], removed: ['new-billing'] });
    await nothingElseArrives(all);
    expect(counts()).toEqual([2, 2, 2, 1]);
  });

  it('deleting a flag tells the organizations that had it', async () => {
    dataOf(
      await server.request(DeleteFlag, { input: { slug: 'beta-reports' } }, { apiKey: server.keys.admin }),
    );
    const [, , message] = await acmeSandbox.waitForCount(3);
    expect(message?.featureFlagsChanged).toMatchObject({
      featureFlags: ['new-billing'],
      removed: ['beta-reports'],
      reason: 'flag.deleted',
    });
    await nothingElseArrives(all);
    expect(counts()).toEqual([3, 3, 2, 1]);
  });

  it('each subscriber’s cursors increase', () => {
    for (const subscription of [acmeSandbox, globexSandbox]) {
      const cursors = subscription.messages.map((m) => BigInt(m.featureFlagsChanged.cursor));
      expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
      expect(new Set(cursors).size).toBe(cursors.length);
    }
  });
});

describe('featureFlagsChanged: resuming after a disconnect', () => {
  it('replays what was missed as one event with the current set, then continues live without gap or duplicate', async () => {
    const initech = await fixtures.organization('Initech');
    await fixtures.flag('dark-mode');
    await fixtures.flag('exports');
    await fixtures.flag('audit-log');
    await fixtures.setEnabled('dark-mode', true);
    await fixtures.setEnabled('exports', true);
    await fixtures.setEnabled('audit-log', true);
    const session = await fixtures.session(initech);
    const first = await subscribeFlags({ accessToken: session.accessToken });
    await fixtures.addOrganization('dark-mode', initech);
    await fixtures.addOrganization('audit-log', initech);
    const received = await first.waitForCount(2);
    const lastCursor = received[1]?.featureFlagsChanged.cursor as string;
    first.stop();

    // While disconnected: exports on, dark-mode off, audit-log off then on again (net: no change).
    await fixtures.addOrganization('exports', initech);
    await fixtures.removeOrganization('dark-mode', initech);
    await fixtures.setEnabled('audit-log', false);
    await fixtures.setEnabled('audit-log', true);
    const missedUpTo = await fixtures.latestCursor();

    const resumed = await subscribeFlags({ accessToken: session.accessToken }, lastCursor);
    const [replay] = await resumed.waitForCount(1);
    expect(replay?.featureFlagsChanged).toMatchObject({
      organizationId: initech,
      featureFlags: ['audit-log', 'exports'],
      added: ['exports'],
      removed: ['dark-mode'],
      reason: 'replay',
    });
    expect(BigInt(replay?.featureFlagsChanged.cursor ?? 0)).toBeGreaterThanOrEqual(BigInt(missedUpTo));

    await fixtures.setEnabled('exports', false);
    const [, live] = await resumed.waitForCount(2);
    expect(live?.featureFlagsChanged).toMatchObject({
      featureFlags: ['audit-log'],
      removed: ['exports'],
      reason: 'flag.toggled',
    });
    await nothingElseArrives([resumed]);
    expect(resumed.messages).toHaveLength(2);
  });

  it('a client that never got a message resumes from latestCursor, read with its session before its flags', async () => {
    const stark = await fixtures.organization('Stark');
    await fixtures.flag('repulsors');
    await fixtures.setEnabled('repulsors', true);
    const session = await fixtures.session(stark);
    const cursor = dataOf(
      await server.request(
        LatestCursorQuery,
        {},
        { apiKey: null, headers: { authorization: `Bearer ${session.accessToken}` } },
      ),
    ).latestCursor;
    expect(cursor).toMatch(/^\d+$/);
    // Offline from here: the change happens before any subscription.
    await fixtures.addOrganization('repulsors', stark);
    const resumed = await subscribeFlags({ accessToken: session.accessToken }, cursor);
    const [replay] = await resumed.waitForCount(1);
    expect(replay?.featureFlagsChanged).toMatchObject({
      featureFlags: ['repulsors'],
      added: ['repulsors'],
      reason: 'replay',
    });
    const anonymous = await server.request(LatestCursorQuery, {}, { apiKey: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a resume with nothing missed sends nothing until the next change', async () => {
    const umbrella = await fixtures.organization('Umbrella');
    await fixtures.flag('labs');
    await fixtures.setEnabled('labs', true);
    const session = await fixtures.session(umbrella);
    const cursor = await fixtures.latestCursor();
    await fixtures.setEnabled('dark-mode', false); // another flag, not Umbrella's
    const resumed = await subscribeFlags({ sealedSession: session.sealedSession }, cursor);
    await nothingElseArrives([resumed]);
    expect(resumed.messages).toHaveLength(0);
    await fixtures.addOrganization('labs', umbrella);
    const [message] = await resumed.waitForCount(1);
    expect(message?.featureFlagsChanged).toMatchObject({ added: ['labs'], reason: 'rule.updated' });
  });

  it('changes racing with the resume arrive exactly once, in order', async () => {
    const hooli = await fixtures.organization('Hooli');
    const slugs = ['race-1', 'race-2', 'race-3', 'race-4', 'race-5', 'race-6'];
    for (const slug of slugs) {
      await fixtures.flag(slug);
      await fixtures.setEnabled(slug, true);
    }
    const session = await fixtures.session(hooli);
    const cursor = await fixtures.latestCursor();
    await fixtures.addOrganization('race-1', hooli);
    // Subscribe while the other changes are being made.
    const changes = (async () => {
      for (const slug of slugs.slice(1)) await fixtures.addOrganization(slug, hooli);
    })();
    const resumed = connect({ accessToken: session.accessToken }).subscribe(FeatureFlagsChanged, {
      after: cursor,
    });
    await changes;
    // Until the last message holds every flag: no deadline of ours (a loaded machine may take
    // long; the test's timeout bounds it), checked at each message rather than polled.
    await resumed.waitUntil(
      (messages) => messages.at(-1)?.featureFlagsChanged.featureFlags.length === slugs.length,
    );
    await nothingElseArrives([resumed]);
    // Replaying added/removed from the empty set gives each message's set: nothing lost twice or missed.
    const set = new Set<string>();
    let previousCursor = BigInt(cursor);
    for (const { featureFlagsChanged: message } of resumed.messages) {
      expect(BigInt(message.cursor)).toBeGreaterThan(previousCursor);
      previousCursor = BigInt(message.cursor);
      for (const slug of message.added) {
        expect(set.has(slug), `${slug} added twice`).toBe(false);
        set.add(slug);
      }
      for (const slug of message.removed) set.delete(slug);
      expect([...set].sort()).toEqual(message.featureFlags);
    }
    expect([...set].sort()).toEqual(slugs);
  });
});

describe('featureFlagsChanged: access', () => {
  it('needs a session: an API-key connection gets UNAUTHENTICATED', async () => {
    const subscription = connect({ apiKey: server.keys.sandbox }).subscribe(FeatureFlagsChanged, {});
    await subscription.waitForEnd();
    expect(JSON.stringify(subscription.errors)).toContain('UNAUTHENTICATED');
  });

  it('a revoked session’s subscription ends with INVALID_SESSION; nothing new starts with it', async () => {
    const organization = await fixtures.organization('Revoked');
    const session = await fixtures.session(organization);
    // An API key on the same connection keeps an events stream (and so the socket) open.
    const connection = connect({ accessToken: session.accessToken, apiKey: server.keys.sandbox });
    const before = realtimeFanOut.subscriberCount;
    const subscription = connection.subscribe(FeatureFlagsChanged, {});
    const keepOpen = connection.subscribe(EventsStream, { environment: 'sandbox' });
    await registered(before, 2);
    dataOf(await server.request(RevokeSession, { input: { id: session.sessionId } }));
    await subscription.waitForEnd();
    expect(JSON.stringify(subscription.errors)).toContain('INVALID_SESSION');
    // Each operation checks the connection's credentials again.
    const again = connection.subscribe(FeatureFlagsChanged, {});
    await again.waitForEnd();
    expect(JSON.stringify(again.errors)).toContain('UNAUTHENTICATED');
    keepOpen.stop();
    // And a new connection with it is refused.
    expect(await closeCodeOf(server.graphqlUrl, { init: { accessToken: session.accessToken } })).toEqual({
      code: 4403,
      acknowledged: false,
    });
  });

  it('ends when the member leaves the organization or the user is deleted', async () => {
    const organization = await fixtures.organization('Leavers');
    const leaver = await fixtures.session(organization);
    const deleted = await fixtures.session(organization);
    const stays = await fixtures.session(organization);
    const leaving = await subscribeFlags({ accessToken: leaver.accessToken });
    const deleting = await subscribeFlags({ accessToken: deleted.accessToken });
    const staying = await subscribeFlags({ accessToken: stays.accessToken });
    dataOf(await server.request(DeleteMembership, { input: { id: leaver.membershipId } }));
    await leaving.waitForEnd();
    expect(JSON.stringify(leaving.errors)).toContain('INVALID_SESSION');
    dataOf(await server.request(DeleteUser, { input: { id: deleted.userId } }));
    await deleting.waitForEnd();
    expect(JSON.stringify(deleting.errors)).toContain('INVALID_SESSION');
    await nothingElseArrives([staying]);
    expect(staying.errors).toEqual([]);
    expect(staying.completed).toBe(false);
  });

  it('a subscription ends when its session expires', async () => {
    const organization = await fixtures.organization('Expiring');
    // Sessions last at least a minute; bring this one's end close instead of waiting. The
    // subscription must be accepted before that end for the test to show the server ending it:
    // on a machine too loaded to subscribe within the window, a new session gets a longer one.
    let subscription: ReturnType<ReturnType<typeof connect>['subscribe']> | undefined;
    for (let windowMs = 1500; !subscription; windowMs *= 2) {
      const session = await fixtures.session(organization);
      await prisma.session.update({
        where: { id: session.sessionId },
        data: { expiresAt: new Date(Date.now() + windowMs) },
      });
      const before = realtimeFanOut.subscriberCount;
      const attempt = connect({ sealedSession: session.sealedSession }).subscribe(FeatureFlagsChanged, {});
      while (realtimeFanOut.subscriberCount < before + 1 && attempt.errors.length === 0) await sleep(5);
      if (attempt.errors.length === 0) subscription = attempt;
    }
    expect(subscription.errors).toEqual([]);
    // No deadline of its own: the test's timeout bounds it.
    await subscription.waitForEnd(Number.POSITIVE_INFINITY);
    expect(JSON.stringify(subscription.errors)).toContain('INVALID_SESSION');
  });

  it('a deleted organization’s subscribers get an empty set and the stream ends', async () => {
    const doomed = await fixtures.organization('Doomed');
    await fixtures.flag('doomed-flag');
    await fixtures.setEnabled('doomed-flag', true);
    await fixtures.addOrganization('doomed-flag', doomed);
    const session = await fixtures.session(doomed);
    const subscription = await subscribeFlags({ accessToken: session.accessToken });
    dataOf(await server.request(DeleteOrganization, { input: { id: doomed } }));
    const [message] = await subscription.waitForCount(1);
    expect(message?.featureFlagsChanged).toMatchObject({
      featureFlags: [],
      removed: ['doomed-flag'],
      reason: 'organization.deleted',
    });
    await subscription.waitForEnd();
    expect(subscription.completed).toBe(true);
  });
});

describe('events: the audit stream', () => {
  it('streams every change of the key’s environment, and none of another', async () => {
    await fixtures.flag('stream-me');
    const before = realtimeFanOut.subscriberCount;
    const stream = connect({ apiKey: server.keys.sandbox }).subscribe(EventsStream, {
      environment: 'sandbox',
    });
    await registered(before, 1);
    await fixtures.setEnabled('stream-me', true, 'production');
    await fixtures.setEnabled('stream-me', true, 'sandbox');
    const [event] = await stream.waitForCount(1);
    expect(event?.events).toMatchObject({
      type: 'flag.toggled',
      flagSlug: 'stream-me',
      environment: { slug: 'sandbox' },
    });
    await nothingElseArrives([stream]);
    expect(stream.messages).toHaveLength(1);
  });

  it('ends when its API key is revoked', async () => {
    const created = dataOf(await server.request(CreateApiKey, { input: { name: 'dashboard' } })).createApiKey;
    const before = realtimeFanOut.subscriberCount;
    const stream = connect({ apiKey: created.secret }).subscribe(EventsStream, { environment: 'sandbox' });
    await registered(before, 1);
    dataOf(await server.request(RevokeApiKey, { input: { id: created.apiKey.id } }));
    await stream.waitForEnd();
    expect(JSON.stringify(stream.errors)).toContain('UNAUTHENTICATED');
  });

  it('refuses another environment with FORBIDDEN', async () => {
    const stream = connect({ apiKey: server.keys.sandbox }).subscribe(EventsStream, {
      environment: 'production',
    });
    await stream.waitForEnd();
    expect(JSON.stringify(stream.errors)).toContain('FORBIDDEN');
  });

  it('resumes from a cursor: the missed events in order, then live, each once', async () => {
    await fixtures.flag('resume-events');
    const cursor = await fixtures.latestCursor();
    await fixtures.setEnabled('resume-events', true);
    await fixtures.setEnabled('resume-events', true, 'production');
    await fixtures.setEnabled('resume-events', false);
    const stream = connect({ apiKey: server.keys.sandbox }).subscribe(EventsStream, {
      environment: 'sandbox',
      after: cursor,
    });
    const replayed = await stream.waitForCount(2);
    expect(replayed.map((m) => m.events.type)).toEqual(['flag.toggled', 'flag.toggled']);
    await fixtures.flag('resume-events-2');
    const [, , live] = await stream.waitForCount(3);
    expect(live?.events).toMatchObject({
      type: 'flag.created',
      flagSlug: 'resume-events-2',
      environment: null,
    });
    const cursors = stream.messages.map((m) => BigInt(m.events.cursor));
    expect(cursors.every((c, i) => i === 0 || c > (cursors[i - 1] as bigint))).toBe(true);
    await nothingElseArrives([stream]);
    expect(stream.messages).toHaveLength(3);
  });

  it('rejects a cursor that is not one', async () => {
    const stream = connect({ apiKey: server.keys.sandbox }).subscribe(EventsStream, {
      environment: 'sandbox',
      after: '99999999999',
    });
    await stream.waitForEnd();
    expect(JSON.stringify(stream.errors)).toContain('BAD_USER_INPUT');
  });
});

describe('Server-Sent Events', () => {
  async function* sseData(response: Response): AsyncGenerator<unknown> {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (data) yield JSON.parse(data);
        end = buffer.indexOf('\n\n');
      }
    }
  }

  it('streams events over text/event-stream with an API key', async () => {
    await fixtures.flag('sse-flag');
    const controller = new AbortController();
    const before = realtimeFanOut.subscriberCount;
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${server.keys.sandbox}`,
      },
      body: JSON.stringify({
        query: 'subscription { events(environment: "sandbox") { type flagSlug cursor } }',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await registered(before, 1);
    await fixtures.setEnabled('sse-flag', true);
    const iterator = sseData(response);
    const { value } = await iterator.next();
    expect(value).toMatchObject({ data: { events: { type: 'flag.toggled', flagSlug: 'sse-flag' } } });
    controller.abort();
  });

  it('streams featureFlagsChanged with a bearer access token', async () => {
    const soylent = await fixtures.organization('Soylent');
    await fixtures.flag('sse-session-flag');
    await fixtures.setEnabled('sse-session-flag', true);
    const session = await fixtures.session(soylent);
    const controller = new AbortController();
    const before = realtimeFanOut.subscriberCount;
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${session.accessToken}`,
      },
      body: JSON.stringify({ query: 'subscription { featureFlagsChanged { featureFlags added reason } }' }),
    });
    expect(response.status).toBe(200);
    await registered(before, 1);
    await fixtures.addOrganization('sse-session-flag', soylent);
    const { value } = await sseData(response).next();
    expect(value).toMatchObject({
      data: {
        featureFlagsChanged: {
          featureFlags: ['sse-session-flag'],
          added: ['sse-session-flag'],
          reason: 'rule.updated',
        },
      },
    });
    controller.abort();
  });
});

describe('Server-Sent Events with the session cookie', () => {
  function openSse(origin: string | undefined, cookie: string) {
    const controller = new AbortController();
    const response = fetch(server.graphqlUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        cookie,
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify({ query: 'subscription { featureFlagsChanged { featureFlags } }' }),
    });
    response.catch(() => {}); // aborted by the test
    return { controller, response };
  }

  async function firstSseData(origin: string | undefined, cookie: string): Promise<unknown> {
    const { controller, response } = openSse(origin, cookie);
    const reader = ((await response).body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    // Until the first event (or the end): no deadline of ours, the test's timeout bounds it.
    try {
      while (!text.includes('\n\n')) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
    } finally {
      controller.abort();
    }
    return text;
  }

  it('is used from an allowed origin and ignored from any other', async () => {
    const organization = await fixtures.organization('SSE Cookie');
    const session = await fixtures.session(organization);
    const cookie = `${server.config.cookieName}=${session.sealedSession}`;
    expect(await firstSseData('https://evil.example', cookie)).toContain('UNAUTHENTICATED');
    const before = realtimeFanOut.subscriberCount;
    // Held open until the server has registered it, however slow a loaded machine is.
    const allowed = openSse(allowedOrigin, cookie);
    try {
      await registered(before, 1);
    } finally {
      allowed.controller.abort();
    }
  });
});

describe('WebSocket close codes', () => {
  it('4403 without a credential', async () => {
    expect(await closeCodeOf(server.graphqlUrl, { init: {} })).toEqual({ code: 4403, acknowledged: false });
  });

  it('4403 with a bad API key, access token or sealed session', async () => {
    for (const init of [
      { apiKey: 'sk_test_nope' },
      { accessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' },
      { sealedSession: 'Fe26.2**nope' },
    ]) {
      expect(await closeCodeOf(server.graphqlUrl, { init }), JSON.stringify(init)).toEqual({
        code: 4403,
        acknowledged: false,
      });
    }
  });

  it('4408 when no connection_init arrives in time', async () => {
    const started = Date.now();
    expect(await closeCodeOf(server.graphqlUrl, { init: false })).toEqual({
      code: 4408,
      acknowledged: false,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('a session cookie works from an allowed origin, or without Origin, and gets 4403 from any other', async () => {
    const organization = await fixtures.organization('Cookie Co');
    const session = await fixtures.session(organization);
    const cookie = `${server.config.cookieName}=${session.sealedSession}`;
    const open = { code: 'open', acknowledged: true };
    expect(await closeCodeOf(server.graphqlUrl, { headers: { cookie, origin: allowedOrigin } })).toEqual(
      open,
    );
    expect(await closeCodeOf(server.graphqlUrl, { headers: { cookie } })).toEqual(open);
    const host = new URL(server.url).host;
    expect(
      await closeCodeOf(server.graphqlUrl, { headers: { cookie, origin: `http://${host}` } }),
      'same origin',
    ).toEqual(open);
    expect(
      await closeCodeOf(server.graphqlUrl, { headers: { cookie, origin: 'https://evil.example' } }),
    ).toEqual({
      code: 4403,
      acknowledged: false,
    });
  });

  it('a valid credential is acknowledged', async () => {
    expect(await closeCodeOf(server.graphqlUrl, { init: { apiKey: server.keys.sandbox } })).toEqual({
      code: 'open',
      acknowledged: true,
    });
  });
});

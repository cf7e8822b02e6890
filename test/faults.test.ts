import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, testDatabaseUrl } from './helpers/database.ts';
import {
  postGraphQL,
  postgresBinDir,
  type ServerProcess,
  spawnServer,
  ThrowawayPostgres,
} from './helpers/process.ts';
import { freePort, runPrefix } from './helpers/realtime-processes.ts';

/**
 * Faults, with nothing lost: two instances edited at once, one of them killed mid-stream, and
 * PostgreSQL stopped and started under load. They need real PostgreSQL (and Redis for two
 * instances); without them they are skipped, and say so.
 */

const redisUrl = process.env.TEST_REDIS_URL || undefined;
const twoInstances = Boolean(testDatabaseUrl && redisUrl);
const postgresRestart = Boolean(testDatabaseUrl && postgresBinDir());
if (!twoInstances) {
  console.warn(
    'faults.test.ts: set TEST_DATABASE_URL and TEST_REDIS_URL to run "concurrent edits through two instances" and "SIGKILL of one instance mid-stream" (NOT run).',
  );
}
if (!postgresRestart) {
  console.warn(
    'faults.test.ts: set TEST_DATABASE_URL (and install the PostgreSQL server binaries) to run "PostgreSQL restarted under load" (NOT run).',
  );
}

type Spawned = ServerProcess & { cleanup(): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function graphql<T>(
  server: Spawned,
  apiKey: string,
  query: string,
  variables?: Record<string, unknown>,
) {
  const { body, status } = await postGraphQL(
    server.graphqlUrl,
    { query, variables },
    { authorization: `Bearer ${apiKey}` },
  );
  return { status, data: body.data as T | undefined, errors: body.errors };
}

/** Every node of a connection (`connection(first, after …)` at the root), page by page. */
async function allNodes<Node>(
  server: Spawned,
  apiKey: string,
  connection: string,
  selection: string,
  filter = '',
): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { data?: Record<string, Page<Node>>; errors?: unknown } = await graphql<
      Record<string, Page<Node>>
    >(
      server,
      apiKey,
      `query ($after: String) { ${connection}(first: 100, after: $after${filter}) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(page.errors).toBeUndefined();
    const connectionPage: Page<Node> = page.data![connection]!;
    nodes.push(...connectionPage.edges.map((edge) => edge.node));
    if (!connectionPage.pageInfo.hasNextPage) return nodes;
    after = connectionPage.pageInfo.endCursor;
  }
}

interface Page<Node> {
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface StreamedEvent {
  cursor: string;
  type: string;
  organizationId: string | null;
}

/** The live audit stream of the sandbox over graphql-ws, from a cursor. */
async function subscribeToEvents(server: Spawned, apiKey: string, after: string) {
  const received: StreamedEvent[] = [];
  const socket = new WebSocket(server.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  let acknowledged!: () => void;
  const ack = new Promise<void>((resolve) => {
    acknowledged = resolve;
  });
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      payload?: { data?: { events: StreamedEvent } };
    };
    if (message.type === 'connection_ack') acknowledged();
    if (message.type === 'next' && message.payload?.data) received.push(message.payload.data.events);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey } }));
  await ack;
  socket.send(
    JSON.stringify({
      id: 'events',
      type: 'subscribe',
      payload: {
        query:
          'subscription($after: String) { events(environment: "sandbox", after: $after) { cursor type organizationId } }',
        variables: { after },
      },
    }),
  );
  return {
    received,
    closed,
    close: () => socket.close(1000),
  };
}

describe.skipIf(!twoInstances)('two instances on PostgreSQL and Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  let a: Spawned;
  let b: Spawned;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      PENNANT_REDIS_PREFIX: runPrefix(),
      PENNANT_SECRET: 'faults-test-secret-0123456789abcdef0123456789',
      PENNANT_COOKIE_PASSWORD: 'faults-test-cookie-password-0123456789abcdef',
      // The safety net that finds a change whose publisher died before publishing it.
      PENNANT_CHANGE_POLL_MS: '300',
    };
    a = await spawnServer({ env });
    key = a.keys.sandbox!;
    b = await spawnServer({ env, waitForKeys: false });
  }, 180_000);
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
    await database?.drop();
  });

  it('concurrent edits through both instances lose no update and record one event per change', async () => {
    await graphql(
      a,
      key,
      'mutation { createFeatureFlag(input: { slug: "contested", name: "Contested" }) { featureFlag { id } } }',
    );
    const organizations: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      const created = await graphql<{ createOrganization: { organization: { id: string } } }>(
        index % 2 ? a : b,
        key,
        `mutation { createOrganization(input: { name: "Contested ${index}" }) { organization { id } } }`,
      );
      organizations.push(created.data!.createOrganization.organization.id);
    }
    const rule = async () =>
      (
        await graphql<{
          featureFlag: { rule: { version: number; enabled: boolean; organizationIds: string[] } };
        }>(
          b,
          key,
          '{ featureFlag(slug: "contested") { rule(environment: "sandbox") { version enabled organizationIds } } }',
        )
      ).data!.featureFlag.rule;
    const startVersion = (await rule()).version;

    // Twelve additions at once, half through each instance, no expectedVersion: all kept.
    const additions = await Promise.all(
      organizations.map((organizationId, index) =>
        graphql(
          index % 2 ? a : b,
          key,
          'mutation($o: ID!) { addFeatureFlagOrganization(input: { slug: "contested", environment: "sandbox", organizationId: $o }) { rule { version } } }',
          { o: organizationId },
        ),
      ),
    );
    expect(additions.map((result) => result.errors)).toEqual(additions.map(() => undefined));
    const afterAdditions = await rule();
    expect(afterAdditions.organizationIds.sort()).toEqual([...organizations].sort());
    expect(afterAdditions.version).toBe(startVersion + 12);

    // Ten toggles racing from the same expectedVersion: exactly one wins.
    const toggles = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        graphql(
          index % 2 ? a : b,
          key,
          'mutation($v: Int) { setFeatureFlagEnabled(input: { slug: "contested", environment: "sandbox", enabled: true, expectedVersion: $v }) { rule { version } } }',
          { v: afterAdditions.version },
        ),
      ),
    );
    const codes = toggles.map((result) =>
      result.errors ? String(result.errors[0]?.extensions?.code) : 'ok',
    );
    expect(codes.filter((code) => code === 'ok')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(9);
    expect((await rule()).version).toBe(startVersion + 13);

    // The log holds exactly one event per successful change, with every version once.
    const events = await graphql<{
      events: { edges: { node: { type: string; after: { version: number } } }[] };
    }>(b, key, '{ events(flagSlug: "contested", first: 100) { edges { node { type after } } } }');
    const ruleEvents = events
      .data!.events.edges.map((edge) => edge.node)
      .filter((node) => node.type !== 'flag.created');
    expect(ruleEvents).toHaveLength(13);
    expect(ruleEvents.map((node) => node.after.version).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 13 }, (_, index) => startVersion + 1 + index),
    );
  });

  it('SIGKILL of one instance mid-stream: every answered mutation is stored and logged, and subscribers on the other instance get every committed change', async () => {
    const latest = await graphql<{ events: { edges: { node: { cursor: string } }[] } }>(
      b,
      key,
      '{ events(first: 1) { edges { node { cursor } } } }',
    );
    const start = latest.data!.events.edges[0]!.node.cursor;
    const steady = await subscribeToEvents(b, key, start);
    let flaky = await subscribeToEvents(b, key, start);
    const flakyBefore: StreamedEvent[] = [];

    // Four writers through A, until A is killed.
    const answered: { name: string; id: string }[] = [];
    let sequence = 0;
    let killed = false;
    const writers = Array.from({ length: 4 }, async () => {
      while (!killed) {
        sequence += 1;
        const name = `Stream ${sequence}`;
        try {
          const result = await graphql<{ createOrganization: { organization: { id: string } } }>(
            a,
            key,
            'mutation($n: String!) { createOrganization(input: { name: $n }) { organization { id } } }',
            { n: name },
          );
          if (result.data?.createOrganization)
            answered.push({ name, id: result.data.createOrganization.organization.id });
        } catch {
          // The connection died with the instance: the outcome is unknown, and either is fine.
        }
      }
    });
    // One subscriber drops off half-way and comes back later with its last cursor.
    while (answered.length < 15) await sleep(5);
    flaky.close();
    await flaky.closed;
    flakyBefore.push(...flaky.received);
    while (answered.length < 40) await sleep(5);
    a.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await a.exited;
    flaky = await subscribeToEvents(b, key, flakyBefore.at(-1)?.cursor ?? start);

    // Every answered mutation is in the database and in the event log.
    const logged = await allNodes<{ cursor: string; organizationId: string }>(
      b,
      key,
      'events',
      'cursor organizationId',
      ', type: "organization.created"',
    );
    const committed = logged
      .filter((node) => BigInt(node.cursor) > BigInt(start))
      .sort((x, y) => (BigInt(x.cursor) < BigInt(y.cursor) ? -1 : 1));
    const loggedOrganizations = new Set(committed.map((node) => node.organizationId));
    for (const { id, name } of answered) {
      expect(loggedOrganizations.has(id), `${name} (${id}) is in the event log`).toBe(true);
      const stored = await graphql<{ organization: { name: string } | null }>(
        b,
        key,
        `{ organization(id: "${id}") { name } }`,
      );
      expect(stored.data?.organization?.name).toBe(name);
    }
    expect(committed.length).toBeGreaterThanOrEqual(answered.length);

    // Both subscribers on B end up with every committed change, in order, once.
    const expected = committed.map((node) => node.cursor);
    const cursorsOf = (events: StreamedEvent[]) =>
      events.filter((event) => event.type === 'organization.created').map((event) => event.cursor);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (
        cursorsOf(steady.received).length >= expected.length &&
        cursorsOf([...flakyBefore, ...flaky.received]).length >= expected.length
      )
        break;
      await sleep(50);
    }
    expect(cursorsOf(steady.received)).toEqual(expected);
    expect(cursorsOf([...flakyBefore, ...flaky.received])).toEqual(expected);
    console.info(
      `SIGKILL mid-stream: ${answered.length} answered, ${committed.length} committed (${committed.length - answered.length} committed without an answer), all delivered to both subscribers on the other instance`,
    );
    steady.close();
    flaky.close();
  }, 120_000);
});

describe.skipIf(!postgresRestart)('PostgreSQL restarted under load', () => {
  it('answers clear 503 errors while the database is down and recovers by itself', async () => {
    const postgres = await ThrowawayPostgres.create(await freePort());
    let server: Spawned | undefined;
    try {
      server = await spawnServer({ env: { DATABASE_URL: postgres.url } });
      const { url, keys } = server;
      const live = server;
      interface Answer {
        at: number;
        kind: 'read' | 'write' | 'rest';
        outcome: string;
        status: number;
        name?: string;
      }
      const answers: Answer[] = [];
      let running = true;
      let sequence = 0;
      const worker = async (kind: 'read' | 'write' | 'rest') => {
        while (running) {
          sequence += 1;
          const name = `Load ${sequence}`;
          if (kind === 'rest') {
            // The WorkOS REST API answers the same way.
            try {
              const response = await fetch(`${live.url}/feature-flags`, {
                headers: { authorization: `Bearer ${keys.sandbox}` },
                signal: AbortSignal.timeout(10_000),
              });
              const body = (await response.json()) as { code?: string };
              const outcome = response.ok
                ? 'ok'
                : body.code === 'service_unavailable'
                  ? 'SERVICE_UNAVAILABLE'
                  : String(body.code);
              answers.push({ at: Date.now(), kind, outcome, status: response.status });
            } catch (error) {
              answers.push({ at: Date.now(), kind, outcome: `no answer: ${String(error)}`, status: 0 });
            }
            await sleep(20);
            continue;
          }
          const query =
            kind === 'read'
              ? '{ featureFlags(first: 5) { edges { cursor } } organizations(first: 5) { edges { cursor } } }'
              : `mutation { createOrganization(input: { name: "${name}" }) { organization { id } } }`;
          try {
            const response = await fetch(live.graphqlUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.sandbox}` },
              body: JSON.stringify({ query }),
              signal: AbortSignal.timeout(10_000),
            });
            const body = (await response.json()) as {
              data?: unknown;
              errors?: { extensions?: { code?: string } }[];
            };
            const outcome = body.errors ? String(body.errors[0]?.extensions?.code) : 'ok';
            answers.push({ at: Date.now(), kind, outcome, status: response.status, name });
          } catch (error) {
            answers.push({ at: Date.now(), kind, outcome: `no answer: ${String(error)}`, status: 0 });
          }
          await sleep(20);
        }
      };
      const workers = [worker('read'), worker('rest'), worker('write'), worker('write')];
      /** Polls the answers until `enough` holds of them (the load runs meanwhile). */
      const answersUntil = async (enough: (answers: Answer[]) => boolean, what: string) => {
        const deadline = Date.now() + 30_000;
        while (!enough(answers)) {
          if (Date.now() > deadline) throw new Error(`within 30 s: ${what}`);
          await sleep(20);
        }
      };
      // Every kind of request served before the database goes.
      await answersUntil(
        (all) =>
          (['read', 'rest', 'write'] as const).every((kind) =>
            all.some((a) => a.kind === kind && a.outcome === 'ok'),
          ),
        'an ok answer of each kind while the database is up',
      );

      const downAt = Date.now();
      await postgres.stop('fast');
      // What the checks below need of the outage: several answers, a 503 among them.
      await answersUntil((all) => {
        const whileDown = all.filter((answer) => answer.at > downAt + 100);
        return whileDown.length > 5 && whileDown.some((answer) => answer.outcome === 'SERVICE_UNAVAILABLE');
      }, 'several answers and a SERVICE_UNAVAILABLE while the database is down');
      const readyWhileDown = await fetch(`${url}/ready`);
      expect(readyWhileDown.status).toBe(503);
      expect(await readyWhileDown.json()).toMatchObject({
        status: 'unavailable',
        reason: 'database unreachable',
      });
      const upAt = Date.now();
      await postgres.start();

      // Recovers by itself: writes succeed again without restarting Pennant.
      const recoveryDeadline = Date.now() + 30_000;
      while (
        !answers.some(
          (answer) => answer.at > Date.now() - 200 && answer.kind === 'write' && answer.outcome === 'ok',
        )
      ) {
        if (Date.now() > recoveryDeadline)
          throw new Error('no successful write within 30 s of PostgreSQL coming back');
        await sleep(50);
      }
      const recoveredMs = Date.now() - upAt;
      // Reads, REST and writes all served again before the load stops.
      await answersUntil(
        (all) =>
          (['read', 'rest', 'write'] as const).every((kind) =>
            all.some((a) => a.at > upAt && a.kind === kind && a.outcome === 'ok'),
          ),
        'an ok answer of each kind once the database is back',
      );
      running = false;
      await Promise.all(workers);

      const during = answers.filter((answer) => answer.at > downAt + 100 && answer.at < upAt);
      const outcomes = [...new Set(answers.map((answer) => `${answer.outcome} (${answer.status})`))];
      console.info(
        `PostgreSQL restart: ${answers.length} answers, ${during.length} while down; outcomes ${outcomes.join(', ')}; writes succeed again ${recoveredMs} ms after PostgreSQL started`,
      );
      // While down: either served (from memory) or a clear 503, never an internal error or silence.
      expect(during.length).toBeGreaterThan(5);
      expect(during.filter((answer) => answer.outcome === 'SERVICE_UNAVAILABLE').length).toBeGreaterThan(0);
      const serverErrors = server
        .logs()
        .filter((line) => Number(line.level) >= 50)
        .map((line) => JSON.stringify(line.err ?? line.msg).slice(0, 600));
      expect(
        answers.filter((answer) => answer.outcome !== 'ok' && answer.outcome !== 'SERVICE_UNAVAILABLE'),
        serverErrors.join('\n'),
      ).toEqual([]);
      expect(
        during
          .filter((answer) => answer.outcome === 'SERVICE_UNAVAILABLE')
          .every((answer) => answer.status === 503),
      ).toBe(true);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();

      // Every write that was answered ok is stored.
      const written = answers
        .filter((answer) => answer.kind === 'write' && answer.outcome === 'ok')
        .map((answer) => answer.name);
      const stored = await allNodes<{ name: string }>(
        server,
        keys.sandbox!,
        'organizations',
        'name',
        ', search: "Load"',
      );
      const storedNames = new Set(stored.map((node) => node.name));
      expect(written.filter((name) => !storedNames.has(name!))).toEqual([]);
    } finally {
      await server?.cleanup();
      await postgres.destroy();
    }
  }, 120_000);
});

import path from 'node:path';
import type { Receipt } from '../processes/subscribers.ts';
import { forkHelper, type Helper } from './child.ts';
import { sleep } from './context.ts';
import { chunks, graphqlClient, mapConcurrent } from './graphql.ts';
import { processCpuMs } from './machine.ts';
import { projectRoot } from './server.ts';
import type { BenchSession } from './sessions.ts';

export type { Receipt };

export interface Subscriber {
  index: number;
  organizationId: string;
  /** The signed-in user (several subscribers may share one session). */
  userId: string;
  accessToken: string;
  /** Which server it connects to. */
  url: string;
  group: string;
}

/** Load processes running graphql-ws clients; subscribers are dealt out round-robin. */
export class SubscriberFleet {
  private constructor(private readonly processes: Helper[]) {}

  /** `count` processes, all on `core` (the load core). */
  static start(count: number, core: number | undefined): SubscriberFleet {
    const script = path.join(projectRoot, 'bench/processes/subscribers.ts');
    return new SubscriberFleet(
      // --expose-gc: see `settle`.
      Array.from({ length: count }, () => forkHelper(script, { core, nodeArgs: ['--expose-gc'] })),
    );
  }

  /** `processOf` picks each subscriber's process (default: round-robin). */
  async connect(
    subscribers: readonly Subscriber[],
    processOf: (subscriber: Subscriber, index: number) => number = (_, i) => i,
  ): Promise<number> {
    const started = performance.now();
    await Promise.all(
      this.processes.map(async (helper, p) => {
        const mine = subscribers.filter((s, i) => processOf(s, i) % this.processes.length === p);
        // One call per target server, so each process may hold subscribers of both instances.
        const byTarget = new Map<string, Subscriber[]>();
        for (const s of mine)
          byTarget.set(`${s.url} ${s.group}`, [...(byTarget.get(`${s.url} ${s.group}`) ?? []), s]);
        for (const list of byTarget.values()) {
          const first = list[0] as Subscriber;
          await helper.call('connect', {
            url: first.url.replace(/^http/, 'ws').concat('/graphql'),
            group: first.group,
            concurrency: 100,
            subscribers: list.map(({ index, organizationId, accessToken }) => ({
              index,
              organizationId,
              accessToken,
            })),
          });
        }
      }),
    );
    return performance.now() - started;
  }

  async count(): Promise<number> {
    const counts = await Promise.all(this.processes.map((p) => p.call<number>('count')));
    return counts.reduce((a, b) => a + b, 0);
  }

  async take(): Promise<{ receipts: Receipt[]; errors: string[] }> {
    const parts = await Promise.all(
      this.processes.map((p) => p.call<{ receipts: Receipt[]; errors: string[] }>('take')),
    );
    return { receipts: parts.flatMap((x) => x.receipts), errors: parts.flatMap((x) => x.errors) };
  }

  /**
   * Waits until `expected` receipts arrived (or `timeoutMs`), then `quietMs` more so that
   * messages that should not come have their chance to, and takes them all.
   */
  async collect(expected: number, timeoutMs: number, quietMs: number) {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline && (await this.count()) < expected) await sleep(20);
    await sleep(quietMs);
    return this.take();
  }

  /**
   * Each load process collects its garbage now, between measurements: a process holding
   * thousands of clients has a large heap, and a full collection that V8 starts in the middle
   * of the next burst (~350 ms of the load core here, seen as one round's p99 of 605 ms against
   * ~230) would be charged to Pennant.
   */
  async settle(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.call('collectGarbage')));
  }

  /** CPU time the load processes have used so far (Linux; NaN elsewhere). */
  cpuMs(): number {
    return this.processes.reduce((sum, p) => sum + processCpuMs(p.pid), 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.call('close').catch(() => undefined)));
    await Promise.all(this.processes.map((p) => p.stop()));
  }
}

/** Assigns `total` subscribers to organizations round-robin, each using one of its org's sessions. */
export function planSubscribers(
  total: number,
  sessions: readonly BenchSession[],
  target: (index: number) => { url: string; group: string },
): Subscriber[] {
  const byOrganization = new Map<string, BenchSession[]>();
  for (const session of sessions) {
    byOrganization.set(session.organizationId, [
      ...(byOrganization.get(session.organizationId) ?? []),
      session,
    ]);
  }
  const organizations = [...byOrganization.keys()];
  return Array.from({ length: total }, (_, index) => {
    const organizationId = organizations[index % organizations.length] as string;
    const own = byOrganization.get(organizationId) as BenchSession[];
    const session = own[Math.floor(index / organizations.length) % own.length] as BenchSession;
    return {
      index,
      organizationId,
      userId: session.userId,
      accessToken: session.accessToken,
      ...target(index),
    };
  });
}

/** The two flags the fan-out measures with, made on a fresh copy of the data. */
export async function createFanoutFlags(
  baseUrl: string,
  apiKey: string,
  untouchedOrganizations: readonly string[],
): Promise<{ allSlug: string; someSlug: string }> {
  const client = graphqlClient(baseUrl, apiKey);
  const allSlug = 'bench-fanout-all';
  const someSlug = 'bench-fanout-some';
  await client.request(
    `mutation {
      a: createFeatureFlag(input: { slug: "${allSlug}", name: "Fan-out ALL" }) { featureFlag { id } }
      s: createFeatureFlag(input: { slug: "${someSlug}", name: "Fan-out SOME" }) { featureFlag { id } }
    }`,
  );
  await client.request(
    `mutation($ids: [ID!]) {
      a: setOrganizationRule(input: { slug: "${allSlug}", environment: "sandbox", rule: ALL }) { rule { version } }
      s: setOrganizationRule(input: { slug: "${someSlug}", environment: "sandbox", rule: SOME, organizationIds: $ids }) { rule { version } }
    }`,
    { ids: untouchedOrganizations },
  );
  await client.request(
    `mutation { setFeatureFlagEnabled(input: { slug: "${someSlug}", environment: "sandbox", enabled: true }) { rule { version } } }`,
  );
  return { allSlug, someSlug };
}

export async function toggleFlag(baseUrl: string, apiKey: string, slug: string, enabled: boolean) {
  const client = graphqlClient(baseUrl, apiKey);
  const sentAt = performance.timeOrigin + performance.now();
  await client.request(
    `mutation($input: SetFeatureFlagEnabledInput!) { setFeatureFlagEnabled(input: $input) { rule { version } } }`,
    { input: { slug, environment: 'sandbox', enabled } },
  );
  return { sentAt, answeredAt: performance.timeOrigin + performance.now() };
}

export async function addOrganization(baseUrl: string, apiKey: string, slug: string, organizationId: string) {
  const client = graphqlClient(baseUrl, apiKey);
  await client.request(
    `mutation($input: AddFeatureFlagOrganizationInput!) { addFeatureFlagOrganization(input: $input) { rule { version } } }`,
    { input: { slug, environment: 'sandbox', organizationId } },
  );
}

/** A flag enabled with a PERCENTAGE rule at `percentage`, for the rollout measurement. */
export async function createRolloutFlag(
  baseUrl: string,
  apiKey: string,
  slug: string,
  percentage: number,
): Promise<void> {
  const client = graphqlClient(baseUrl, apiKey);
  await client.request(
    `mutation { createFeatureFlag(input: { slug: "${slug}", name: "Fan-out rollout" }) { featureFlag { id } } }`,
  );
  await setPercentage(baseUrl, apiKey, slug, percentage);
  await client.request(
    `mutation { setFeatureFlagEnabled(input: { slug: "${slug}", environment: "sandbox", enabled: true }) { rule { version } } }`,
  );
}

export async function setPercentage(baseUrl: string, apiKey: string, slug: string, percentage: number) {
  const client = graphqlClient(baseUrl, apiKey);
  await client.request(
    `mutation($input: SetOrganizationRuleInput!) { setOrganizationRule(input: $input) { rule { version } } }`,
    { input: { slug, environment: 'sandbox', rule: 'PERCENTAGE', percentage } },
  );
}

export async function addUserTarget(baseUrl: string, apiKey: string, slug: string, userId: string) {
  const client = graphqlClient(baseUrl, apiKey);
  await client.request(
    `mutation($input: AddFeatureFlagUserInput!) { addFeatureFlagUser(input: $input) { rule { version } } }`,
    { input: { slug, environment: 'sandbox', userId } },
  );
}

/**
 * The organizations that have the flag now, as the server answers (one request): the expected
 * side of the rollout measurement comes from the API, not from the fan-out under test.
 */
export async function organizationsWithFlag(
  baseUrl: string,
  apiKey: string,
  organizationIds: readonly string[],
  slug: string,
): Promise<Set<string>> {
  const client = graphqlClient(baseUrl, apiKey);
  // Ten aliases a request: below graphql-armor's alias limit (15).
  const answers = await mapConcurrent(chunks([...organizationIds], 10), 6, async (batch) => {
    const data = await client.request<Record<string, { featureFlags: string[] } | null>>(
      `query {\n${batch
        .map((id, i) => `o${i}: organization(id: "${id}") { featureFlags(environment: "sandbox") }`)
        .join('\n')}\n}`,
    );
    return batch.filter((_, i) => data[`o${i}`]?.featureFlags.includes(slug));
  });
  return new Set(answers.flat());
}

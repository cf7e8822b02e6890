import { chunks, type GraphQLClient, graphqlClient, mapConcurrent } from './graphql.ts';
import { seededRandom } from './stats.ts';

export type EnvironmentSlug = 'sandbox' | 'production';
export const environmentSlugs: EnvironmentSlug[] = ['sandbox', 'production'];

export interface DatasetSize {
  flags: number;
  organizations: number;
  /** Largest SOME list. */
  someMax: number;
}

export interface RuleSpec {
  rule: 'NONE' | 'SOME' | 'ALL';
  enabled: boolean;
  organizations: number;
}

export interface Dataset {
  keys: Record<EnvironmentSlug, string>;
  organizationIds: string[];
  flags: { slug: string; rules: Record<EnvironmentSlug, RuleSpec> }[];
  seedMs: number;
}

// Aliased mutations per request: below graphql-armor's default alias limit (15).
const batchSize = 10;
const concurrency = 6;

/**
 * Fills an empty Pennant through its GraphQL API, as a dashboard would: organizations, flags
 * (each gets a rule per environment), then rules mixed NONE / SOME / ALL, mostly enabled, SOME
 * lists of 1 to `someMax` organizations skewed towards small ones, and user targets on about a
 * fifth of the rules. Deterministic (seeded PRNG).
 */
/**
 * Runs `count` creations, `batchSize` aliased mutations per request, `concurrency` requests at a
 * time; returns the created ids in order.
 */
async function createInBatches(
  client: GraphQLClient,
  count: number,
  mutationField: (i: number) => string,
  idOf: (result: unknown) => string,
): Promise<string[]> {
  const ids = await mapConcurrent(
    chunks(
      Array.from({ length: count }, (_, i) => i),
      batchSize,
    ),
    concurrency,
    async (batch) => {
      const fields = batch.map((i) => `c${i}: ${mutationField(i)}`).join('\n');
      const data = await client.request<Record<string, unknown>>(`mutation {\n${fields}\n}`);
      return batch.map((i) => idOf(data[`c${i}`]));
    },
  );
  return ids.flat();
}

export async function seedDataset(
  baseUrl: string,
  keys: Record<EnvironmentSlug, string>,
  size: DatasetSize,
): Promise<Dataset> {
  const started = performance.now();
  const random = seededRandom(20261126);
  const sandbox = graphqlClient(baseUrl, keys.sandbox);
  const clients: Record<EnvironmentSlug, GraphQLClient> = {
    sandbox,
    production: graphqlClient(baseUrl, keys.production),
  };

  // Organizations and users belong to one environment: each environment gets its own, the same
  // names in each, and its rules choose among its own.
  const createOrganizations = (client: GraphQLClient) =>
    createInBatches(
      client,
      size.organizations,
      (i) =>
        `createOrganization(input: { name: ${JSON.stringify(`Organization ${i}`)}, externalId: "ext-${i}" }) { organization { id } }`,
      (result) => (result as { organization: { id: string } }).organization.id,
    );
  const organizationIdsOf: Record<EnvironmentSlug, string[]> = {
    sandbox: await createOrganizations(clients.sandbox),
    production: await createOrganizations(clients.production),
  };
  const organizationIds = organizationIdsOf.sandbox;

  const slugs = Array.from({ length: size.flags }, (_, i) => `flag-${String(i).padStart(4, '0')}`);
  await mapConcurrent(chunks(slugs, batchSize), concurrency, async (batch) => {
    const fields = batch
      .map(
        (slug, i) =>
          `f${i}: createFeatureFlag(input: { slug: "${slug}", name: "Flag ${slug}", tags: ["bench"] }) { featureFlag { id } }`,
      )
      .join('\n');
    await sandbox.request(`mutation {\n${fields}\n}`);
  });

  const flags: Dataset['flags'] = slugs.map((slug) => {
    const rules = {} as Record<EnvironmentSlug, RuleSpec>;
    for (const environment of environmentSlugs) {
      const pick = random();
      const rule = pick < 0.3 ? 'NONE' : pick < 0.7 ? 'SOME' : 'ALL';
      const organizations =
        rule === 'SOME' ? Math.min(organizationIds.length, 1 + Math.floor(random() ** 2 * size.someMax)) : 0;
      rules[environment] = { rule, enabled: random() < 0.75, organizations };
    }
    return { slug, rules };
  });

  const changes = flags.flatMap((flag) =>
    environmentSlugs.map((environment) => ({ slug: flag.slug, environment, spec: flag.rules[environment] })),
  );
  await mapConcurrent(changes, concurrency, async ({ slug, environment, spec }) => {
    const client = clients[environment];
    if (spec.rule !== 'NONE') {
      const chosen = new Set<string>();
      const candidates = organizationIdsOf[environment];
      while (chosen.size < spec.organizations) {
        chosen.add(candidates[Math.floor(random() * candidates.length)] as string);
      }
      await client.request(
        `mutation($input: SetOrganizationRuleInput!) { setOrganizationRule(input: $input) { rule { version } } }`,
        { input: { slug, environment, rule: spec.rule, organizationIds: [...chosen] } },
      );
    }
    if (spec.enabled) {
      await client.request(
        `mutation($input: SetFeatureFlagEnabledInput!) { setFeatureFlagEnabled(input: $input) { rule { version } } }`,
        { input: { slug, environment, enabled: true } },
      );
    }
  });

  // User targets on about a fifth of the rules (1–3 of 100 users each), so that flag reads and
  // refreshes are measured with targets present. A PRNG of their own keeps the rest of the
  // dataset identical to what earlier records measured.
  const targetRandom = seededRandom(20261203);
  const createUsers = (client: GraphQLClient) =>
    createInBatches(
      client,
      100,
      (i) => `createUser(input: { email: "targeted-${i}@bench.example" }) { user { id } }`,
      (result) => (result as { user: { id: string } }).user.id,
    );
  const userIdsOf: Record<EnvironmentSlug, string[]> = {
    sandbox: await createUsers(clients.sandbox),
    production: await createUsers(clients.production),
  };
  const targets = changes.flatMap(({ slug, environment }) => {
    if (targetRandom() >= 0.2) return [];
    const count = 1 + Math.floor(targetRandom() * 3);
    return Array.from({ length: count }, () => ({
      slug,
      environment,
      userId: userIdsOf[environment][Math.floor(targetRandom() * 100)] as string,
    }));
  });
  await mapConcurrent(targets, concurrency, async ({ slug, environment, userId }) => {
    await clients[environment].request(
      `mutation($input: AddFeatureFlagUserInput!) { addFeatureFlagUser(input: $input) { rule { version } } }`,
      { input: { slug, environment, userId } },
    );
  });

  return { keys, organizationIds, flags, seedMs: performance.now() - started };
}

import { graphql } from '../gql/index.ts';
import { dataOf, type TestServer } from './server.ts';

/** Seeds a test server with what the dashboard shows: flags, organizations, a third environment. */

const CreateEnvironment = graphql(`
  mutation SeedCreateEnvironment($slug: String!, $name: String!) {
    createEnvironment(input: { slug: $slug, name: $name, kind: SANDBOX }) {
      environment {
        slug
      }
    }
  }
`);

const CreateFlag = graphql(`
  mutation SeedCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) {
      featureFlag {
        slug
      }
    }
  }
`);

const SetEnabled = graphql(`
  mutation SeedSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) {
      rule {
        version
      }
    }
  }
`);

const SetRule = graphql(`
  mutation SeedSetRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) {
      rule {
        version
      }
    }
  }
`);

const CreateOrganization = graphql(`
  mutation SeedCreateOrganization($name: String!, $externalId: String) {
    createOrganization(input: { name: $name, externalId: $externalId }) {
      organization {
        id
      }
    }
  }
`);

/** Runs `task` for each item, `width` at a time. */
async function inBatches<T>(items: T[], width: number, task: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += width) {
    await Promise.all(items.slice(start, start + width).map(task));
  }
}

export async function createEnvironment(server: TestServer, slug: string, name: string): Promise<void> {
  dataOf(await server.request(CreateEnvironment, { slug, name }, { apiKey: server.keys.admin }));
}

/** How seeding calls authenticate: an API key, or an operator's cookie for several environments. */
export type SeedCredentials = { apiKey?: string | null; headers?: Record<string, string> };

/** Flags `flag-001`…, tagged in turn, some on in some environments (an owner's cookie reaches them all). */
export async function seedFlags(
  server: TestServer,
  count: number,
  environments: string[],
  credentials: SeedCredentials,
): Promise<string[]> {
  const tags = ['checkout', 'billing', 'search', 'beta', 'ops'];
  const slugs = Array.from({ length: count }, (_, i) => `flag-${String(i + 1).padStart(3, '0')}`);
  await inBatches(slugs, 8, async (slug) => {
    const i = Number(slug.slice(5));
    dataOf(
      await server.request(
        CreateFlag,
        {
          input: {
            slug,
            name: `Flag ${i}`,
            description: `Seeded flag number ${i}.`,
            tags: [tags[i % tags.length] ?? 'beta'],
          },
        },
        credentials,
      ),
    );
    for (const [e, environment] of environments.entries()) {
      if ((i + e) % 3 === 0) {
        dataOf(
          await server.request(SetEnabled, { input: { slug, environment, enabled: true } }, credentials),
        );
      }
    }
  });
  return slugs;
}

/** A realistic small workspace for screenshots: named flags with rules, organizations. */
export async function seedShowcase(server: TestServer): Promise<void> {
  const organizations: string[] = [];
  for (const [name, externalId] of [
    ['Acme Corp', 'acme'],
    ['Globex', 'globex'],
    ['Initech', 'initech'],
    ['Umbrella', null],
    ['Hooli', 'hooli'],
  ] as const) {
    const { createOrganization } = dataOf(await server.request(CreateOrganization, { name, externalId }));
    organizations.push(createOrganization.organization.id);
  }
  const flags: [string, string, string, string[]][] = [
    ['new-checkout', 'New checkout', 'The redesigned checkout flow.', ['checkout', 'beta']],
    ['usage-billing', 'Usage-based billing', 'Bill by metered usage instead of seats.', ['billing']],
    ['search-v2', 'Search v2', 'Vector search for the help centre.', ['search', 'beta']],
    ['audit-export', 'Audit export', 'CSV export of the audit log.', ['ops']],
    ['dark-mode', 'Dark mode', '', []],
  ];
  for (const [slug, name, description, tags] of flags) {
    dataOf(
      await server.request(
        CreateFlag,
        { input: { slug, name, description, tags } },
        { apiKey: server.keys.admin },
      ),
    );
  }
  const sandbox = { apiKey: server.keys.admin };
  await server.request(
    SetEnabled,
    { input: { slug: 'new-checkout', environment: 'sandbox', enabled: true } },
    sandbox,
  );
  await server.request(
    SetRule,
    {
      input: {
        slug: 'new-checkout',
        environment: 'sandbox',
        rule: 'SOME',
        organizationIds: organizations.slice(0, 2),
      },
    },
    sandbox,
  );
  await server.request(
    SetEnabled,
    { input: { slug: 'search-v2', environment: 'sandbox', enabled: true } },
    sandbox,
  );
  await server.request(
    SetRule,
    { input: { slug: 'search-v2', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 25 } },
    sandbox,
  );
  await server.request(
    SetEnabled,
    { input: { slug: 'dark-mode', environment: 'sandbox', enabled: true } },
    sandbox,
  );
  await server.request(
    SetRule,
    { input: { slug: 'dark-mode', environment: 'sandbox', rule: 'ALL' } },
    sandbox,
  );
  await server.request(
    SetEnabled,
    { input: { slug: 'dark-mode', environment: 'production', enabled: true } },
    { apiKey: server.keys.production },
  );
  await server.request(
    SetRule,
    { input: { slug: 'dark-mode', environment: 'production', rule: 'ALL' } },
    { apiKey: server.keys.production },
  );
}

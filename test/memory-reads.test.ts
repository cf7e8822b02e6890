import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { rolloutBucket } from '../src/domain/evaluation.ts';
import { graphql } from './gql/index.ts';
import { countQueries } from './helpers/query-count.ts';
import { DeleteMembership, DeleteOrganization, realtimeFixtures, SetRule } from './helpers/realtime.ts';
import { dataOf, environmentOf, startTestServer, type TestServer } from './helpers/server.ts';

const UpdateFlag = graphql(`
  mutation MemoryReadsUpdateFlag($input: UpdateFeatureFlagInput!) {
    updateFeatureFlag(input: $input) { featureFlag { updatedAt } }
  }
`);

const SetPercentage = graphql(`
  mutation MemoryReadsSetPercentage($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);

const FlagWithRule = graphql(`
  query MemoryReadsFlagWithRule($slug: String!) {
    featureFlag(slug: $slug) {
      slug
      name
      updatedAt
      rule(environment: "sandbox") {
        id
        enabled
        organizationRule
        organizationIds
        version
        updatedAt
        updatedBy
        rolloutSalt
        environment { slug }
        organizations { id name }
      }
    }
  }
`);

const OrganizationWithFlags = graphql(`
  query MemoryReadsOrganization($id: ID!) {
    organization(id: $id) { id name featureFlags(environment: "sandbox") }
  }
`);

const FlagList = graphql(`
  query MemoryReadsFlagList($search: String) {
    featureFlags(first: 10, search: $search) {
      edges { cursor node { slug tags rule(environment: "sandbox") { enabled } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const CreateEnvironment = graphql(`
  mutation MemoryReadsCreateEnvironment($input: CreateEnvironmentInput!) {
    createEnvironment(input: $input) { environment { id slug } }
  }
`);

const CreateApiKey = graphql(`
  mutation MemoryReadsCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret }
  }
`);

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function rest(
  path: string,
  init: { method?: string; headers?: Record<string, string>; apiKey?: string } = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.apiKey ?? server.keys.sandbox}`, ...init.headers },
  });
}

async function restJson<T>(path: string, apiKey?: string): Promise<{ status: number; body: T }> {
  const response = await rest(path, apiKey === undefined ? {} : { apiKey });
  return { status: response.status, body: (await response.json()) as T };
}

interface FlagWire {
  slug: string;
  name: string;
  enabled: boolean;
  default_value: boolean;
  updated_at: string;
}

const slugsOf = (list: { data: FlagWire[] }) => list.data.map((flag) => flag.slug);

describe('reads from memory', () => {
  it('no REST read, JWKS or GraphQL flag read queries the database', async () => {
    const fixtures = realtimeFixtures(server);
    const organization = await fixtures.organization('Counted reads');
    await fixtures.flag('counted-read');
    await fixtures.setRule('counted-read', 'SOME', [organization]);
    await fixtures.setEnabled('counted-read', true);
    const { userId } = await fixtures.session(organization);
    const { clientId } = await environmentOf('sandbox');
    type Read = (headers: Record<string, string>) => Promise<{ status: number }>;
    const get =
      (path: string): Read =>
      (headers) =>
        rest(path, { headers });
    const reads: [string, Read][] = [
      ['GET /feature-flags', get('/feature-flags')],
      ['GET /feature-flags/:slug', get('/feature-flags/counted-read')],
      ['GET /organizations/:id/feature-flags', get(`/organizations/${organization}/feature-flags`)],
      ['GET /user_management/users/:id/feature-flags', get(`/user_management/users/${userId}/feature-flags`)],
      ['GET /sdk/feature-flags', get('/sdk/feature-flags')],
      ['GET /sso/jwks/:clientId', get(`/sso/jwks/${clientId}`)],
      ['GET /.well-known/jwks.json', get('/.well-known/jwks.json')],
      [
        'GraphQL featureFlag { rule { organizations } }',
        (headers) => server.request(FlagWithRule, { slug: 'counted-read' }, { headers }),
      ],
      [
        'GraphQL featureFlags (the list, searched)',
        (headers) => server.request(FlagList, { search: 'COUNTED-READ' }, { headers }),
      ],
      [
        'GraphQL organization { featureFlags }',
        (headers) => server.request(OrganizationWithFlags, { id: organization }, { headers }),
      ],
      ['unknown organization (404)', get('/organizations/org_01ARZ3NDEKTSV4RRFFQ69G5FAV/feature-flags')],
    ];
    // Warm what is per key or per process (the API-key cache, the signing keys).
    for (const [, read] of reads) await read({});
    for (const [name, read] of reads) {
      const requestId = `memory-read-${Math.random()}`;
      const { result, queries } = await countQueries(requestId, () => read({ 'x-request-id': requestId }));
      expect({ name, status: result.status, queries }).toEqual({
        name,
        status: name.includes('404') ? 404 : 200,
        queries: 0,
      });
    }
  });

  it('a read right after an acknowledged write sees it (organizations, users, memberships, flags, rules)', async () => {
    const fixtures = realtimeFixtures(server);
    const organization = await fixtures.organization('Fresh');
    // Created a moment ago: known at once, with no flags yet.
    expect(
      await restJson<{ data: FlagWire[] }>(`/organizations/${organization}/feature-flags`),
    ).toMatchObject({
      status: 200,
      body: { data: [] },
    });
    await fixtures.flag('fresh-flag');
    const created = await restJson<FlagWire>('/feature-flags/fresh-flag');
    expect(created).toMatchObject({
      status: 200,
      body: { slug: 'fresh-flag', enabled: false, default_value: false },
    });

    const added = await rest(`/feature-flags/fresh-flag/targets/${organization}`, { method: 'POST' });
    expect(added.status).toBe(204);
    const enabled = await rest('/feature-flags/fresh-flag/enable', { method: 'PUT' });
    expect(((await enabled.json()) as FlagWire).enabled).toBe(true);
    expect(
      slugsOf((await restJson<{ data: FlagWire[] }>(`/organizations/${organization}/feature-flags`)).body),
    ).toEqual(['fresh-flag']);

    const { userId, membershipId } = await fixtures.session(organization);
    expect(
      slugsOf((await restJson<{ data: FlagWire[] }>(`/user_management/users/${userId}/feature-flags`)).body),
    ).toEqual(['fresh-flag']);

    const renamed = dataOf(
      await server.request(UpdateFlag, { input: { slug: 'fresh-flag', name: 'Renamed at once' } }),
    ).updateFeatureFlag.featureFlag;
    const read = await restJson<FlagWire>('/feature-flags/fresh-flag');
    expect(read.body.name).toBe('Renamed at once');
    expect(new Date(read.body.updated_at).getTime()).toBeGreaterThanOrEqual(
      new Date(renamed.updatedAt).getTime(),
    );

    // The rule as GraphQL shows it matches the database's row exactly (timestamps included).
    const rule = dataOf(await server.request(FlagWithRule, { slug: 'fresh-flag' })).featureFlag?.rule;
    expect(rule).toMatchObject({ enabled: true, organizationRule: 'SOME', organizationIds: [organization] });
    expect(rule?.organizations).toEqual([{ id: organization, name: 'Fresh' }]);
    const row = await prisma.featureFlagRule.findFirstOrThrow({
      where: { flag: { slug: 'fresh-flag' }, environment: { slug: 'sandbox' } },
    });
    expect(rule).toMatchObject({
      id: row.id,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: row.updatedById,
      rolloutSalt: row.rolloutSalt,
    });

    dataOf(await server.request(DeleteMembership, { input: { id: membershipId } }));
    expect(
      slugsOf((await restJson<{ data: FlagWire[] }>(`/user_management/users/${userId}/feature-flags`)).body),
    ).toEqual([]);

    dataOf(await server.request(DeleteOrganization, { input: { id: organization } }));
    expect((await rest(`/organizations/${organization}/feature-flags`)).status).toBe(404);
    expect(dataOf(await server.request(OrganizationWithFlags, { id: organization })).organization).toBeNull();
  });

  it('a new environment has every flag, disabled, at once', async () => {
    await realtimeFixtures(server).flag('before-environment');
    const environment = dataOf(
      await server.request(
        CreateEnvironment,
        { input: { slug: 'staging-reads', name: 'Staging', kind: 'SANDBOX' } },
        { apiKey: server.keys.admin },
      ),
    ).createEnvironment.environment;
    const { secret } = dataOf(
      await server.request(
        CreateApiKey,
        { input: { name: 'staging reads', environment: environment.slug } },
        { apiKey: server.keys.admin },
      ),
    ).createApiKey;
    const flag = await restJson<FlagWire>('/feature-flags/before-environment', secret);
    expect(flag).toMatchObject({ status: 200, body: { slug: 'before-environment', enabled: false } });
    const poll = await restJson<Record<string, { enabled: boolean }>>('/sdk/feature-flags', secret);
    expect(poll.body['before-environment']).toMatchObject({ enabled: false });
  });
});

describe('conditional requests', () => {
  it('the runtime poll and the lists answer If-None-Match with 304 until a change, then 200 with a new ETag', async () => {
    const fixtures = realtimeFixtures(server);
    const organization = await fixtures.organization('Conditional');
    await fixtures.flag('conditional');
    for (const path of [
      '/sdk/feature-flags',
      '/feature-flags?limit=100',
      `/organizations/${organization}/feature-flags`,
    ]) {
      const first = await rest(path);
      const etag = first.headers.get('etag');
      // gzip-encoded when large enough: fetch asks for it (and undoes it).
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}(-gzip)?"$/);
      // The same answer has the same validator.
      expect((await rest(path)).headers.get('etag')).toBe(etag);
      const unchanged = await rest(path, { headers: { 'if-none-match': etag ?? '' } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.get('etag')).toBe(etag);
      expect(await unchanged.text()).toBe('');
      // Any other tag is not a match.
      expect((await rest(path, { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
    }

    const etags = async () =>
      Promise.all(
        ['/sdk/feature-flags', `/organizations/${organization}/feature-flags`].map(
          async (path) => (await rest(path)).headers.get('etag') ?? '',
        ),
      );
    const before = await etags();
    dataOf(
      await server.request(SetRule, {
        input: { slug: 'conditional', environment: 'sandbox', rule: 'SOME', organizationIds: [organization] },
      }),
    );
    await fixtures.setEnabled('conditional', true);
    const after = await etags();
    for (const [index, path] of [
      '/sdk/feature-flags',
      `/organizations/${organization}/feature-flags`,
    ].entries()) {
      const changed = await rest(path, { headers: { 'if-none-match': before[index] ?? '' } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe(after[index]);
      expect(after[index]).not.toBe(before[index]);
    }
  });

  it('a new organization in a percentage rollout is in the next poll (it lists the organizations it includes)', async () => {
    const fixtures = realtimeFixtures(server);
    await fixtures.flag('conditional-rollout');
    dataOf(
      await server.request(SetPercentage, {
        input: { slug: 'conditional-rollout', environment: 'sandbox', rule: 'PERCENTAGE', percentage: 99.99 },
      }),
    );
    const salt = dataOf(await server.request(FlagWithRule, { slug: 'conditional-rollout' })).featureFlag?.rule
      .rolloutSalt as string;
    // 9,999 buckets of 10,000 are in: almost always the first organization.
    let organization: string;
    do organization = await fixtures.organization('Joins the rollout');
    while (rolloutBucket(salt, organization) >= 9999);
    const before = (await rest('/sdk/feature-flags')).headers.get('etag') ?? '';
    const poll =
      await restJson<Record<string, { targets: { organizations: { id: string }[] } }>>('/sdk/feature-flags');
    expect(poll.body['conditional-rollout']?.targets.organizations.map((o) => o.id)).toContain(organization);
    const next = await fixtures.organization('Also joins, or not');
    const response = await rest('/sdk/feature-flags', { headers: { 'if-none-match': before } });
    expect(response.status).toBe(rolloutBucket(salt, next) < 9999 ? 200 : 304);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFlagEnabledForOrganization } from '../src/domain/evaluation.ts';
import type { OrganizationRule } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';

const CreateFlag = graphql(`
  mutation EvaluationCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const CreateOrganization = graphql(`
  mutation EvaluationCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

const SetRule = graphql(`
  mutation EvaluationSetRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) { rule { version } }
  }
`);

const SetEnabled = graphql(`
  mutation EvaluationSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { version } }
  }
`);

const OrganizationFlags = graphql(`
  query EvaluationOrganizationFlags($id: ID!, $environment: String!) {
    organization(id: $id) { featureFlags(environment: $environment) }
  }
`);

/** Each row is one flag in sandbox; `chosen` is the organization its SOME rule picks. */
const table: { rule: OrganizationRule; enabled: boolean; chosen: boolean; other: boolean }[] = [
  { rule: 'NONE', enabled: false, chosen: false, other: false },
  { rule: 'NONE', enabled: true, chosen: false, other: false },
  { rule: 'SOME', enabled: false, chosen: false, other: false },
  { rule: 'SOME', enabled: true, chosen: true, other: false },
  { rule: 'ALL', enabled: false, chosen: false, other: false },
  { rule: 'ALL', enabled: true, chosen: true, other: true },
];
const slugOf = (row: (typeof table)[number]) =>
  `eval-${row.rule.toLowerCase()}-${row.enabled ? 'on' : 'off'}`;

describe('isFlagEnabledForOrganization', () => {
  it.each(table)('$rule, enabled $enabled: chosen $chosen, other $other', (row) => {
    const rule = {
      percentageBasisPoints: 0,
      rolloutSalt: 'salt',
      userIds: new Set<string>(),
      enabled: row.enabled,
      organizationRule: row.rule,
      organizationIds: new Set(['org_chosen']),
    };
    expect(isFlagEnabledForOrganization(rule, 'org_chosen')).toBe(row.chosen);
    expect(isFlagEnabledForOrganization(rule, 'org_other')).toBe(row.other);
  });
});

describe('organization.featureFlags through the API', () => {
  let server: TestServer;
  let chosen: string;
  let other: string;
  let organization: (name: string, apiKey?: string) => Promise<string>;

  beforeAll(async () => {
    server = await startTestServer();
    organization = async (name: string, apiKey = server.keys.sandbox) =>
      dataOf(await server.request(CreateOrganization, { input: { name } }, { apiKey })).createOrganization
        .organization.id;
    chosen = await organization('Chosen');
    other = await organization('Other');
    for (const row of table) {
      const slug = slugOf(row);
      dataOf(await server.request(CreateFlag, { input: { slug, name: slug } }));
      // The chosen organization is kept on every rule, so NONE and ALL prove they ignore it.
      dataOf(
        await server.request(SetRule, {
          input: { slug, environment: 'sandbox', rule: row.rule, organizationIds: [chosen] },
        }),
      );
      if (row.enabled) {
        dataOf(await server.request(SetEnabled, { input: { slug, environment: 'sandbox', enabled: true } }));
      }
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  async function flagsOf(id: string, environment = 'sandbox', apiKey = server.keys.sandbox) {
    const response = await server.request(OrganizationFlags, { id, environment }, { apiKey });
    return dataOf(response).organization?.featureFlags;
  }

  it.each(table)('$rule, enabled $enabled: chosen $chosen, other $other', async (row) => {
    expect((await flagsOf(chosen))?.includes(slugOf(row))).toBe(row.chosen);
    expect((await flagsOf(other))?.includes(slugOf(row))).toBe(row.other);
  });

  it('lists exactly the enabled slugs, sorted', async () => {
    expect(await flagsOf(chosen)).toEqual(['eval-all-on', 'eval-some-on']);
    expect(await flagsOf(other)).toEqual(['eval-all-on']);
  });

  it('keeps environments apart: production rules are untouched', async () => {
    // Organizations belong to one environment: sandbox's is unknown in production, and
    // production's own organization has none of the flags sandbox turned on.
    expect(await flagsOf(chosen, 'production', server.keys.production)).toBeUndefined();
    const inProduction = await organization('Production', server.keys.production);
    expect(await flagsOf(inProduction, 'production', server.keys.production)).toEqual([]);
  });

  it('follows a change at once (read your own write)', async () => {
    dataOf(
      await server.request(SetEnabled, {
        input: { slug: 'eval-all-on', environment: 'sandbox', enabled: false },
      }),
    );
    expect(await flagsOf(other)).toEqual([]);
    dataOf(
      await server.request(SetEnabled, {
        input: { slug: 'eval-all-on', environment: 'sandbox', enabled: true },
      }),
    );
    expect(await flagsOf(other)).toEqual(['eval-all-on']);
  });
});

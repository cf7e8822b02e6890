import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CreateFlag = graphql(`
  mutation RulesCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const CreateOrganization = graphql(`
  mutation RulesCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

const SetEnabled = graphql(`
  mutation RulesSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) {
      rule { enabled organizationRule version updatedBy updatedAt environment { slug } }
      featureFlag { slug }
    }
  }
`);

const SetRule = graphql(`
  mutation RulesSetRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) {
      rule { id flagSlug enabled organizationRule organizationIds organizations { id } version }
    }
  }
`);

const AddOrganization = graphql(`
  mutation RulesAddOrganization($input: AddFeatureFlagOrganizationInput!) {
    addFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }
  }
`);

const RemoveOrganization = graphql(`
  mutation RulesRemoveOrganization($input: RemoveFeatureFlagOrganizationInput!) {
    removeFeatureFlagOrganization(input: $input) { rule { organizationRule organizationIds version } }
  }
`);

const DeleteOrganization = graphql(`
  mutation RulesDeleteOrganization($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) { deletedOrganizationId }
  }
`);

const Rule = graphql(`
  query RulesRule($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) { rule(environment: $environment) { enabled organizationRule organizationIds version } }
  }
`);

const RuleEvents = graphql(`
  query RulesEvents($flagSlug: String!) {
    events(flagSlug: $flagSlug, first: 100) { edges { node { type actorId before after environment { slug } } } }
  }
`);

let server: TestServer;
let acme: string;
let globex: string;
let flagCount = 0;

beforeAll(async () => {
  server = await startTestServer();
  acme = dataOf(await server.request(CreateOrganization, { input: { name: 'Acme' } })).createOrganization
    .organization.id;
  globex = dataOf(await server.request(CreateOrganization, { input: { name: 'Globex' } })).createOrganization
    .organization.id;
});
afterAll(async () => {
  await server?.close();
});

async function newFlag(): Promise<string> {
  const slug = `rule-flag-${++flagCount}`;
  dataOf(await server.request(CreateFlag, { input: { slug, name: slug } }));
  return slug;
}

async function ruleOf(slug: string, environment = 'sandbox', apiKey = server.keys.sandbox) {
  const rule = dataOf(await server.request(Rule, { slug, environment }, { apiKey })).featureFlag?.rule;
  if (!rule) throw new Error(`no flag ${slug}`);
  return rule;
}

async function eventsOf(slug: string) {
  return dataOf(await server.request(RuleEvents, { flagSlug: slug })).events.edges.map((e) => e.node);
}

describe('setFeatureFlagEnabled', () => {
  it('enables in the caller’s environment only, bumps the version and records who', async () => {
    const slug = await newFlag();
    const response = await server.request(SetEnabled, {
      input: { slug, environment: 'sandbox', enabled: true },
    });
    const payload = dataOf(response).setFeatureFlagEnabled;
    expect(payload.featureFlag.slug).toBe(slug);
    expect(payload.rule).toMatchObject({
      enabled: true,
      organizationRule: 'NONE',
      version: 2,
      environment: { slug: 'sandbox' },
    });
    expect(payload.rule.updatedBy).toMatch(/^key_/);
    expect(await ruleOf(slug, 'production', server.keys.production)).toMatchObject({
      enabled: false,
      version: 1,
    });
    const [toggled] = await eventsOf(slug);
    expect(toggled).toMatchObject({
      type: 'flag.toggled',
      environment: { slug: 'sandbox' },
      actorId: payload.rule.updatedBy,
      before: { enabled: false, version: 1 },
      after: { enabled: true, version: 2 },
    });
  });

  it('is a no-op, with no new version or event, when nothing changes', async () => {
    const slug = await newFlag();
    const response = await server.request(SetEnabled, {
      input: { slug, environment: 'sandbox', enabled: false },
    });
    expect(dataOf(response).setFeatureFlagEnabled.rule.version).toBe(1);
    expect((await eventsOf(slug)).map((e) => e.type)).toEqual(['flag.created']);
  });

  it('answers NOT_FOUND for an unknown flag or environment', async () => {
    const unknownFlag = await server.request(SetEnabled, {
      input: { slug: 'nope', environment: 'sandbox', enabled: true },
    });
    expect(errorCode(unknownFlag)).toBe('NOT_FOUND');
    const slug = await newFlag();
    const unknownEnvironment = await server.request(SetEnabled, {
      input: { slug, environment: 'staging', enabled: true },
    });
    expect(errorCode(unknownEnvironment)).toBe('NOT_FOUND');
  });

  it('answers FORBIDDEN for another environment and changes nothing', async () => {
    const slug = await newFlag();
    const response = await server.request(SetEnabled, {
      input: { slug, environment: 'production', enabled: true },
    });
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(await ruleOf(slug, 'production', server.keys.production)).toMatchObject({
      enabled: false,
      version: 1,
    });
  });

  it('answers CONFLICT for a stale expectedVersion', async () => {
    const slug = await newFlag();
    dataOf(await server.request(SetEnabled, { input: { slug, environment: 'sandbox', enabled: true } }));
    const stale = await server.request(SetEnabled, {
      input: { slug, environment: 'sandbox', enabled: false, expectedVersion: 1 },
    });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    const current = await server.request(SetEnabled, {
      input: { slug, environment: 'sandbox', enabled: false, expectedVersion: 2 },
    });
    expect(dataOf(current).setFeatureFlagEnabled.rule).toMatchObject({ enabled: false, version: 3 });
  });
});

describe('setOrganizationRule', () => {
  it('sets ALL, then SOME with chosen organizations, deduplicated and sorted', async () => {
    const slug = await newFlag();
    const all = await server.request(SetRule, { input: { slug, environment: 'sandbox', rule: 'ALL' } });
    expect(dataOf(all).setOrganizationRule.rule).toMatchObject({ organizationRule: 'ALL', version: 2 });
    const some = await server.request(SetRule, {
      input: {
        slug,
        environment: 'sandbox',
        rule: 'SOME',
        organizationIds: [globex, acme, globex],
        expectedVersion: 2,
      },
    });
    const rule = dataOf(some).setOrganizationRule.rule;
    const sorted = [acme, globex].sort();
    expect(rule).toMatchObject({
      flagSlug: slug,
      organizationRule: 'SOME',
      organizationIds: sorted,
      version: 3,
    });
    expect(rule.organizations.map((o) => o.id)).toEqual(sorted);
    expect(rule.id).toMatch(/^rule_/);
  });

  it('keeps the chosen organizations across NONE and back to SOME when organizationIds is omitted', async () => {
    const slug = await newFlag();
    dataOf(
      await server.request(SetRule, {
        input: { slug, environment: 'sandbox', rule: 'SOME', organizationIds: [acme] },
      }),
    );
    dataOf(await server.request(SetRule, { input: { slug, environment: 'sandbox', rule: 'NONE' } }));
    const back = await server.request(SetRule, { input: { slug, environment: 'sandbox', rule: 'SOME' } });
    expect(dataOf(back).setOrganizationRule.rule).toMatchObject({
      organizationRule: 'SOME',
      organizationIds: [acme],
    });
  });

  it('rejects unknown and malformed organization ids as BAD_USER_INPUT, changing nothing', async () => {
    const slug = await newFlag();
    const unknown = await server.request(SetRule, {
      input: {
        slug,
        environment: 'sandbox',
        rule: 'SOME',
        organizationIds: [acme, 'org_01JAAAAAAAAAAAAAAAAAAAAAAA'],
      },
    });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.extensions?.field).toBe('organizationIds');
    const malformed = await server.request(SetRule, {
      input: { slug, environment: 'sandbox', rule: 'SOME', organizationIds: [acme, 'acme'] },
    });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.extensions?.field).toBe('organizationIds[1]');
    expect(await ruleOf(slug)).toMatchObject({ organizationRule: 'NONE', organizationIds: [], version: 1 });
    expect((await eventsOf(slug)).map((e) => e.type)).toEqual(['flag.created']);
  });

  it('answers NOT_FOUND, FORBIDDEN and CONFLICT', async () => {
    const slug = await newFlag();
    expect(
      errorCode(
        await server.request(SetRule, { input: { slug: 'missing', environment: 'sandbox', rule: 'ALL' } }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await server.request(SetRule, { input: { slug, environment: 'production', rule: 'ALL' } })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await server.request(SetRule, {
          input: { slug, environment: 'sandbox', rule: 'ALL', expectedVersion: 7 },
        }),
      ),
    ).toBe('CONFLICT');
    expect(await ruleOf(slug)).toMatchObject({ organizationRule: 'NONE', version: 1 });
  });

  it('lets exactly one of 10 concurrent changes with the same expectedVersion win', async () => {
    const slug = await newFlag();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        server.request(SetRule, {
          input: {
            slug,
            environment: 'sandbox',
            rule: 'SOME',
            organizationIds: [index % 2 === 0 ? acme : globex],
            expectedVersion: 1,
          },
        }),
      ),
    );
    const winners = responses.filter((response) => !response.errors);
    const losers = responses.filter((response) => response.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(errorCode)).toEqual(Array(9).fill('CONFLICT'));
    const winner = winners[0]?.data?.setOrganizationRule.rule;
    expect(winner?.version).toBe(2);
    expect(await ruleOf(slug)).toMatchObject({ version: 2, organizationIds: winner?.organizationIds });
    expect((await eventsOf(slug)).filter((e) => e.type === 'rule.updated')).toHaveLength(1);
  });

  it('loses no update when concurrent additions race without expectedVersion', async () => {
    const slug = await newFlag();
    const organizationIds: string[] = [];
    for (let index = 0; index < 6; index++) {
      const created = await server.request(CreateOrganization, { input: { name: `Racer ${index}` } });
      organizationIds.push(dataOf(created).createOrganization.organization.id);
    }
    const responses = await Promise.all(
      organizationIds.map((organizationId) =>
        server.request(AddOrganization, { input: { slug, environment: 'sandbox', organizationId } }),
      ),
    );
    const versions = responses.map((response) => dataOf(response).addFeatureFlagOrganization.rule.version);
    expect([...versions].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(await ruleOf(slug)).toMatchObject({ version: 7, organizationIds: [...organizationIds].sort() });
    expect((await eventsOf(slug)).filter((e) => e.type === 'rule.updated')).toHaveLength(6);
  });
});

describe('organizations deleted while rules choose them', () => {
  it('a racing add either wins and is then removed, or is BAD_USER_INPUT; never an internal error', async () => {
    const slug = await newFlag();
    const ids: string[] = [];
    for (let index = 0; index < 8; index++) {
      const created = await server.request(CreateOrganization, { input: { name: `Short-lived ${index}` } });
      ids.push(dataOf(created).createOrganization.organization.id);
    }
    const results = await Promise.all(
      ids.flatMap((organizationId) => [
        server.request(AddOrganization, { input: { slug, environment: 'sandbox', organizationId } }),
        server.request(DeleteOrganization, { input: { id: organizationId } }),
      ]),
    );
    for (const result of results) {
      if (result.errors) expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
    expect((await ruleOf(slug)).organizationIds).toEqual([]);
  });
});

describe('addFeatureFlagOrganization / removeFeatureFlagOrganization', () => {
  it('adding to a NONE rule makes it SOME; removing keeps SOME', async () => {
    const slug = await newFlag();
    const added = await server.request(AddOrganization, {
      input: { slug, environment: 'sandbox', organizationId: acme },
    });
    expect(dataOf(added).addFeatureFlagOrganization.rule).toEqual({
      organizationRule: 'SOME',
      organizationIds: [acme],
      version: 2,
    });
    const again = await server.request(AddOrganization, {
      input: { slug, environment: 'sandbox', organizationId: acme },
    });
    expect(dataOf(again).addFeatureFlagOrganization.rule.version).toBe(2);
    const removed = await server.request(RemoveOrganization, {
      input: { slug, environment: 'sandbox', organizationId: acme },
    });
    expect(dataOf(removed).removeFeatureFlagOrganization.rule).toEqual({
      organizationRule: 'SOME',
      organizationIds: [],
      version: 3,
    });
  });

  it('adding to an ALL rule keeps ALL', async () => {
    const slug = await newFlag();
    dataOf(await server.request(SetRule, { input: { slug, environment: 'sandbox', rule: 'ALL' } }));
    const added = await server.request(AddOrganization, {
      input: { slug, environment: 'sandbox', organizationId: globex },
    });
    expect(dataOf(added).addFeatureFlagOrganization.rule).toMatchObject({
      organizationRule: 'ALL',
      organizationIds: [globex],
    });
  });

  it('answers BAD_USER_INPUT naming organizationId, NOT_FOUND and FORBIDDEN', async () => {
    const slug = await newFlag();
    const unknown = await server.request(AddOrganization, {
      input: { slug, environment: 'sandbox', organizationId: 'org_01JAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.extensions?.field).toBe('organizationId');
    const malformed = await server.request(RemoveOrganization, {
      input: { slug, environment: 'sandbox', organizationId: 'x' },
    });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.extensions?.field).toBe('organizationId');
    expect(
      errorCode(
        await server.request(AddOrganization, {
          input: { slug: 'missing', environment: 'sandbox', organizationId: acme },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await server.request(RemoveOrganization, {
          input: { slug, environment: 'production', organizationId: acme },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await ruleOf(slug)).toMatchObject({ organizationRule: 'NONE', organizationIds: [], version: 1 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { createApiKey } from '../src/domain/api-keys.ts';
import { findEnvironmentBySlug } from '../src/domain/environments.ts';
import { graphql } from './gql/index.ts';
import { dataOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

const CurrentEnvironment = graphql(`
  query AuthCurrentEnvironment {
    currentEnvironment { slug kind }
  }
`);

const Environments = graphql(`
  query AuthEnvironments {
    environments { id slug name kind clientId }
  }
`);

const ApiKeys = graphql(`
  query AuthApiKeys {
    apiKeys { id name redactedSecret revokedAt lastUsedAt environment { slug } }
  }
`);

const CreateKey = graphql(`
  mutation AuthCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { id name redactedSecret environment { slug } } }
  }
`);

const RevokeKey = graphql(`
  mutation AuthRevokeKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) { apiKey { id revokedAt } }
  }
`);

const CreateEnvironment = graphql(`
  mutation AuthCreateEnvironment($input: CreateEnvironmentInput!) {
    createEnvironment(input: $input) { environment { id slug name kind clientId } }
  }
`);

const CreateFlag = graphql(`
  mutation AuthCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);

const CreateOrganization = graphql(`
  mutation AuthCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);

const SetEnabled = graphql(`
  mutation AuthSetEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { enabled environment { slug } } }
  }
`);

const FlagRule = graphql(`
  query AuthFlagRule($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) { slug rule(environment: $environment) { enabled version } }
  }
`);

const OrganizationFlags = graphql(`
  query AuthOrganizationFlags($id: ID!, $environment: String!) {
    organization(id: $id) { featureFlags(environment: $environment) }
  }
`);

const Events = graphql(`
  query AuthEvents($environment: String) {
    events(environment: $environment, first: 5) { edges { node { type } } }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  dataOf(await server.request(CreateFlag, { input: { slug: 'auth-flag', name: 'Auth flag' } }));
});
afterAll(async () => {
  await server?.close();
});

describe('authentication', () => {
  it('answers UNAUTHENTICATED without a key', async () => {
    const response = await server.request(CurrentEnvironment, {}, { apiKey: null });
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toMatch(/Bearer/);
  });

  it.each([
    ['an unknown key', { authorization: `Bearer sk_test_${'A'.repeat(43)}` }],
    ['a malformed key', { authorization: 'Bearer not-a-key' }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers UNAUTHENTICATED for %s', async (_label, headers) => {
    const response = await server.request(CurrentEnvironment, {}, { apiKey: null, headers });
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toMatch(/not valid|revoked/);
  });

  // The flag read authorizes in its resolvers (no scope-auth scope, see docs/security.md).
  it.each([
    ['no key', {}],
    ['an unknown key', { headers: { authorization: `Bearer sk_test_${'B'.repeat(43)}` } }],
  ])('refuses the flag read with %s, as every other field', async (_label, extra) => {
    const response = await server.request(
      OrganizationFlags,
      { id: 'org_01JZ0000000000000000000000', environment: 'sandbox' },
      { apiKey: null, ...extra },
    );
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.data?.organization ?? null).toBeNull();
  });

  it('answers UNAUTHENTICATED for mutations too, and changes nothing', async () => {
    const response = await server.request(
      CreateFlag,
      { input: { slug: 'anonymous', name: 'x' } },
      { apiKey: null },
    );
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(
      dataOf(await server.request(FlagRule, { slug: 'anonymous', environment: 'sandbox' })).featureFlag,
    ).toBeNull();
  });

  it('gives sandbox sk_test_ keys and production sk_live_ keys, each in its environment', async () => {
    expect(server.keys.sandbox).toMatch(/^sk_test_[A-Za-z0-9_-]{43}$/);
    expect(server.keys.production).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(dataOf(await server.request(CurrentEnvironment, {})).currentEnvironment).toEqual({
      slug: 'sandbox',
      kind: 'SANDBOX',
    });
    expect(
      dataOf(await server.request(CurrentEnvironment, {}, { apiKey: server.keys.production }))
        .currentEnvironment,
    ).toEqual({ slug: 'production', kind: 'PRODUCTION' });
  });
});

describe('environment isolation', () => {
  it('a key changes rules of its own environment only', async () => {
    const own = await server.request(
      SetEnabled,
      { input: { slug: 'auth-flag', environment: 'production', enabled: true } },
      { apiKey: server.keys.production },
    );
    expect(dataOf(own).setFeatureFlagEnabled.rule).toEqual({
      enabled: true,
      environment: { slug: 'production' },
    });
    const other = await server.request(
      SetEnabled,
      { input: { slug: 'auth-flag', environment: 'sandbox', enabled: true } },
      { apiKey: server.keys.production },
    );
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(
      dataOf(await server.request(FlagRule, { slug: 'auth-flag', environment: 'sandbox' })).featureFlag?.rule,
    ).toEqual({ enabled: false, version: 1 });
  });

  it('a key reads rules, organization flags and events of its own environment only', async () => {
    const rule = await server.request(FlagRule, { slug: 'auth-flag', environment: 'production' });
    expect(errorCode(rule)).toBe('FORBIDDEN');
    const organization = dataOf(await server.request(CreateOrganization, { input: { name: 'Isolated' } }))
      .createOrganization.organization.id;
    const flags = await server.request(OrganizationFlags, { id: organization, environment: 'production' });
    expect(errorCode(flags)).toBe('FORBIDDEN');
    expect(errorCode(await server.request(Events, { environment: 'production' }))).toBe('FORBIDDEN');
    expect(
      dataOf(await server.request(Events, { environment: 'sandbox' })).events.edges.length,
    ).toBeGreaterThan(0);
  });

  it('flag definitions and organizations are global', async () => {
    const flag = await server.request(
      FlagRule,
      { slug: 'auth-flag', environment: 'production' },
      {
        apiKey: server.keys.production,
      },
    );
    expect(dataOf(flag).featureFlag?.slug).toBe('auth-flag');
  });
});

describe('API keys', () => {
  it('createApiKey returns a working secret once; apiKeys lists only the caller’s environment', async () => {
    const created = dataOf(await server.request(CreateKey, { input: { name: 'CI' } })).createApiKey;
    expect(created.secret).toMatch(/^sk_test_/);
    expect(created.apiKey).toMatchObject({
      name: 'CI',
      redactedSecret: `sk_test_…${created.secret.slice(-4)}`,
      environment: { slug: 'sandbox' },
    });
    const asNewKey = await server.request(CurrentEnvironment, {}, { apiKey: created.secret });
    expect(dataOf(asNewKey).currentEnvironment.slug).toBe('sandbox');
    const keys = dataOf(await server.request(ApiKeys, {})).apiKeys;
    expect(keys.map((k) => k.id)).toContain(created.apiKey.id);
    expect(keys.every((k) => k.environment.slug === 'sandbox')).toBe(true);
    expect(JSON.stringify(keys)).not.toContain(created.secret);
  });

  it('createApiKey for another environment is FORBIDDEN; a bad name is BAD_USER_INPUT', async () => {
    const other = await server.request(CreateKey, { input: { name: 'x', environment: 'production' } });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const badName = await server.request(CreateKey, { input: { name: ' ' } });
    expect(errorCode(badName)).toBe('BAD_USER_INPUT');
    expect(badName.errors?.[0]?.extensions?.field).toBe('name');
  });

  it('a revoked key stops working at once', async () => {
    const created = dataOf(await server.request(CreateKey, { input: { name: 'Short-lived' } })).createApiKey;
    dataOf(await server.request(CurrentEnvironment, {}, { apiKey: created.secret }));
    const revoked = dataOf(
      await server.request(RevokeKey, { input: { id: created.apiKey.id } }),
    ).revokeApiKey;
    expect(revoked.apiKey.revokedAt).not.toBeNull();
    const after = await server.request(CurrentEnvironment, {}, { apiKey: created.secret });
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    // Revoking twice is harmless.
    dataOf(await server.request(RevokeKey, { input: { id: created.apiKey.id } }));
  });

  it('revokeApiKey answers NOT_FOUND for an unknown key and FORBIDDEN for another environment’s', async () => {
    expect(
      errorCode(await server.request(RevokeKey, { input: { id: 'key_01JAAAAAAAAAAAAAAAAAAAAAAA' } })),
    ).toBe('NOT_FOUND');
    const malformed = await server.request(RevokeKey, { input: { id: 'key\u0000' } });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.extensions?.field).toBe('id');
    const productionKey = dataOf(
      await server.request(CreateKey, { input: { name: 'Prod' } }, { apiKey: server.keys.production }),
    ).createApiKey;
    const response = await server.request(RevokeKey, { input: { id: productionKey.apiKey.id } });
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(
      dataOf(await server.request(CurrentEnvironment, {}, { apiKey: productionKey.secret }))
        .currentEnvironment.slug,
    ).toBe('production');
  });
});

describe('createEnvironment', () => {
  it('creates an environment in which every existing flag has a disabled rule', async () => {
    const created = dataOf(
      await server.request(
        CreateEnvironment,
        {
          input: { slug: 'staging', name: 'Staging', kind: 'SANDBOX' },
        },
        { apiKey: server.keys.admin },
      ),
    ).createEnvironment.environment;
    expect(created).toMatchObject({ slug: 'staging', name: 'Staging', kind: 'SANDBOX' });
    expect(created.id).toMatch(/^env_/);
    expect(created.clientId).toMatch(/^client_/);
    const environments = dataOf(await server.request(Environments, {})).environments;
    expect(environments.map((e) => e.slug)).toEqual(['sandbox', 'production', 'staging']);

    const { secret } = await createApiKey(systemActor, await findEnvironmentBySlug('staging'), 'staging');
    expect(secret).toMatch(/^sk_test_/);
    const rule = await server.request(
      FlagRule,
      { slug: 'auth-flag', environment: 'staging' },
      { apiKey: secret },
    );
    expect(dataOf(rule).featureFlag?.rule).toEqual({ enabled: false, version: 1 });
  });

  it('rejects a bad slug, a bad name and a duplicate slug', async () => {
    const badSlug = await server.request(
      CreateEnvironment,
      {
        input: { slug: 'Bad Slug', name: 'x', kind: 'SANDBOX' },
      },
      { apiKey: server.keys.admin },
    );
    expect(errorCode(badSlug)).toBe('BAD_USER_INPUT');
    expect(badSlug.errors?.[0]?.extensions?.field).toBe('slug');
    const badName = await server.request(
      CreateEnvironment,
      {
        input: { slug: 'qa', name: '', kind: 'SANDBOX' },
      },
      { apiKey: server.keys.admin },
    );
    expect(errorCode(badName)).toBe('BAD_USER_INPUT');
    expect(badName.errors?.[0]?.extensions?.field).toBe('name');
    const duplicate = await server.request(
      CreateEnvironment,
      {
        input: { slug: 'production', name: 'Again', kind: 'PRODUCTION' },
      },
      { apiKey: server.keys.admin },
    );
    expect(errorCode(duplicate)).toBe('CONFLICT');
    expect(duplicate.errors?.[0]?.message).toBe('An environment with this slug already exists.');
  });

  it('requires a key', async () => {
    const response = await server.request(
      CreateEnvironment,
      { input: { slug: 'anon', name: 'Anon', kind: 'SANDBOX' } },
      { apiKey: null },
    );
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
  });
});

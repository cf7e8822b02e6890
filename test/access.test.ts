import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey, startTestServer, type TestServer } from './helpers/server.ts';

/**
 * Issue 15's attacks on the access model (roles, CORS, cookies from other origins, key lockout,
 * forged X-Forwarded-For), each made the way an attacker would, over real HTTP.
 */

let server: TestServer;
let readOnlyKey: string;
const allowedOrigin = 'https://app.example';

beforeAll(async () => {
  server = await startTestServer({
    env: {
      PENNANT_ALLOWED_ORIGINS: allowedOrigin,
      PENNANT_TRUST_PROXY: '1',
      PENNANT_RATE_LIMIT_FAILED_API_KEY: '3',
    },
  });
  readOnlyKey = await makeKey([], 'sandbox', 'READ_ONLY');
});
afterAll(async () => {
  await server?.close();
});

// Ad-hoc documents (not codegen'd): their answers are read loosely and checked by assertions.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Loose = Record<string, any>;

interface Result {
  status: number;
  headers: Headers;
  body: {
    data?: Loose | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

async function graphql(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Result> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Result['body'],
  };
}

const as = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...extra,
});

function data(result: Result): Loose {
  if (result.body.errors?.length || !result.body.data) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data;
}

const createFlag = `mutation($input: CreateFeatureFlagInput!) { createFeatureFlag(input: $input) { featureFlag { slug } } }`;
const deleteFlag = `mutation($input: DeleteFeatureFlagInput!) { deleteFeatureFlag(input: $input) { slug } }`;
const createEnvironment = `mutation($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { environment { slug } } }`;
const createApiKey = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { role environment { slug } } secret } }`;

describe('API-key roles', () => {
  it('a read-only key reads but changes nothing: FORBIDDEN naming the member role', async () => {
    expect(data(await graphql('{ currentEnvironment { slug } }', {}, as(readOnlyKey)))).toEqual({
      currentEnvironment: { slug: 'sandbox' },
    });
    const refused = await graphql(createFlag, { input: { slug: 'ro', name: 'RO' } }, as(readOnlyKey));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'member' });
    expect(refused.body.errors?.[0]?.message).toContain('member role');
    // The WorkOS REST edge applies the same role: reads yes, writes no.
    const read = await fetch(`${server.url}/feature-flags`, { headers: as(readOnlyKey) });
    expect(read.status).toBe(200);
    const write = await fetch(`${server.url}/feature-flags/ro/enable`, {
      method: 'PUT',
      headers: as(readOnlyKey),
    });
    expect(write.status).toBe(403);
  });

  it('a sandbox member key cannot delete a flag from every environment nor create a production environment', async () => {
    data(await graphql(createFlag, { input: { slug: 'kept', name: 'Kept' } }, as(server.keys.sandbox)));
    const deletion = await graphql(deleteFlag, { input: { slug: 'kept' } }, as(server.keys.sandbox));
    expect(deletion.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    const stillThere = await graphql('{ featureFlag(slug: "kept") { slug } }', {}, as(server.keys.sandbox));
    expect(data(stillThere).featureFlag).toEqual({ slug: 'kept' });
    const environment = await graphql(
      createEnvironment,
      { input: { slug: 'prod-2', name: 'Prod 2', kind: 'PRODUCTION' } },
      as(server.keys.sandbox),
    );
    expect(environment.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'admin',
    });
    // An admin key may do both.
    expect(data(await graphql(deleteFlag, { input: { slug: 'kept' } }, as(server.keys.admin)))).toEqual({
      deleteFeatureFlag: { slug: 'kept' },
    });
  });

  it('keys are created with a role, never above the creator’s, and only an admin creates keys elsewhere', async () => {
    const readOnly = data(
      await graphql(
        createApiKey,
        { input: { name: 'dashboards', role: 'READ_ONLY' } },
        as(server.keys.sandbox),
      ),
    ).createApiKey;
    expect(readOnly.apiKey).toEqual({ role: 'READ_ONLY', environment: { slug: 'sandbox' } });
    const byDefault = data(
      await graphql(createApiKey, { input: { name: 'ci' } }, as(server.keys.sandbox)),
    ).createApiKey;
    expect(byDefault.apiKey.role).toBe('MEMBER');
    const escalation = await graphql(
      createApiKey,
      { input: { name: 'x', role: 'ADMIN' } },
      as(server.keys.sandbox),
    );
    expect(escalation.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'admin',
    });
    const elsewhere = await graphql(
      createApiKey,
      { input: { name: 'x', environment: 'production' } },
      as(server.keys.sandbox),
    );
    expect(elsewhere.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'admin',
    });
    const byAdmin = data(
      await graphql(
        createApiKey,
        { input: { name: 'prod', environment: 'production' } },
        as(server.keys.admin),
      ),
    ).createApiKey;
    expect(byAdmin.apiKey).toEqual({ role: 'MEMBER', environment: { slug: 'production' } });
    expect(byAdmin.secret).toMatch(/^sk_live_/);
  });
});

describe('CORS and cookies from other origins', () => {
  it('OPTIONS /graphql from https://evil.example does not allow credentials', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('an origin of PENNANT_ALLOWED_ORIGINS gets credentialed CORS', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refreshSession and signOut by the session cookie from another origin answer FORBIDDEN and leave the session working', async () => {
    const key = as(server.keys.sandbox);
    const organizationId = data(
      await graphql(
        'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }',
        { input: { name: 'Victim Inc' } },
        key,
      ),
    ).createOrganization.organization.id;
    const userId = data(
      await graphql(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
        { input: { email: 'victim@example.com' } },
        key,
      ),
    ).createUser.user.id;
    data(
      await graphql(
        'mutation($input: CreateOrganizationMembershipInput!) { createOrganizationMembership(input: $input) { organizationMembership { id } } }',
        { input: { userId, organizationId } },
        key,
      ),
    );
    const sealed: string = data(
      await graphql(
        'mutation($input: CreateSessionInput!) { createSession(input: $input) { sealedSession } }',
        { input: { userId, organizationId } },
        key,
      ),
    ).createSession.sealedSession;
    const cookie = `${server.config.cookieName}=${sealed}`;
    const refresh = 'mutation { refreshSession(input: {}) { sealedSession } }';
    const stolen = await graphql(refresh, {}, { cookie, origin: 'https://evil.example' });
    expect(stolen.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stolen.body.data?.refreshSession ?? null).toBeNull();
    expect(stolen.headers.get('set-cookie')).toBeNull();
    const signOut = await graphql(
      'mutation { signOut(input: {}) { sessionId } }',
      {},
      { cookie, origin: 'https://evil.example' },
    );
    expect(signOut.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The allowed origin (and the server's own) may use the cookie.
    const allowed = await graphql(refresh, {}, { cookie, origin: allowedOrigin });
    expect(data(allowed).refreshSession.sealedSession).toMatch(/^Fe26\.2\*/);
  });
});

describe('failed keys and X-Forwarded-For', () => {
  const wrongKey = () => `sk_test_${randomBytes(32).toString('base64url')}`;
  const current = '{ currentEnvironment { slug } }';

  it('garbage bearer tokens from an address never lock out a valid key from it', async () => {
    const from = { 'x-forwarded-for': '203.0.113.60' };
    for (let attempt = 0; attempt < 5; attempt += 1)
      await graphql(current, {}, as(`garbage-${attempt}`, from));
    const refused = await graphql(current, {}, as(wrongKey(), from));
    expect(refused.status).toBe(429);
    const valid = await graphql(current, {}, as(server.keys.sandbox, from));
    expect(valid.status).toBe(200);
    expect(data(valid)).toEqual({ currentEnvironment: { slug: 'sandbox' } });
  });

  it('with one trusted proxy, the address is the rightmost X-Forwarded-For entry, whatever the client wrote before it', async () => {
    // Each attempt forges a different first entry; the proxy appended the real one.
    const forged = (n: number) => ({ 'x-forwarded-for': `10.9.8.${n}, 198.51.100.77` });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await graphql(current, {}, as(wrongKey(), forged(attempt)));
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const refused = await graphql(current, {}, as(wrongKey(), forged(99)));
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

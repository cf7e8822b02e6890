import { inspect } from 'node:util';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, type JWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateSessionCredential } from '../src/domain/sessions.ts';
import { activeSigningKey } from '../src/domain/signing-keys.ts';
import { graphql } from './gql/index.ts';
import {
  dataOf,
  environmentOf,
  errorCode,
  issuerOf,
  startTestServer,
  type TestServer,
} from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';
import { connectWs } from './helpers/ws.ts';

const CreateOrganization = graphql(`
  mutation IsolationCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateUser = graphql(`
  mutation IsolationCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation IsolationCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);
const CreateSession = graphql(`
  mutation IsolationCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }
  }
`);
const Organization = graphql(`
  query IsolationOrganization($id: ID!) { organization(id: $id) { id name } }
`);
const Organizations = graphql(`
  query IsolationOrganizations { organizations(first: 100) { edges { node { id } } } }
`);
const User = graphql(`
  query IsolationUser($id: ID!) { user(id: $id) { id email } }
`);
const Users = graphql(`
  query IsolationUsers { users(first: 100) { edges { node { id email } } } }
`);
const UpdateOrganization = graphql(`
  mutation IsolationUpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { organization { id } }
  }
`);
const DeleteOrganization = graphql(`
  mutation IsolationDeleteOrganization($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) { deletedOrganizationId }
  }
`);
const DeleteUser = graphql(`
  mutation IsolationDeleteUser($input: DeleteUserInput!) {
    deleteUser(input: $input) { deletedUserId }
  }
`);
const CreateFlag = graphql(`
  mutation IsolationCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);
const AddFlagOrganization = graphql(`
  mutation IsolationAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {
    addFeatureFlagOrganization(input: $input) { rule { organizationIds } }
  }
`);
const FlagsChanged = graphql(`
  subscription IsolationFlagsChanged { featureFlagsChanged { organizationId featureFlags } }
`);

const cookiePassword = 'an-isolation-cookie-password-of-32-characters';
let server: TestServer;
let sandbox: { id: string; clientId: string };
let production: { id: string; clientId: string };
let counter = 0;

beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_COOKIE_PASSWORD: cookiePassword } });
  sandbox = await environmentOf('sandbox');
  production = await environmentOf('production');
});
afterAll(async () => {
  await server?.close();
});

async function organization(apiKey: string, input: { name: string; externalId?: string } = { name: 'Acme' }) {
  return dataOf(await server.request(CreateOrganization, { input }, { apiKey })).createOrganization
    .organization.id;
}
async function user(apiKey: string, email = `person${++counter}@example.com`) {
  return dataOf(await server.request(CreateUser, { input: { email } }, { apiKey })).createUser.user.id;
}
/** What a backend with this key does to sign someone in: user, organization, admin membership, session. */
async function signedIn(apiKey: string) {
  const organizationId = await organization(apiKey);
  const userId = await user(apiKey);
  dataOf(
    await server.request(CreateMembership, { input: { userId, organizationId, role: 'admin' } }, { apiKey }),
  );
  const session = dataOf(
    await server.request(CreateSession, { input: { userId, organizationId } }, { apiKey }),
  ).createSession;
  return { organizationId, userId, ...session };
}
async function jwks(clientId: string): Promise<JWK[]> {
  return ((await (await fetch(`${server.url}/sso/jwks/${clientId}`)).json()) as { keys: JWK[] }).keys;
}

describe('a sandbox key cannot mint what production trusts', () => {
  it('a sandbox session’s access token verifies against sandbox’s JWKS and issuer only', async () => {
    const session = await signedIn(server.keys.sandbox);
    const sandboxJwks = createRemoteJWKSet(new URL(`${server.url}/sso/jwks/${sandbox.clientId}`));
    const productionJwks = createRemoteJWKSet(new URL(`${server.url}/sso/jwks/${production.clientId}`));
    const { payload } = await jwtVerify(session.accessToken, sandboxJwks, {
      issuer: await issuerOf(server, 'sandbox'),
    });
    expect(payload.org_id).toBe(session.organizationId);
    // What production's backend does with jose: the token is refused, whatever it checks.
    await expect(jwtVerify(session.accessToken, productionJwks)).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
    expect(payload.iss).not.toBe(await issuerOf(server, 'production'));
    // The key sets do not overlap; /.well-known/jwks.json serves both.
    const sandboxKids = (await jwks(sandbox.clientId)).map((key) => key.kid);
    const productionKids = (await jwks(production.clientId)).map((key) => key.kid);
    expect(sandboxKids.filter((kid) => productionKids.includes(kid))).toEqual([]);
    const all = ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] }).keys;
    expect(all.map((key) => key.kid).sort()).toEqual([...sandboxKids, ...productionKids].sort());
  });

  it('the WorkOS SDK configured for production refuses a sandbox seal, and accepts its own', async () => {
    const fromSandbox = await signedIn(server.keys.sandbox);
    const fromProduction = await signedIn(server.keys.production);
    const workos = workosFor(server, { apiKey: server.keys.production, clientId: production.clientId });
    // The SDK finds no key of production's JWKS that verifies the sandbox token.
    await expect(
      workos.userManagement
        .loadSealedSession({ sessionData: fromSandbox.sealedSession, cookiePassword })
        .authenticate(),
    ).rejects.toThrow(/no applicable key/);
    const accepted = await workos.userManagement
      .loadSealedSession({ sessionData: fromProduction.sealedSession, cookiePassword })
      .authenticate();
    expect(accepted).toMatchObject({ authenticated: true, organizationId: fromProduction.organizationId });
    // Refreshing a sandbox seal through production's client id is refused too.
    const refreshed = await workos.userManagement
      .loadSealedSession({ sessionData: fromSandbox.sealedSession, cookiePassword })
      .refresh();
    expect(refreshed.authenticated).toBe(false);
  });

  it('a token signed with sandbox’s key for a production session is refused on every path', async () => {
    const fromProduction = await signedIn(server.keys.production);
    const claims = decodeJwt(fromProduction.accessToken);
    // The server's own sandbox key signs claims that name production's session, with the
    // production issuer: what a leaked or misused sandbox key could produce at best.
    const key = await activeSigningKey(sandbox.id);
    const forged = await new SignJWT({ ...claims, iss: await issuerOf(server, 'production') })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
    await expect(authenticateSessionCredential({ accessToken: forged })).rejects.toMatchObject({
      code: 'INVALID_SESSION',
    });
    const withSandboxIssuer = await new SignJWT({ ...claims, iss: await issuerOf(server, 'sandbox') })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
    await expect(authenticateSessionCredential({ accessToken: withSandboxIssuer })).rejects.toMatchObject({
      code: 'INVALID_SESSION',
    });
    // A path that serves one environment refuses another's genuine credential.
    await expect(
      authenticateSessionCredential({ accessToken: fromProduction.accessToken }, undefined, sandbox.id),
    ).rejects.toMatchObject({ code: 'INVALID_SESSION' });
    await expect(
      authenticateSessionCredential({ accessToken: fromProduction.accessToken }, undefined, production.id),
    ).resolves.toMatchObject({ environmentId: production.id });
    // WebSocket: the forged token does not open a connection; the genuine one does.
    const refused = connectWs(server.graphqlUrl, { connectionParams: { accessToken: withSandboxIssuer } });
    const subscription = refused.subscribe(FlagsChanged);
    await subscription.waitForEnd();
    expect(subscription.messages).toEqual([]);
    expect(refused.closes[0]?.code).toBe(4403);
    await refused.dispose();
    // HTTP (and SSE, which shares it): the forged bearer is no session.
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${withSandboxIssuer}` },
      body: JSON.stringify({ query: '{ latestCursor }' }),
    });
    expect(
      ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions
        .code,
    ).toBe('UNAUTHENTICATED');
  });
});

describe('users, organizations and memberships belong to one environment', () => {
  it('a sandbox key cannot make anyone a member of a production organization', async () => {
    const productionOrganization = await organization(server.keys.production, {
      name: 'Production customer',
    });
    const sandboxUser = await user(server.keys.sandbox);
    const result = await server.request(CreateMembership, {
      input: { userId: sandboxUser, organizationId: productionOrganization, role: 'admin' },
    });
    expect(errorCode(result)).toBe('NOT_FOUND');
    const productionUser = await user(server.keys.production);
    const sandboxOrganization = await organization(server.keys.sandbox);
    expect(
      errorCode(
        await server.request(CreateMembership, {
          input: { userId: productionUser, organizationId: sandboxOrganization },
        }),
      ),
    ).toBe('NOT_FOUND');
    // Nor sign a production user in.
    expect(
      errorCode(
        await server.request(CreateSession, {
          input: { userId: productionUser, organizationId: productionOrganization },
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('another environment’s organizations and users are invisible and unchangeable', async () => {
    const organizationId = await organization(server.keys.production, { name: 'Hidden' });
    const userId = await user(server.keys.production, 'hidden@example.com');
    expect(dataOf(await server.request(Organization, { id: organizationId })).organization).toBeNull();
    expect(
      dataOf(await server.request(Organization, { id: organizationId }, { apiKey: server.keys.production }))
        .organization,
    ).toMatchObject({ id: organizationId });
    expect(dataOf(await server.request(User, { id: userId })).user).toBeNull();
    const organizations = dataOf(await server.request(Organizations, {})).organizations.edges;
    expect(organizations.map((edge) => edge.node.id)).not.toContain(organizationId);
    const users = dataOf(await server.request(Users, {})).users.edges;
    expect(users.map((edge) => edge.node.id)).not.toContain(userId);
    expect(
      errorCode(await server.request(UpdateOrganization, { input: { id: organizationId, name: 'Mine' } })),
    ).toBe('NOT_FOUND');
    expect(errorCode(await server.request(DeleteOrganization, { input: { id: organizationId } }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await server.request(DeleteUser, { input: { id: userId } }))).toBe('NOT_FOUND');
    // The REST API agrees.
    const rest = await fetch(`${server.url}/organizations/${organizationId}/feature-flags`, {
      headers: { authorization: `Bearer ${server.keys.sandbox}` },
    });
    expect(rest.status).toBe(404);
    const restUser = await fetch(`${server.url}/user_management/users/${userId}/feature-flags`, {
      headers: { authorization: `Bearer ${server.keys.sandbox}` },
    });
    expect(restUser.status).toBe(404);
  });

  it('a rule cannot choose another environment’s organization', async () => {
    dataOf(await server.request(CreateFlag, { input: { slug: 'isolated', name: 'Isolated' } }));
    const productionOrganization = await organization(server.keys.production, { name: 'Elsewhere' });
    const result = await server.request(AddFlagOrganization, {
      input: { slug: 'isolated', environment: 'sandbox', organizationId: productionOrganization },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const own = await organization(server.keys.sandbox);
    const added = dataOf(
      await server.request(AddFlagOrganization, {
        input: { slug: 'isolated', environment: 'sandbox', organizationId: own },
      }),
    );
    expect(added.addFeatureFlagOrganization.rule.organizationIds).toEqual([own]);
  });

  it('e-mail addresses and external ids are unique per environment', async () => {
    const sandboxUser = await user(server.keys.sandbox, 'same@example.com');
    const productionUser = await user(server.keys.production, 'same@example.com');
    expect(productionUser).not.toBe(sandboxUser);
    const duplicate = await server.request(CreateUser, { input: { email: 'SAME@example.com' } });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    expect(duplicate.errors?.[0]?.extensions?.field).toBe('email');

    await organization(server.keys.sandbox, { name: 'A', externalId: 'customer-42' });
    await organization(server.keys.production, { name: 'A', externalId: 'customer-42' });
    const again = await server.request(CreateOrganization, {
      input: { name: 'B', externalId: 'customer-42' },
    });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions?.field).toBe('externalId');
  });

  it('a new environment signs with a key of its own', async () => {
    const CreateEnvironment = graphql(`
      mutation IsolationCreateEnvironment($input: CreateEnvironmentInput!) {
        createEnvironment(input: $input) { environment { id clientId } }
      }
    `);
    const created = await server.request(
      CreateEnvironment,
      { input: { slug: 'staging', name: 'Staging', kind: 'SANDBOX' } },
      { apiKey: server.keys.admin },
    );
    const environment = dataOf(created).createEnvironment.environment;
    const keys = await jwks(environment.clientId);
    expect(keys).toHaveLength(1);
    const local = createLocalJWKSet({ keys });
    const key = await activeSigningKey(environment.id);
    expect(keys[0]?.kid).toBe(key.kid);
    expect((await jwks(sandbox.clientId)).map((k) => k.kid)).not.toContain(key.kid);
    const token = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid })
      .sign(key.privateKey);
    await expect(jwtVerify(token, local)).resolves.toBeTruthy();
  });
});

const FlagsChangedAfter = graphql(`
  subscription IsolationFlagsChangedAfter($after: String) {
    featureFlagsChanged(after: $after) { organizationId featureFlags }
  }
`);
const LatestCursor = graphql(`
  query IsolationLatestCursor { latestCursor }
`);

const RefreshSession = graphql(`
  mutation IsolationRefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) { sealedSession session { accessToken organizationId } }
  }
`);
const DeleteMembership = graphql(`
  mutation IsolationDeleteMembership($input: DeleteOrganizationMembershipInput!) {
    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }
  }
`);
const SetFlagEnabled = graphql(`
  mutation IsolationSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { featureFlag { id } }
  }
`);

describe('subscriptions follow the membership their credential is for', () => {
  it('an old access token of a user who left organization A no longer opens featureFlagsChanged for A', async () => {
    const apiKey = server.keys.sandbox;
    const a = await organization(apiKey, { name: 'Left' });
    const b = await organization(apiKey, { name: 'Stayed' });
    const userId = await user(apiKey);
    const inA = dataOf(await server.request(CreateMembership, { input: { userId, organizationId: a } }))
      .createOrganizationMembership.organizationMembership.id;
    dataOf(await server.request(CreateMembership, { input: { userId, organizationId: b } }));
    const signed = dataOf(
      await server.request(CreateSession, { input: { userId, organizationId: a } }),
    ).createSession;
    // The user switches to B (the session now names B), then is removed from A: the session is
    // not revoked, and the access token for A has not expired.
    const switched = dataOf(
      await server.request(
        RefreshSession,
        { input: { sealedSession: signed.sealedSession, organizationId: b } },
        { apiKey: null },
      ),
    ).refreshSession;
    expect(switched.session.organizationId).toBe(b);
    dataOf(await server.request(DeleteMembership, { input: { id: inA } }));

    const old = connectWs(server.graphqlUrl, { connectionParams: { accessToken: signed.accessToken } });
    const refused = old.subscribe(FlagsChanged);
    await refused.waitForEnd();
    expect(refused.messages).toEqual([]);
    expect(inspect(refused.errors, { depth: 5 })).toContain('not an active member');
    await old.dispose();

    // The token for B still subscribes and hears B's changes.
    const current = connectWs(server.graphqlUrl, {
      connectionParams: { accessToken: switched.session.accessToken },
    });
    // From a cursor read first: nothing made after it is missed, however soon it is made.
    const after = dataOf(await server.request(LatestCursor, {})).latestCursor;
    const open = current.subscribe(FlagsChangedAfter, { after });
    dataOf(await server.request(CreateFlag, { input: { slug: 'for-b', name: 'For B' } }));
    dataOf(
      await server.request(AddFlagOrganization, {
        input: { slug: 'for-b', environment: 'sandbox', organizationId: b },
      }),
    );
    dataOf(
      await server.request(SetFlagEnabled, {
        input: { slug: 'for-b', environment: 'sandbox', enabled: true },
      }),
    );
    const [message] = await open.waitForCount(1);
    expect(message?.featureFlagsChanged).toMatchObject({ organizationId: b, featureFlags: ['for-b'] });
    await current.dispose();
  });
});

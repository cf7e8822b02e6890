import { createRemoteJWKSet, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateSessionCredential } from '../src/domain/sessions.ts';
import { ensureActiveSigningKey } from '../src/domain/signing-keys.ts';
import { graphql } from './gql/index.ts';
import { dataOf, environmentOf, issuerOf, startTestServer, type TestServer } from './helpers/server.ts';

const CreateOrganization = graphql(`
  mutation AlgorithmsCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateUser = graphql(`
  mutation AlgorithmsCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation AlgorithmsCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);
const CreateSession = graphql(`
  mutation AlgorithmsCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { accessToken }
  }
`);

let server: TestServer;
let issuer: string;
let input: { userId: string; organizationId: string };

beforeAll(async () => {
  server = await startTestServer({ env: { PENNANT_SIGNING_ALG: 'ES256' } });
  issuer = await issuerOf(server);
  const organizationId = dataOf(await server.request(CreateOrganization, { input: { name: 'Algorithms' } }))
    .createOrganization.organization.id;
  const userId = dataOf(await server.request(CreateUser, { input: { email: 'alg@example.com' } })).createUser
    .user.id;
  dataOf(await server.request(CreateMembership, { input: { userId, organizationId } }));
  input = { userId, organizationId };
});
afterAll(async () => {
  await server?.close();
});

async function accessToken(): Promise<string> {
  return dataOf(await server.request(CreateSession, { input })).createSession.accessToken;
}

describe('PENNANT_SIGNING_ALG', () => {
  it('ES256 signs and verifies through the JWKS', async () => {
    const token = await accessToken();
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    const jwks = createRemoteJWKSet(
      new URL(`${server.url}/sso/jwks/${(await environmentOf('sandbox')).clientId}`),
    );
    await jwtVerify(token, jwks, { issuer, algorithms: ['ES256'] });
    await expect(jwtVerify(token, jwks, { issuer, algorithms: ['RS256'] })).rejects.toThrow();
  });

  it('changing the algorithm rotates to a key of the new one (EdDSA); the old key keeps verifying', async () => {
    const before = await accessToken();
    await ensureActiveSigningKey('EdDSA');
    const after = await accessToken();
    expect(decodeProtectedHeader(after).alg).toBe('EdDSA');
    const keys = (
      (await (await fetch(`${server.url}/sso/jwks/${(await environmentOf('sandbox')).clientId}`)).json()) as {
        keys: JWK[];
      }
    ).keys;
    expect(keys.map((key) => key.alg).sort()).toEqual(['ES256', 'EdDSA']);
    const jwks = createRemoteJWKSet(
      new URL(`${server.url}/sso/jwks/${(await environmentOf('sandbox')).clientId}`),
    );
    await jwtVerify(after, jwks, { issuer, algorithms: ['EdDSA'] });
    await jwtVerify(before, jwks, { issuer, algorithms: ['ES256'] });
    await expect(authenticateSessionCredential({ accessToken: before })).resolves.toMatchObject(input);
    await expect(authenticateSessionCredential({ accessToken: after })).resolves.toMatchObject(input);
  });
});

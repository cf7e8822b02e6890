import { defaults, seal, unseal } from 'iron-webcrypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { activeSigningKey } from '../src/domain/signing-keys.ts';
import { graphql } from './gql/index.ts';
import { pastRefreshGrace, testGraceSeconds } from './helpers/refresh-grace.ts';
import { dataOf, environmentOf, errorCode, startTestServer, type TestServer } from './helpers/server.ts';

// The one refresh path (src/domain/refresh.ts) seen from both doors: GraphQL with a seal, and
// REST with a raw refresh token. The seal's claims are a first guess that the rotation's
// statement checks; these cases make the guess wrong in each way and expect the database's answer.

const cookiePassword = 'a-refresh-paths-cookie-password-of-32-characters';
const graceSeconds = testGraceSeconds;

const CreateOrganization = graphql(`
  mutation RefreshPathsCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateUser = graphql(`
  mutation RefreshPathsCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation RefreshPathsCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);
const DeleteMembership = graphql(`
  mutation RefreshPathsDeleteMembership($input: DeleteOrganizationMembershipInput!) {
    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }
  }
`);
const CreateSession = graphql(`
  mutation RefreshPathsCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }
  }
`);
const RevokeSession = graphql(`
  mutation RefreshPathsRevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) { session { id } }
  }
`);
const RefreshSession = graphql(`
  mutation RefreshPathsRefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) { sealedSession session { id organizationId role accessToken } }
  }
`);

let server: TestServer;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer({
    env: { PENNANT_COOKIE_PASSWORD: cookiePassword, PENNANT_REFRESH_GRACE: String(graceSeconds) },
  });
});

afterAll(async () => {
  await server?.close();
});

type Environment = 'sandbox' | 'production';

function apiKeyOf(environment: Environment): string {
  return environment === 'sandbox' ? server.keys.sandbox : server.keys.production;
}

async function organization(environment: Environment = 'sandbox'): Promise<string> {
  const result = await server.request(
    CreateOrganization,
    { input: { name: `Org ${++counter}` } },
    { apiKey: apiKeyOf(environment) },
  );
  return dataOf(result).createOrganization.organization.id;
}

async function user(environment: Environment = 'sandbox'): Promise<string> {
  const result = await server.request(
    CreateUser,
    { input: { email: `refresh${++counter}@example.com` } },
    { apiKey: apiKeyOf(environment) },
  );
  return dataOf(result).createUser.user.id;
}

async function join(userId: string, organizationId: string, environment: Environment = 'sandbox') {
  const result = await server.request(
    CreateMembership,
    { input: { userId, organizationId } },
    { apiKey: apiKeyOf(environment) },
  );
  return dataOf(result).createOrganizationMembership.organizationMembership.id;
}

async function signIn(environment: Environment = 'sandbox', organizationId?: string) {
  const orgId = organizationId ?? (await organization(environment));
  const userId = await user(environment);
  const membershipId = await join(userId, orgId, environment);
  const created = dataOf(
    await server.request(
      CreateSession,
      { input: { userId, organizationId: orgId } },
      { apiKey: apiKeyOf(environment) },
    ),
  ).createSession;
  return { userId, organizationId: orgId, membershipId, ...created, sessionId: created.session.id };
}

function refresh(sealedSession: string, organizationId?: string) {
  return server.request(RefreshSession, { input: { sealedSession, organizationId } }, { apiKey: null });
}

async function restRefresh(refreshToken: string, environment: Environment = 'sandbox') {
  const { clientId } = await environmentOf(environment);
  const response = await fetch(`${server.url}/user_management/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: apiKeyOf(environment),
      refresh_token: refreshToken,
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { refresh_token?: string; access_token?: string; error?: string },
  };
}

interface SealContent {
  accessToken: string;
  refreshToken: string;
  user: { id: string } & Record<string, unknown>;
  organizationId: string;
}

function openSeal(sealed: string): Promise<SealContent> {
  const [iron] = sealed.split('~');
  return unseal(iron as string, { 1: cookiePassword }, { ...defaults, ttl: 0 }) as Promise<SealContent>;
}

/** A seal as any holder of the cookie password (an application's backend) can make one. */
async function reseal(content: SealContent): Promise<string> {
  return `${await seal(content, { id: '1', secret: cookiePassword }, { ...defaults, ttl: 0 })}~2`;
}

function tokensOf(sessionId: string) {
  return prisma.refreshToken.count({ where: { sessionId } });
}

function afterGrace(): Promise<void> {
  return pastRefreshGrace();
}

describe('one refresh path for seals and refresh tokens', () => {
  it('a spent refresh token after the grace window ends the session once, through either door', async () => {
    const signedIn = await signIn();
    const first = await restRefresh(signedIn.refreshToken);
    expect(first.status).toBe(200);
    await afterGrace();

    // The original token again, in the original seal (GraphQL): a reuse.
    const reused = await refresh(signedIn.sealedSession);
    expect(errorCode(reused)).toBe('INVALID_GRANT');
    expect(reused.errors?.[0]?.message).toBe(
      'The refresh token was already used; the session has been revoked.',
    );
    const session = await prisma.session.findUniqueOrThrow({ where: { id: signedIn.sessionId } });
    expect(session.revokedReason).toBe('refresh_token_reused');

    // The newest token (REST's answer) is dead with its session, and a second reuse revokes nothing again.
    expect(await restRefresh(first.body.refresh_token as string)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await restRefresh(signedIn.refreshToken)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    const events = await prisma.event.count({
      where: { type: 'session.refresh_token_reused', userId: signedIn.userId },
    });
    expect(events).toBe(1);
    expect(await tokensOf(signedIn.sessionId)).toBe(2);
  });

  it('a revoked session: the seal still claims it active, nothing is rotated, by either door', async () => {
    const signedIn = await signIn();
    dataOf(await server.request(RevokeSession, { input: { id: signedIn.sessionId } }));
    const sealed = await refresh(signedIn.sealedSession);
    expect(errorCode(sealed)).toBe('INVALID_GRANT');
    expect(sealed.errors?.[0]?.message).toBe('The session has ended (revoked or expired).');
    expect(await restRefresh(signedIn.refreshToken)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await tokensOf(signedIn.sessionId)).toBe(1);
  });

  it('a membership removed: the seal’s claim of it is not trusted, and switching back is FORBIDDEN', async () => {
    const signedIn = await signIn();
    const otherOrganizationId = await organization();
    await join(signedIn.userId, otherOrganizationId);
    const switched = dataOf(await refresh(signedIn.sealedSession, otherOrganizationId)).refreshSession;
    expect(switched.session.organizationId).toBe(otherOrganizationId);
    // Removed from the first organization; the session, now in the other one, lives on.
    dataOf(await server.request(DeleteMembership, { input: { id: signedIn.membershipId } }));

    // The newest refresh token in a seal that still claims the first organization and its role.
    const current = await openSeal(switched.sealedSession);
    const claimingFirst = await reseal({
      ...current,
      accessToken: signedIn.accessToken,
      organizationId: signedIn.organizationId,
    });
    const forbidden = await refresh(claimingFirst, signedIn.organizationId);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    expect(await tokensOf(signedIn.sessionId)).toBe(2);

    // Without asking for an organization, the session's own (the database's, not the seal's).
    const refreshed = dataOf(await refresh(claimingFirst)).refreshSession;
    expect(refreshed.session).toMatchObject({ id: signedIn.sessionId, organizationId: otherOrganizationId });
    expect(decodeJwt(refreshed.session.accessToken)).toMatchObject({
      sid: signedIn.sessionId,
      org_id: otherOrganizationId,
    });
    expect(await tokensOf(signedIn.sessionId)).toBe(3);
  });

  it('a seal with a sandbox refresh token and a production user is refused; nothing is rotated', async () => {
    const sandbox = await signIn('sandbox');
    const production = await signIn('production');
    const sandboxSeal = await openSeal(sandbox.sealedSession);
    const productionSeal = await openSeal(production.sealedSession);
    const mixed = await reseal({ ...productionSeal, refreshToken: sandboxSeal.refreshToken });
    const result = await refresh(mixed);
    expect(errorCode(result)).toBe('INVALID_SESSION');
    expect(await tokensOf(sandbox.sessionId)).toBe(1);
    expect(await tokensOf(production.sessionId)).toBe(1);
    // Each session still refreshes with its own seal.
    expect(dataOf(await refresh(sandbox.sealedSession)).refreshSession.session.id).toBe(sandbox.sessionId);
    expect(dataOf(await refresh(production.sealedSession)).refreshSession.session.id).toBe(
      production.sessionId,
    );
  });

  it('a seal whose access token is of another environment’s session refreshes the session its refresh token is of', async () => {
    const sandbox = await signIn('sandbox');
    const production = await signIn('production');
    const sandboxSeal = await openSeal(sandbox.sealedSession);
    // Claims (session, organization, signing key) all say production; the refresh token is sandbox's.
    const mixed = await reseal({ ...sandboxSeal, accessToken: production.accessToken });
    const refreshed = dataOf(await refresh(mixed)).refreshSession;
    expect(refreshed.session).toMatchObject({
      id: sandbox.sessionId,
      organizationId: sandbox.organizationId,
    });
    const { id: sandboxId } = await environmentOf('sandbox');
    expect(decodeProtectedHeader(refreshed.session.accessToken).kid).toBe(
      (await activeSigningKey(sandboxId)).kid,
    );
    expect(decodeJwt(refreshed.session.accessToken)).toMatchObject({
      sid: sandbox.sessionId,
      sub: sandbox.userId,
      org_id: sandbox.organizationId,
    });
    expect(await tokensOf(production.sessionId)).toBe(1);
  });

  it('REST: a production refresh token with sandbox credentials is refused and not rotated', async () => {
    const production = await signIn('production');
    expect(await restRefresh(production.refreshToken, 'sandbox')).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await tokensOf(production.sessionId)).toBe(1);
    expect(await restRefresh(production.refreshToken, 'production')).toMatchObject({ status: 200 });
  });

  it('the same token through both doors at once: one rotation, the same new refresh token for both', async () => {
    const signedIn = await signIn();
    const [sealed, rest] = await Promise.all([
      refresh(signedIn.sealedSession),
      restRefresh(signedIn.refreshToken),
    ]);
    const viaSeal = await openSeal(dataOf(sealed).refreshSession.sealedSession);
    expect(rest.status).toBe(200);
    expect(rest.body.refresh_token).toBe(viaSeal.refreshToken);
    expect(await tokensOf(signedIn.sessionId)).toBe(2);
    expect(
      (await prisma.session.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).revokedAt,
    ).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import { defaults, seal, unseal } from 'iron-webcrypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { refreshWithRefreshToken } from '../src/domain/refresh.ts';
import { writeRotation } from '../src/domain/rotation-writer.ts';
import { authenticateSessionCredential } from '../src/domain/sessions.ts';
import { activeSigningKey } from '../src/domain/signing-keys.ts';
import { graphql } from './gql/index.ts';
import { pastRefreshGrace, testGraceSeconds } from './helpers/refresh-grace.ts';
import {
  dataOf,
  environmentOf,
  errorCode,
  issuerOf,
  startTestServer,
  type TestServer,
} from './helpers/server.ts';

const cookiePassword = 'a-test-cookie-password-of-at-least-32-characters';
const graceSeconds = testGraceSeconds;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

const CreateOrganization = graphql(`
  mutation SessionsCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateFlag = graphql(`
  mutation SessionsCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);
const AddFlagOrganization = graphql(`
  mutation SessionsAddFlagOrganization($input: AddFeatureFlagOrganizationInput!) {
    addFeatureFlagOrganization(input: $input) { rule { version } }
  }
`);
const SetFlagEnabled = graphql(`
  mutation SessionsSetFlagEnabled($input: SetFeatureFlagEnabledInput!) {
    setFeatureFlagEnabled(input: $input) { rule { enabled } }
  }
`);
const CreateUser = graphql(`
  mutation SessionsCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation SessionsCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id role } }
  }
`);
const DeleteMembership = graphql(`
  mutation SessionsDeleteMembership($input: DeleteOrganizationMembershipInput!) {
    deleteOrganizationMembership(input: $input) { deletedOrganizationMembershipId }
  }
`);
const CreateSession = graphql(`
  mutation SessionsCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) {
      sealedSession accessToken refreshToken
      session { id expiresAt revokedAt user { id email } organization { id } environment { slug } }
    }
  }
`);
const RefreshSession = graphql(`
  mutation SessionsRefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) {
      sealedSession
      session { id organizationId role permissions featureFlags accessToken expiresAt user { id email } }
    }
  }
`);
const RevokeSession = graphql(`
  mutation SessionsRevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) { session { id revokedAt revokedReason } }
  }
`);
const SignOut = graphql(`
  mutation SessionsSignOut($input: SignOutInput!) {
    signOut(input: $input) { sessionId }
  }
`);
const Sessions = graphql(`
  query SessionsList($userId: ID, $organizationId: ID) {
    sessions(userId: $userId, organizationId: $organizationId) { id organization { id } }
  }
`);
const Events = graphql(`
  query SessionsEvents($type: String) {
    events(type: $type, first: 20) { edges { node { type organizationId after } } }
  }
`);

let server: TestServer;
let issuer: string;
let jwks: ReturnType<typeof createRemoteJWKSet>;
let productionIssuer: string;
let productionJwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  server = await startTestServer({
    env: { PENNANT_COOKIE_PASSWORD: cookiePassword, PENNANT_REFRESH_GRACE: String(graceSeconds) },
  });
  issuer = await issuerOf(server);
  jwks = createRemoteJWKSet(new URL(`${server.url}/sso/jwks/${(await environmentOf('sandbox')).clientId}`));
  productionIssuer = await issuerOf(server, 'production');
  productionJwks = createRemoteJWKSet(
    new URL(`${server.url}/sso/jwks/${(await environmentOf('production')).clientId}`),
  );
});
afterAll(async () => {
  await server?.close();
});

/** jose with only the environment's JWKS endpoint, its issuer and the algorithm: what an app does. */
async function verifyWithJwks(token: string, environment: 'sandbox' | 'production' = 'sandbox') {
  const { payload, protectedHeader } = await jwtVerify(
    token,
    environment === 'sandbox' ? jwks : productionJwks,
    { issuer: environment === 'sandbox' ? issuer : productionIssuer, algorithms: ['RS256'] },
  );
  return { payload, protectedHeader };
}

let counter = 0;
async function organization(name = 'Acme', apiKey = server.keys.sandbox): Promise<string> {
  const result = await server.request(CreateOrganization, { input: { name } }, { apiKey });
  return dataOf(result).createOrganization.organization.id;
}
async function member(
  organizationId: string,
  apiKey = server.keys.sandbox,
): Promise<{ userId: string; membershipId: string }> {
  counter += 1;
  const user = dataOf(
    await server.request(
      CreateUser,
      { input: { email: `user${counter}@example.com`, firstName: 'Ada', lastName: 'Lovelace' } },
      { apiKey },
    ),
  ).createUser.user;
  const membership = dataOf(
    await server.request(CreateMembership, { input: { userId: user.id, organizationId } }, { apiKey }),
  ).createOrganizationMembership.organizationMembership;
  return { userId: user.id, membershipId: membership.id };
}
async function signIn(organizationId: string, apiKey = server.keys.sandbox) {
  const { userId, membershipId } = await member(organizationId, apiKey);
  const created = dataOf(
    await server.request(CreateSession, { input: { userId, organizationId } }, { apiKey }),
  ).createSession;
  return { userId, membershipId, ...created };
}
function refresh(sealedSession: string, organizationId?: string) {
  return server.request(RefreshSession, { input: { sealedSession, organizationId } }, { apiKey: null });
}
function openSeal(sealed: string, password = cookiePassword) {
  const [iron] = sealed.split('~');
  return unseal(iron as string, { 1: password }, { ...defaults, ttl: 0 }) as Promise<{
    accessToken: string;
    refreshToken: string;
    user: { object: string; id: string; email: string };
    organizationId: string;
  }>;
}
function expectCleanError(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  const error = result.errors?.[0];
  expect(error).toBeDefined();
  expect(JSON.stringify(error)).not.toMatch(/\bat .+\.ts:\d+|stacktrace|"stack"/i);
}

/** An ended session refreshes with a clean INVALID_GRANT, and neither its token nor its seal authenticates. */
async function expectEndedSession(signedIn: { sealedSession: string; accessToken: string }) {
  const result = await refresh(signedIn.sealedSession);
  expect(errorCode(result)).toBe('INVALID_GRANT');
  expectCleanError(result);
  await expect(authenticateSessionCredential({ accessToken: signedIn.accessToken })).rejects.toMatchObject({
    code: 'INVALID_SESSION',
  });
  await expect(
    authenticateSessionCredential({ sealedSession: signedIn.sealedSession }),
  ).rejects.toMatchObject({
    code: 'INVALID_SESSION',
  });
}

describe('the seed flow over HTTP', () => {
  it('carries the organization’s flags in the token and picks up dashboard changes on refresh', async () => {
    const organizationId = await organization('Seed Org');
    dataOf(await server.request(CreateFlag, { input: { slug: 'new-billing', name: 'New billing' } }));
    const signedIn = await signIn(organizationId);
    expect(signedIn.session.environment.slug).toBe('sandbox');
    expect(signedIn.session.user.id).toBe(signedIn.userId);

    const first = await verifyWithJwks(signedIn.accessToken);
    expect(first.payload).toMatchObject({
      iss: issuer,
      sub: signedIn.userId,
      sid: signedIn.session.id,
      org_id: organizationId,
      role: 'member',
      permissions: [],
      feature_flags: [],
    });
    expect(typeof first.payload.jti).toBe('string');
    expect((first.payload.exp ?? 0) - (first.payload.iat ?? 0)).toBe(300);
    expect(first.protectedHeader.kid).toEqual(expect.any(String));

    // The dashboard enables the flag for the organization.
    dataOf(
      await server.request(AddFlagOrganization, {
        input: { slug: 'new-billing', environment: 'sandbox', organizationId },
      }),
    );
    dataOf(
      await server.request(SetFlagEnabled, {
        input: { slug: 'new-billing', environment: 'sandbox', enabled: true },
      }),
    );

    const refreshed = dataOf(await refresh(signedIn.sealedSession)).refreshSession;
    expect(refreshed.session.featureFlags).toEqual(['new-billing']);
    expect(refreshed.session.id).toBe(signedIn.session.id);
    expect(refreshed.session.organizationId).toBe(organizationId);
    const second = await verifyWithJwks(refreshed.session.accessToken);
    expect(second.payload.feature_flags).toEqual(['new-billing']);
    expect(second.payload.sid).toBe(signedIn.session.id);
    expect(new Date(refreshed.session.expiresAt).getTime()).toBe((second.payload.exp ?? 0) * 1000);

    // The new seal opens with iron-webcrypto and holds WorkOS's sealed-session shape.
    const content = await openSeal(refreshed.sealedSession);
    expect(content.accessToken).toBe(refreshed.session.accessToken);
    expect(content.organizationId).toBe(organizationId);
    expect(content.user).toMatchObject({ object: 'user', id: signedIn.userId });
    expect(content.refreshToken).not.toBe(signedIn.refreshToken);
  });

  it('the sealed session and the access token authenticate the session', async () => {
    const organizationId = await organization();
    const signedIn = await signIn(organizationId);
    const principal = {
      sessionId: signedIn.session.id,
      userId: signedIn.userId,
      organizationId,
      environmentId: expect.any(String),
    };
    await expect(authenticateSessionCredential({ accessToken: signedIn.accessToken })).resolves.toEqual(
      principal,
    );
    await expect(authenticateSessionCredential({ sealedSession: signedIn.sealedSession })).resolves.toEqual(
      principal,
    );
    await expect(authenticateSessionCredential({})).rejects.toMatchObject({ code: 'INVALID_SESSION' });
  });

  it('switches organization when the user is a member there, FORBIDDEN otherwise', async () => {
    const first = await organization('First');
    const second = await organization('Second');
    const stranger = await organization('Stranger');
    const signedIn = await signIn(first);
    dataOf(
      await server.request(CreateMembership, {
        input: { userId: signedIn.userId, organizationId: second, role: 'admin' },
      }),
    );

    const forbidden = await refresh(signedIn.sealedSession, stranger);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    expectCleanError(forbidden);

    const switched = dataOf(await refresh(signedIn.sealedSession, second)).refreshSession;
    expect(switched.session.organizationId).toBe(second);
    expect(switched.session.role).toBe('admin');
    expect((await verifyWithJwks(switched.session.accessToken)).payload.org_id).toBe(second);
    expect((await openSeal(switched.sealedSession)).organizationId).toBe(second);
  });

  it('uses and replaces the session cookie when no sealed session is passed', async () => {
    const organizationId = await organization();
    const signedIn = await signIn(organizationId);
    const result = await server.request(
      RefreshSession,
      { input: {} },
      { apiKey: null, headers: { cookie: `other=1; wos-session=${signedIn.sealedSession}` } },
    );
    const refreshed = dataOf(result).refreshSession;
    const cookie = result.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`wos-session=${refreshed.sealedSession}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // The test server is reached on 127.0.0.1: no Secure flag on localhost.
    expect(cookie).not.toMatch(/Secure/);

    const withoutCookie = await server.request(RefreshSession, { input: {} }, { apiKey: null });
    expect(errorCode(withoutCookie)).toBe('INVALID_SESSION');

    const signedOut = await server.request(
      SignOut,
      { input: {} },
      { apiKey: null, headers: { cookie: `wos-session=${refreshed.sealedSession}` } },
    );
    expect(dataOf(signedOut).signOut.sessionId).toBe(signedIn.session.id);
    expect(signedOut.headers.get('set-cookie')).toMatch(/^wos-session=; .*Max-Age=0/);
    expect(errorCode(await refresh(refreshed.sealedSession))).toBe('INVALID_GRANT');
  });

  it('lists active sessions and revokes one; a revoked session cannot refresh or authenticate', async () => {
    const organizationId = await organization();
    const signedIn = await signIn(organizationId);
    const listed = dataOf(await server.request(Sessions, { userId: signedIn.userId })).sessions;
    expect(listed.map((s) => s.id)).toEqual([signedIn.session.id]);
    expect(dataOf(await server.request(Sessions, { organizationId })).sessions).toHaveLength(1);
    expect(errorCode(await server.request(Sessions, {}))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.request(Sessions, { userId: signedIn.userId }, { apiKey: null }))).toBe(
      'UNAUTHENTICATED',
    );

    const revoked = dataOf(await server.request(RevokeSession, { input: { id: signedIn.session.id } }))
      .revokeSession.session;
    expect(revoked.revokedReason).toBe('revoked');
    expect(dataOf(await server.request(Sessions, { userId: signedIn.userId })).sessions).toEqual([]);
    await expectEndedSession(signedIn);
  });

  it('signOut with the sealed session ends it', async () => {
    const organizationId = await organization();
    const signedIn = await signIn(organizationId);
    const result = await server.request(
      SignOut,
      { input: { sealedSession: signedIn.sealedSession } },
      { apiKey: null },
    );
    expect(dataOf(result).signOut.sessionId).toBe(signedIn.session.id);
    expect(errorCode(await refresh(signedIn.sealedSession))).toBe('INVALID_GRANT');
  });

  it('createSession checks the membership and its input', async () => {
    const organizationId = await organization();
    const other = await organization('Other');
    const { userId } = await member(organizationId);
    const forbidden = await server.request(CreateSession, { input: { userId, organizationId: other } });
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    const badId = await server.request(CreateSession, { input: { userId: 'nope', organizationId } });
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
    const noKey = await server.request(
      CreateSession,
      { input: { userId, organizationId } },
      { apiKey: null },
    );
    expect(errorCode(noKey)).toBe('UNAUTHENTICATED');
    const created = await server.request(CreateSession, { input: { userId, organizationId } });
    expect(dataOf(created).createSession.session.organization.id).toBe(organizationId);
    const events = dataOf(await server.request(Events, { type: 'session.created' })).events.edges;
    expect(events.some((edge) => edge.node.organizationId === organizationId)).toBe(true);
  });
});

describe('bad input', () => {
  let sealedSession: string;
  beforeAll(async () => {
    sealedSession = (await signIn(await organization())).sealedSession;
  });

  async function expectInvalidSession(seal: string) {
    const result = await refresh(seal);
    expect(result.status).toBe(200);
    expect(errorCode(result)).toBe('INVALID_SESSION');
    expectCleanError(result);
    await expect(authenticateSessionCredential({ sealedSession: seal })).rejects.toMatchObject({
      code: 'INVALID_SESSION',
    });
  }

  it('a tampered seal', async () => {
    const parts = sealedSession.split('*');
    const data = parts[4] as string;
    const flipped = (data[10] === 'A' ? 'B' : 'A') + data.slice(11);
    parts[4] = data.slice(0, 10) + flipped;
    await expectInvalidSession(parts.join('*'));
  });

  it('a seal made with another password', async () => {
    const content = await openSeal(sealedSession);
    const other = await seal(
      content,
      { id: '1', secret: 'another-password-that-is-at-least-32-characters' },
      { ...defaults, ttl: 0 },
    );
    await expectInvalidSession(`${other}~2`);
  });

  it('a truncated seal, garbage, and an empty string', async () => {
    await expectInvalidSession(sealedSession.slice(0, sealedSession.length - 20));
    await expectInvalidSession(sealedSession.slice(0, 40));
    await expectInvalidSession('Fe26.2**********');
    await expectInvalidSession('not a seal at all');
    await expectInvalidSession('Fe26.2*1*%%%*$$$*@@@**!!!*###~2');
    await expectInvalidSession('x'.repeat(100_000));
    const empty = await refresh('');
    expect(errorCode(empty)).toBe('INVALID_SESSION');
  });

  it('a seal whose content is not a session', async () => {
    const other = await seal(
      { hello: 'world' },
      { id: '1', secret: cookiePassword },
      { ...defaults, ttl: 0 },
    );
    await expectInvalidSession(`${other}~2`);
  });

  it('an expired access token inside: the token is refused, the seal still refreshes', async () => {
    const signedIn = await signIn(await organization());
    const content = await openSeal(signedIn.sealedSession);
    const key = await activeSigningKey((await environmentOf('sandbox')).id);
    const claims = decodeJwt(content.accessToken);
    const expired = await new SignJWT({ ...claims, iat: claims.iat! - 3600, exp: claims.iat! - 3000 })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid })
      .sign(key.privateKey);
    await expect(verifyWithJwks(expired)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    await expect(authenticateSessionCredential({ accessToken: expired })).rejects.toMatchObject({
      code: 'INVALID_SESSION',
    });
    const resealed = await seal(
      { ...content, accessToken: expired },
      { id: '1', secret: cookiePassword },
      { ...defaults, ttl: 0 },
    );
    const refreshed = dataOf(await refresh(`${resealed}~2`)).refreshSession;
    expect((await verifyWithJwks(refreshed.session.accessToken)).payload.sid).toBe(signedIn.session.id);
  });

  it('a retry within the grace window gets the same new refresh token; reuse after it revokes the session', async () => {
    const organizationId = await organization('Reuse');
    const signedIn = await signIn(organizationId);
    const first = dataOf(await refresh(signedIn.sealedSession)).refreshSession;
    const retry = dataOf(await refresh(signedIn.sealedSession)).refreshSession;
    const firstRefreshToken = (await openSeal(first.sealedSession)).refreshToken;
    expect((await openSeal(retry.sealedSession)).refreshToken).toBe(firstRefreshToken);
    expect(retry.session).toMatchObject({
      id: signedIn.session.id,
      organizationId,
      role: first.session.role,
      featureFlags: first.session.featureFlags,
    });
    expect((await verifyWithJwks(retry.session.accessToken)).payload.sid).toBe(signedIn.session.id);

    // The raw refresh token is as good a credential as the seal, with the same rules.
    await expect(refreshWithRefreshToken({ refreshToken: signedIn.refreshToken })).resolves.toMatchObject({
      id: signedIn.session.id,
      refreshToken: firstRefreshToken,
    });

    await pastRefreshGrace();
    const reused = await refresh(signedIn.sealedSession);
    expect(errorCode(reused)).toBe('INVALID_GRANT');
    expectCleanError(reused);
    // The whole session is revoked: the newest seal no longer works either.
    expect(errorCode(await refresh(first.sealedSession))).toBe('INVALID_GRANT');
    const session = await prisma.session.findUniqueOrThrow({ where: { id: signedIn.session.id } });
    expect(session.revokedReason).toBe('refresh_token_reused');
    const events = dataOf(await server.request(Events, { type: 'session.refresh_token_reused' })).events
      .edges;
    expect(events.map((edge) => edge.node.after)).toContainEqual(
      expect.objectContaining({ sessionId: signedIn.session.id }),
    );
  });

  it('a token spent by an earlier version (usedAt set, no derived successor) is refused without ending the session', async () => {
    const signedIn = await signIn(await organization());
    await prisma.refreshToken.updateMany({
      where: { sessionId: signedIn.session.id },
      data: { usedAt: new Date() },
    });
    const result = await refresh(signedIn.sealedSession);
    expect(errorCode(result)).toBe('INVALID_GRANT');
    expect(result.errors?.[0]?.message).toBe('The refresh token was already used.');
    const session = await prisma.session.findUniqueOrThrow({ where: { id: signedIn.session.id } });
    expect(session.revokedAt).toBeNull();
    expect(await prisma.refreshToken.count({ where: { sessionId: signedIn.session.id } })).toBe(1);
  });

  it('no token is stored, not even encrypted: only the hashes of refresh tokens', async () => {
    const signedIn = await signIn(await organization());
    const refreshed = dataOf(await refresh(signedIn.sealedSession)).refreshSession;
    const newRefreshToken = (await openSeal(refreshed.sealedSession)).refreshToken;
    const stored = await prisma.refreshToken.findMany({ where: { sessionId: signedIn.session.id } });
    expect(stored.map((token) => token.tokenHash).sort()).toEqual(
      [sha256(signedIn.refreshToken), sha256(newRefreshToken)].sort(),
    );
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain(newRefreshToken);
    expect(everything).not.toContain(signedIn.refreshToken);
    expect(everything).not.toContain(refreshed.session.accessToken.split('.')[1]);
    // Derived from the old token under a server key: 256 bits, and not a plain hash of it.
    expect(newRefreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newRefreshToken).not.toBe(createHash('sha256').update(signedIn.refreshToken).digest('base64url'));
  });

  it('a concurrent double refresh: both get the same new refresh token, the session stays', async () => {
    const signedIn = await signIn(await organization());
    const [a, b] = await Promise.all([refresh(signedIn.sealedSession), refresh(signedIn.sealedSession)]);
    expect((await openSeal(dataOf(a).refreshSession.sealedSession)).refreshToken).toBe(
      (await openSeal(dataOf(b).refreshSession.sealedSession)).refreshToken,
    );
    expect(dataOf(await refresh(dataOf(a).refreshSession.sealedSession)).refreshSession.session.id).toBe(
      signedIn.session.id,
    );
  });

  it('many refreshes at once (written together): each gets its own answer, the bad ones their own error', async () => {
    const organizationId = await organization('Burst');
    const sessions = [];
    for (let index = 0; index < 12; index++) sessions.push(await signIn(organizationId));
    const [removed, revoked, twice, ...fine] = sessions as [
      (typeof sessions)[number],
      (typeof sessions)[number],
      (typeof sessions)[number],
      ...(typeof sessions)[number][],
    ];
    dataOf(await server.request(DeleteMembership, { input: { id: removed.membershipId } }));
    dataOf(await server.request(RevokeSession, { input: { id: revoked.session.id } }));

    const [removedResult, revokedResult, twiceA, twiceB, ...fineResults] = await Promise.all([
      refresh(removed.sealedSession),
      refresh(revoked.sealedSession),
      refresh(twice.sealedSession),
      refresh(twice.sealedSession),
      ...fine.map((signedIn) => refresh(signedIn.sealedSession)),
    ]);
    expect(errorCode(removedResult)).toBe('INVALID_GRANT');
    expect(errorCode(revokedResult)).toBe('INVALID_GRANT');
    expect((await openSeal(dataOf(twiceA).refreshSession.sealedSession)).refreshToken).toBe(
      (await openSeal(dataOf(twiceB).refreshSession.sealedSession)).refreshToken,
    );
    const refreshed = fineResults.map((result) => dataOf(result).refreshSession);
    expect(refreshed.map((r) => r.session.id)).toEqual(fine.map((signedIn) => signedIn.session.id));
    expect(new Set(refreshed.map((r) => r.session.accessToken)).size).toBe(fine.length);
    for (const [index, r] of refreshed.entries()) {
      const { payload } = await verifyWithJwks(r.session.accessToken);
      expect(payload).toMatchObject({
        sid: fine[index]?.session.id,
        sub: fine[index]?.userId,
        org_id: organizationId,
      });
    }

    // Each session now has its first token and exactly one successor (the double refresh stored
    // no second one), and the successor is what the new seal holds; it works.
    for (const [signedIn, sealed] of [
      [twice, dataOf(twiceA).refreshSession.sealedSession],
      ...fine.map((f, index) => [f, refreshed[index]?.sealedSession as string] as const),
    ] as const) {
      const tokens = await prisma.refreshToken.findMany({
        where: { sessionId: signedIn.session.id },
        orderBy: { createdAt: 'asc' },
      });
      expect(tokens.map((token) => token.tokenHash)).toEqual([
        sha256(signedIn.refreshToken),
        sha256((await openSeal(sealed)).refreshToken),
      ]);
    }
    const again = await Promise.all(refreshed.map((r) => refresh(r.sealedSession)));
    expect(again.map((result) => dataOf(result).refreshSession.session.id)).toEqual(
      fine.map((signedIn) => signedIn.session.id),
    );
  });

  it('a rotation that fails its shared statement fails alone: the others of the batch are written', async () => {
    const organizationId = await organization('Batch');
    const signedIn = [
      await signIn(organizationId),
      await signIn(organizationId),
      await signIn(organizationId),
    ];
    const existingTokenId = (
      await prisma.refreshToken.findFirstOrThrow({ where: { sessionId: signedIn[0]?.session.id } })
    ).id;
    const rotations = await Promise.all(
      signedIn.map(async (s, index) => {
        const session = await prisma.session.findUniqueOrThrow({
          where: { id: s.session.id },
          include: { user: true },
        });
        return {
          tokenHash: createHash('sha256').update(s.refreshToken).digest('hex'),
          sessionId: session.id,
          userId: session.userId,
          environmentId: session.environmentId,
          fromOrganizationId: organizationId,
          organizationId,
          role: 'member',
          userUpdatedAt: session.user.updatedAt,
          // The second one's new token takes an id already taken: its statement must fail.
          newTokenId: index === 1 ? existingTokenId : `rt_batch_${index}_${Date.now()}`,
          newTokenHash: createHash('sha256').update(`new-${index}-${Date.now()}`).digest('hex'),
        };
      }),
    );
    const results = await Promise.allSettled(rotations.map((rotation) => writeRotation(rotation)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: true });
    expect(results[2]).toMatchObject({ value: true });
    const stored = await prisma.refreshToken.groupBy({
      by: ['sessionId'],
      where: { sessionId: { in: signedIn.map((s) => s.session.id) } },
      _count: true,
    });
    // The two written have their successor; the failed one has its first token only.
    expect(Object.fromEntries(stored.map((group) => [group.sessionId, group._count]))).toEqual({
      [signedIn[0]?.session.id as string]: 2,
      [signedIn[1]?.session.id as string]: 1,
      [signedIn[2]?.session.id as string]: 2,
    });
    // The one that failed is untouched: its token still refreshes.
    expect(dataOf(await refresh(signedIn[1]?.sealedSession as string)).refreshSession.session.id).toBe(
      signedIn[1]?.session.id,
    );
  });

  it('sessions of another environment are invisible to this environment’s key', async () => {
    const organizationId = await organization('Prod org', server.keys.production);
    const production = await signIn(organizationId, server.keys.production);
    expect(production.session.environment.slug).toBe('production');
    const sandboxList = dataOf(await server.request(Sessions, { userId: production.userId })).sessions;
    expect(sandboxList).toEqual([]);
    const productionList = dataOf(
      await server.request(Sessions, { userId: production.userId }, { apiKey: server.keys.production }),
    ).sessions;
    expect(productionList.map((s) => s.id)).toEqual([production.session.id]);
    expect(errorCode(await server.request(RevokeSession, { input: { id: production.session.id } }))).toBe(
      'NOT_FOUND',
    );
    const sandbox = await prisma.environment.findUniqueOrThrow({ where: { slug: 'sandbox' } });
    await expect(
      refreshWithRefreshToken({ refreshToken: production.refreshToken, environmentId: sandbox.id }),
    ).rejects.toMatchObject({ code: 'INVALID_GRANT' });
    const principal = await authenticateSessionCredential({ accessToken: production.accessToken });
    expect(principal.environmentId).not.toBe(sandbox.id);
  });

  it('an expired session cannot refresh or authenticate', async () => {
    const signedIn = await signIn(await organization('Expiring'));
    await prisma.session.update({
      where: { id: signedIn.session.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectEndedSession(signedIn);
  });

  it('a session’s flags are those of its own environment', async () => {
    const organizationId = await organization('Two environments');
    dataOf(await server.request(CreateFlag, { input: { slug: 'sandbox-only', name: 'Sandbox only' } }));
    dataOf(
      await server.request(AddFlagOrganization, {
        input: { slug: 'sandbox-only', environment: 'sandbox', organizationId },
      }),
    );
    dataOf(
      await server.request(SetFlagEnabled, {
        input: { slug: 'sandbox-only', environment: 'sandbox', enabled: true },
      }),
    );
    const sandbox = await signIn(organizationId);
    const production = await signIn(
      await organization('Two environments', server.keys.production),
      server.keys.production,
    );
    expect((await verifyWithJwks(sandbox.accessToken)).payload.feature_flags).toContain('sandbox-only');
    expect((await verifyWithJwks(production.accessToken, 'production')).payload.feature_flags).not.toContain(
      'sandbox-only',
    );
    const refreshed = dataOf(await refresh(production.sealedSession)).refreshSession;
    expect(refreshed.session.featureFlags).not.toContain('sandbox-only');
  });

  it('a user removed from the organization cannot refresh', async () => {
    const organizationId = await organization('Removal');
    const signedIn = await signIn(organizationId);
    dataOf(await server.request(DeleteMembership, { input: { id: signedIn.membershipId } }));
    const result = await refresh(signedIn.sealedSession);
    expect(errorCode(result)).toBe('INVALID_GRANT');
    expectCleanError(result);
    await expect(authenticateSessionCredential({ accessToken: signedIn.accessToken })).rejects.toMatchObject({
      code: 'INVALID_SESSION',
    });
  });

  it('the role a seal claims is checked against the membership, not trusted', async () => {
    const organizationId = await organization('Forged');
    const signedIn = await signIn(organizationId);
    const data = (await openSeal(signedIn.sealedSession)) as {
      accessToken: string;
      refreshToken: string;
      user: Record<string, unknown>;
      organizationId: string;
    };
    // Someone holding the cookie password (an app's backend) seals a role the database denies.
    const forgedAccessToken = await new SignJWT({ ...decodeJwt(data.accessToken), role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-a-pennant-key-not-a-pennant-key'));
    const forged = `${await seal(
      { ...data, accessToken: forgedAccessToken },
      { id: '1', secret: cookiePassword },
      { ...defaults, ttl: 0 },
    )}~2`;
    const refreshed = dataOf(await refresh(forged)).refreshSession;
    expect(refreshed.session.role).toBe('member');
    expect(decodeJwt(refreshed.session.accessToken).role).toBe('member');
    expect(decodeJwt((await openSeal(refreshed.sealedSession)).accessToken).role).toBe('member');
  });

  it('an unknown or malformed refresh token', async () => {
    await expect(refreshWithRefreshToken({ refreshToken: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_GRANT',
    });
    await expect(refreshWithRefreshToken({ refreshToken: '' })).rejects.toMatchObject({
      code: 'INVALID_GRANT',
    });
    await expect(refreshWithRefreshToken({ refreshToken: 'x'.repeat(10_000) })).rejects.toMatchObject({
      code: 'INVALID_GRANT',
    });
    await expect(
      refreshWithRefreshToken({ refreshToken: 'nope', organizationId: 'not-an-id' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

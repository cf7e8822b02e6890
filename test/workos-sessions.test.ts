import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkOS } from '@workos-inc/node';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createGuideApp } from './fixtures/workos-guide-app.mjs';
import { graphql } from './gql/index.ts';
import { pastRefreshGrace, testGraceSeconds } from './helpers/refresh-grace.ts';
import { dataOf, startTestServer, type TestServer } from './helpers/server.ts';
import { workosFor } from './helpers/workos.ts';

const Setup = graphql(`
  mutation WorkosSessionsSetupOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateFlag = graphql(`
  mutation WorkosSessionsCreateFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) { featureFlag { id } }
  }
`);
const CreateUser = graphql(`
  mutation WorkosSessionsCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation WorkosSessionsCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);
const CreateSession = graphql(`
  mutation WorkosSessionsCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { sealedSession refreshToken }
  }
`);
const FlagsChanged = graphql(`
  subscription WorkosSessionsFlagsChanged($after: String) {
    featureFlagsChanged(after: $after) { featureFlags added reason }
  }
`);
const FlagCreatedEvent = graphql(`
  query WorkosSessionsFlagCreatedEvent($flagSlug: String!) {
    events(flagSlug: $flagSlug, type: "flag.created", first: 1) { edges { node { cursor } } }
  }
`);
const CurrentEnvironment = graphql(`
  query WorkosSessionsCurrentEnvironment { currentEnvironment { clientId } }
`);

const cookiePassword = 'a-cookie-password-of-at-least-32-characters!';
const graceSeconds = testGraceSeconds;
const afterGrace = () => pastRefreshGrace();
let server: TestServer;
let workos: WorkOS;
let clientId: string;
let organizationId: string;
let userId: string;
let guide: Server;
let guideUrl: string;

async function signIn(): Promise<{ sealedSession: string; refreshToken: string }> {
  return dataOf(await server.request(CreateSession, { input: { userId, organizationId } })).createSession;
}

/** Calls the guide's handler with a session cookie; returns its JSON and the cookie it set. */
async function featureFlagsFromGuide(cookie: string) {
  const response = await fetch(`${guideUrl}/api/feature-flags`, {
    headers: { cookie: `wos-session=${encodeURIComponent(cookie)}` },
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const match = /wos-session=([^;]+)/.exec(setCookie);
  return {
    status: response.status,
    body: (await response.json()) as { featureFlags?: string[]; error?: string },
    cookie: match?.[1] ? decodeURIComponent(match[1]) : undefined,
  };
}

function refreshRequest(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/user_management/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  server = await startTestServer({
    // A refresh grace window a loaded machine cannot outlast; tests end it with pastRefreshGrace.
    env: { PENNANT_COOKIE_PASSWORD: cookiePassword, PENNANT_REFRESH_GRACE: String(graceSeconds) },
  });
  clientId = dataOf(await server.request(CurrentEnvironment, {})).currentEnvironment.clientId;
  workos = workosFor(server, { clientId });
  organizationId = dataOf(await server.request(Setup, { input: { name: 'Acme' } })).createOrganization
    .organization.id;
  dataOf(await server.request(CreateFlag, { input: { slug: 'new-dashboard', name: 'New dashboard' } }));
  userId = dataOf(await server.request(CreateUser, { input: { email: 'ada@example.com', firstName: 'Ada' } }))
    .createUser.user.id;
  dataOf(await server.request(CreateMembership, { input: { userId, organizationId } }));

  // The application's configuration, as it would be for WorkOS.
  process.env.WORKOS_API_KEY = server.keys.sandbox;
  process.env.WORKOS_CLIENT_ID = clientId;
  process.env.WORKOS_COOKIE_PASSWORD = cookiePassword;
  const pennant = new URL(server.url);
  const app = createGuideApp({ apiHostname: pennant.hostname, port: Number(pennant.port), https: false });
  guide = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  guideUrl = `http://127.0.0.1:${(guide.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (guide ? guide.close(() => resolve()) : resolve()));
  await server?.close();
});

describe('the WorkOS guide’s Express app against Pennant', () => {
  it('shows no flag before it is enabled, then the flag after, with a cookie the SDK opens', async () => {
    const { sealedSession } = await signIn();

    const before = await featureFlagsFromGuide(sealedSession);
    expect(before.status).toBe(200);
    expect(before.body.featureFlags).toEqual([]);
    expect(before.cookie).toBeDefined();

    await workos.featureFlags.enableFeatureFlag('new-dashboard');
    await workos.featureFlags.addFlagTarget({ slug: 'new-dashboard', targetId: organizationId });

    const after = await featureFlagsFromGuide(before.cookie ?? '');
    expect(after.status).toBe(200);
    expect(after.body.featureFlags).toEqual(['new-dashboard']);

    // The cookie the app set opens with the SDK and verifies through /sso/jwks/{clientId}.
    const session = workos.userManagement.loadSealedSession({
      sessionData: after.cookie ?? '',
      cookiePassword,
    });
    const authenticated = await session.authenticate();
    expect(authenticated).toMatchObject({
      authenticated: true,
      organizationId,
      featureFlags: ['new-dashboard'],
      user: { id: userId, email: 'ada@example.com', firstName: 'Ada' },
    });
    const viaCookie = await workos.userManagement.authenticateWithSessionCookie({
      sessionData: after.cookie ?? '',
      cookiePassword,
    });
    expect(viaCookie).toMatchObject({ authenticated: true, featureFlags: ['new-dashboard'] });
    // The SDK fetched the keys from Pennant's /sso/jwks/{clientId}.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/pennant_http_requests_total\{method="GET",route="\/sso",status="200"\} [1-9]/);
  });

  it('refresh() answers WorkOS’s authentication response plus featureFlags', async () => {
    const { sealedSession } = await signIn();
    const result = await workos.userManagement
      .loadSealedSession({ sessionData: sealedSession, cookiePassword })
      .refresh();
    expect(result.authenticated).toBe(true);
    if (!result.authenticated) return;
    expect(result.organizationId).toBe(organizationId);
    expect(result.featureFlags).toEqual(['new-dashboard']);
    expect(result.session).toMatchObject({
      organizationId,
      authenticationMethod: 'ExternalAuth',
      featureFlags: ['new-dashboard'],
      user: { object: 'user', id: userId, email: 'ada@example.com' },
    });
  });

  it('refresh({ organizationId }) switches to another organization of the user, with its flags', async () => {
    const otherId = dataOf(await server.request(Setup, { input: { name: 'Globex' } })).createOrganization
      .organization.id;
    dataOf(await server.request(CreateMembership, { input: { userId, organizationId: otherId } }));
    dataOf(await server.request(CreateFlag, { input: { slug: 'globex-only', name: 'Globex only' } }));
    await workos.featureFlags.enableFeatureFlag('globex-only');
    await workos.featureFlags.addFlagTarget({ slug: 'globex-only', targetId: otherId });

    const { sealedSession } = await signIn();
    const session = workos.userManagement.loadSealedSession({ sessionData: sealedSession, cookiePassword });
    const switched = await session.refresh({ organizationId: otherId });
    expect(switched).toMatchObject({
      authenticated: true,
      organizationId: otherId,
      featureFlags: ['globex-only'],
    });
    // The CookieSession now holds the new seal, for the other organization.
    expect(await session.authenticate()).toMatchObject({ authenticated: true, organizationId: otherId });
  });

  it('a reused refresh token is invalid_grant and ends the session', async () => {
    const { sealedSession } = await signIn();
    const first = await featureFlagsFromGuide(sealedSession);
    expect(first.status).toBe(200);

    // The old cookie again after the grace window (its refresh token is spent): the SDK
    // reports invalid_grant. (Within the window it would get the same new token, as a retry.)
    await afterGrace();
    const reused = await workos.userManagement
      .loadSealedSession({ sessionData: sealedSession, cookiePassword })
      .refresh();
    expect(reused).toMatchObject({ authenticated: false, reason: 'invalid_grant', retryable: false });

    // Reuse revoked the whole session, so the newest cookie cannot refresh either.
    const after = await featureFlagsFromGuide(first.cookie ?? '');
    expect(after).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
  });

  it('a cookie sealed with another password is invalid_session_cookie', async () => {
    const { sealedSession } = await signIn();
    const wrong = workos.userManagement.loadSealedSession({
      sessionData: sealedSession,
      cookiePassword: 'another-password-that-is-32-characters-long',
    });
    expect(await wrong.authenticate()).toMatchObject({
      authenticated: false,
      reason: 'invalid_session_cookie',
    });
    expect(await wrong.refresh()).toMatchObject({ authenticated: false, reason: 'invalid_session_cookie' });
    expect(
      await workos.userManagement.authenticateWithSessionCookie({
        sessionData: sealedSession,
        cookiePassword: 'another-password-that-is-32-characters-long',
      }),
    ).toMatchObject({ authenticated: false, reason: 'invalid_session_cookie' });
  });

  it('a retried refresh with the same Idempotency-Key gets the same refresh token', async () => {
    const { refreshToken } = await signIn();
    const body = {
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: server.keys.sandbox,
      refresh_token: refreshToken,
    };
    const headers = { 'idempotency-key': 'retry-6e14fad2-a774-44a9-a0e0-d07170d45d51' };
    const first = await refreshRequest(body, headers);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { refresh_token: string; access_token: string };
    const retried = await refreshRequest(body, headers);
    expect(retried.status).toBe(200);
    // The same new refresh token and user; the access token is signed again for the same session.
    const again = (await retried.json()) as typeof answer;
    expect(again).toEqual({ ...answer, access_token: again.access_token });
    expect(decodeJwt(again.access_token)).toMatchObject({
      sid: decodeJwt(answer.access_token).sid,
      org_id: decodeJwt(answer.access_token).org_id,
    });

    // After the grace window, the spent token is a reuse.
    await afterGrace();
    const reused = await refreshRequest(body, { 'idempotency-key': 'retry-another' });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses bad clients and unknown tokens the way the SDK expects', async () => {
    const { refreshToken } = await signIn();
    const base = { grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken };
    const wrongSecret = await refreshRequest({ ...base, client_secret: 'sk_test_wrong' });
    expect(wrongSecret.status).toBe(401);
    const otherEnvironment = await refreshRequest({ ...base, client_secret: server.keys.production });
    expect(otherEnvironment.status).toBe(400);
    expect(await otherEnvironment.json()).toMatchObject({ error: 'invalid_client' });
    const unknownToken = await refreshRequest({
      ...base,
      client_secret: server.keys.sandbox,
      refresh_token: 'x',
    });
    expect(unknownToken.status).toBe(400);
    expect(await unknownToken.json()).toMatchObject({ error: 'invalid_grant' });
    const password = await refreshRequest({
      ...base,
      grant_type: 'password',
      client_secret: server.keys.sandbox,
    });
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });

    const jwks = await fetch(`${server.url}/sso/jwks/${clientId}`);
    const keys = (await jwks.json()) as { keys: { kid?: string; alg?: string; use?: string }[] };
    expect(keys.keys[0]).toMatchObject({ kid: expect.any(String), alg: 'RS256', use: 'sig' });
    const unknownClient = await fetch(`${server.url}/sso/jwks/client_01HZZZZZZZZZZZZZZZZZZZZZZZ`);
    expect(unknownClient.status).toBe(404);
  });

  it('lists a user’s flags: those of the organizations they belong to', async () => {
    // Ada belongs to Acme (new-dashboard) and, since the switching test, Globex (globex-only).
    const flags = await workos.featureFlags.listUserFeatureFlags({ userId });
    expect(flags.data.map((f) => f.slug)).toEqual(['globex-only', 'new-dashboard']);
    await expect(
      workos.featureFlags.listUserFeatureFlags({ userId: 'user_01HZZZZZZZZZZZZZZZZZZZZZZZ' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('REST changes reach GraphQL subscriptions like mutations do', async () => {
    dataOf(await server.request(CreateFlag, { input: { slug: 'live-banner', name: 'Live banner' } }));
    const { sealedSession } = await signIn();
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { sealedSession },
      retryAttempts: 0,
    });
    try {
      // Resuming after the flag's creation, so a change made before the subscription is
      // registered is replayed rather than missed.
      const after = dataOf(await server.request(FlagCreatedEvent, { flagSlug: 'live-banner' })).events
        .edges[0]?.node.cursor;
      const subscription = client.iterate({ query: print(FlagsChanged), variables: { after } });
      const next = subscription.next();
      await workos.featureFlags.enableFeatureFlag('live-banner');
      await workos.featureFlags.addFlagTarget({ slug: 'live-banner', targetId: organizationId });
      const message = (await next).value as {
        data?: { featureFlagsChanged: { added: string[]; reason: string } };
      };
      expect(message.data?.featureFlagsChanged.added).toEqual(['live-banner']);
      expect(['rule.updated', 'replay']).toContain(message.data?.featureFlagsChanged.reason);
      await subscription.return?.();
    } finally {
      await client.dispose();
    }
  });
});

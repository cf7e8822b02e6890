import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaults, unseal } from 'iron-webcrypto';
import {
  base64url,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import {
  cookiePasswordFileName,
  secretFileName,
  serverSecrets,
  setServerSecrets,
} from '../src/domain/secrets.ts';
import { authenticateSessionCredential } from '../src/domain/sessions.ts';
import { activeSigningKey, clearSigningKeyCache, rotateSigningKeys } from '../src/domain/signing-keys.ts';
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
import { closeCodeOf } from './helpers/ws.ts';

const CreateOrganization = graphql(`
  mutation TokensCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`);
const CreateUser = graphql(`
  mutation TokensCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } }
  }
`);
const CreateMembership = graphql(`
  mutation TokensCreateMembership($input: CreateOrganizationMembershipInput!) {
    createOrganizationMembership(input: $input) { organizationMembership { id } }
  }
`);
const CreateSession = graphql(`
  mutation TokensCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { sealedSession accessToken refreshToken session { id } }
  }
`);
const LatestCursor = graphql(`
  query TokensLatestCursor { latestCursor }
`);
const RefreshSession = graphql(`
  mutation TokensRefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) { sealedSession session { accessToken } }
  }
`);

// No PENNANT_SECRET / PENNANT_COOKIE_PASSWORD: the server generates both into its data folder.
let server: TestServer;
let issuer: string;
let organizationId: string;
let userId: string;

beforeAll(async () => {
  server = await startTestServer();
  issuer = await issuerOf(server);
  organizationId = dataOf(await server.request(CreateOrganization, { input: { name: 'Tokens' } }))
    .createOrganization.organization.id;
  userId = dataOf(await server.request(CreateUser, { input: { email: 'tokens@example.com' } })).createUser
    .user.id;
  dataOf(await server.request(CreateMembership, { input: { userId, organizationId } }));
});
afterAll(async () => {
  await server?.close();
});

async function signIn() {
  return dataOf(await server.request(CreateSession, { input: { userId, organizationId } })).createSession;
}
async function jwksKeys(): Promise<JWK[]> {
  const response = await fetch(`${server.url}/sso/jwks/${(await environmentOf('sandbox')).clientId}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return ((await response.json()) as { keys: JWK[] }).keys;
}
function expectRejected(token: string) {
  return expect(authenticateSessionCredential({ accessToken: token })).rejects.toMatchObject({
    code: 'INVALID_SESSION',
  });
}

describe('secrets generated into the data folder', () => {
  it('keeps the server secret and cookie password in 0600 files', async () => {
    for (const name of [secretFileName, cookiePasswordFileName]) {
      const file = path.join(server.config.dataDir, name);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file, 'utf8')).trim().length).toBeGreaterThanOrEqual(32);
    }
  });

  it('the seal opens with iron-webcrypto given the password, in WorkOS’s shape', async () => {
    const password = (
      await readFile(path.join(server.config.dataDir, cookiePasswordFileName), 'utf8')
    ).trim();
    const created = await signIn();
    expect(created.sealedSession).toMatch(/^Fe26\.2\*1\*.+~2$/);
    const [iron] = created.sealedSession.split('~');
    const content = (await unseal(iron as string, { 1: password }, { ...defaults, ttl: 0 })) as Record<
      string,
      unknown
    >;
    expect(content).toEqual({
      accessToken: created.accessToken,
      refreshToken: created.refreshToken,
      organizationId,
      user: expect.objectContaining({
        object: 'user',
        id: userId,
        email: 'tokens@example.com',
        firstName: null,
        lastName: null,
        emailVerified: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      }),
    });
  });

  it('the official WorkOS SDK opens the seal with the same password', async () => {
    const password = (
      await readFile(path.join(server.config.dataDir, cookiePasswordFileName), 'utf8')
    ).trim();
    const created = await signIn();
    const workos = workosFor(server);
    const opened = await workos.userManagement.getSessionFromCookie({
      sessionData: created.sealedSession,
      cookiePassword: password,
    });
    expect(opened).toMatchObject({
      accessToken: created.accessToken,
      refreshToken: created.refreshToken,
      organizationId,
      user: { object: 'user', id: userId },
    });
    // A wrong password is an empty session to the SDK, as with WorkOS's own cookies.
    const wrong = await workos.userManagement.getSessionFromCookie({
      sessionData: created.sealedSession,
      cookiePassword: 'x'.repeat(40),
    });
    expect(wrong).toEqual({});
  });

  it('private signing keys are encrypted at rest', async () => {
    const keys = await prisma.signingKey.findMany();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.privateKeyEncrypted.split('.')).toHaveLength(5);
      expect(key.privateKeyEncrypted).not.toContain('"d"');
      expect(
        JSON.parse(
          new TextDecoder().decode(base64url.decode(key.privateKeyEncrypted.split('.')[0] as string)),
        ),
      ).toEqual({
        alg: 'dir',
        enc: 'A256GCM',
      });
    }
  });

  it('a session survives a restart (same secrets, same key)', async () => {
    const created = await signIn();
    await server.restart();
    const refreshed = await server.request(
      RefreshSession,
      { input: { sealedSession: created.sealedSession } },
      {
        apiKey: null,
      },
    );
    expect(dataOf(refreshed).refreshSession.session.accessToken).toEqual(expect.any(String));
  });
});

describe('access tokens and the JWKS', () => {
  it('verify with jose using only the JWKS, the issuer and the algorithm', async () => {
    const keys = await jwksKeys();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
      expect(key).not.toHaveProperty('p');
    }
    const { accessToken } = await signIn();
    const jwks = createRemoteJWKSet(
      new URL(`${server.url}/sso/jwks/${(await environmentOf('sandbox')).clientId}`),
    );
    const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, {
      issuer,
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({ sub: userId, org_id: organizationId, feature_flags: [] });
    await expect(
      jwtVerify(accessToken, jwks, { issuer: 'https://elsewhere.example', algorithms: ['RS256'] }),
    ).rejects.toThrow();
  });

  it('refuses alg none, unknown keys, HS256 with the public key, a wrong issuer and a bad signature', async () => {
    const { accessToken } = await signIn();
    const header = decodeProtectedHeader(accessToken);
    const claims = decodeJwt(accessToken);
    const encode = (value: object) => base64url.encode(JSON.stringify(value));

    // alg: none, with and without a known kid.
    await expectRejected(`${encode({ alg: 'none', kid: header.kid })}.${encode(claims)}.`);
    await expectRejected(`${encode({ alg: 'none' })}.${encode(claims)}.`);

    // Signed by a key the server does not know, with a fresh kid and with the real kid.
    const stranger = await generateKeyPair('RS256');
    const byStranger = (kid: string) =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(stranger.privateKey);
    await expectRejected(await byStranger('unknown-key'));
    await expectRejected(await byStranger(header.kid as string));

    // HS256 keyed with the published public key (algorithm confusion).
    const [publicJwk] = await jwksKeys();
    const hmacKey = new TextEncoder().encode(JSON.stringify(publicJwk));
    await expectRejected(
      await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', kid: header.kid as string })
        .sign(hmacKey),
    );

    // Altered claims under the original signature.
    const [h, , s] = accessToken.split('.');
    await expectRejected(`${h}.${encode({ ...claims, org_id: 'org_other' })}.${s}`);

    // Garbage.
    await expectRejected('');
    await expectRejected('a.b.c');
    await expectRejected('x'.repeat(20_000));

    // The real token still passes.
    await expect(authenticateSessionCredential({ accessToken })).resolves.toMatchObject({ userId });
  });

  it('forged tokens are refused over HTTP (Bearer) and WebSocket (connection_init) too', async () => {
    const { accessToken } = await signIn();
    const header = decodeProtectedHeader(accessToken);
    const claims = decodeJwt(accessToken);
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const stranger = await generateKeyPair('RS256');
    const forged = [
      `${encode({ alg: 'none', kid: header.kid })}.${encode(claims)}.`,
      await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'unknown-key' })
        .sign(stranger.privateKey),
      await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: header.kid as string })
        .sign(stranger.privateKey),
    ];
    const bearer = (token: string) => server.request(LatestCursor, {}, { apiKey: token });

    expect(dataOf(await bearer(accessToken)).latestCursor).toEqual(expect.any(String));
    expect(await closeCodeOf(server.graphqlUrl, { init: { accessToken } })).toEqual({
      code: 'open',
      acknowledged: true,
    });
    for (const token of forged) {
      expect(errorCode(await bearer(token))).toBe('UNAUTHENTICATED');
      expect(await closeCodeOf(server.graphqlUrl, { init: { accessToken: token } })).toEqual({
        code: 4403,
        acknowledged: false,
      });
    }
  });

  it('an unknown kid inside a seal is not accepted by refresh either (the seal is what counts)', async () => {
    const result = await server.request(
      RefreshSession,
      { input: { sealedSession: 'Fe26.2*1*a*b*c**d*e~2' } },
      {
        apiKey: null,
      },
    );
    expect(errorCode(result)).toBe('INVALID_SESSION');
  });
});

describe('cookie password rotation', () => {
  it('seals with the first password, opens with any; a dropped password’s seals are refused', async () => {
    const original = serverSecrets();
    const [old] = original.cookiePasswords;
    const created = await signIn();
    const again = await signIn();
    expect(created.sealedSession).toMatch(/^Fe26\.2\*1\*/);
    const next = { id: '2', secret: 'the-next-cookie-password-of-at-least-32-chars' };
    try {
      // As PENNANT_COOKIE_PASSWORD="2:<next>,1:<old>" would configure it.
      setServerSecrets({ ...original, cookiePasswords: [next, { id: '1', secret: old?.secret ?? '' }] });
      const refreshed = dataOf(
        await server.request(
          RefreshSession,
          { input: { sealedSession: created.sealedSession } },
          { apiKey: null },
        ),
      ).refreshSession;
      expect(refreshed.sealedSession).toMatch(/^Fe26\.2\*2\*/);

      setServerSecrets({ ...original, cookiePasswords: [next] });
      const refused = await server.request(
        RefreshSession,
        { input: { sealedSession: again.sealedSession } },
        {
          apiKey: null,
        },
      );
      expect(errorCode(refused)).toBe('INVALID_SESSION');
      const accepted = await server.request(
        RefreshSession,
        { input: { sealedSession: refreshed.sealedSession } },
        { apiKey: null },
      );
      expect(dataOf(accepted).refreshSession.sealedSession).toMatch(/^Fe26\.2\*2\*/);
    } finally {
      setServerSecrets(original);
    }
  });
});

describe('the signing-key cache', () => {
  it('says which setting is wrong when the server secret cannot decrypt the signing key', async () => {
    const original = serverSecrets();
    try {
      setServerSecrets({ ...original, secret: 'another-server-secret-of-at-least-32-characters' });
      clearSigningKeyCache();
      await expect(activeSigningKey((await environmentOf('sandbox')).id)).rejects.toThrow(
        /same PENNANT_SECRET/,
      );
    } finally {
      setServerSecrets(original);
      clearSigningKeyCache();
    }
    await expect(activeSigningKey((await environmentOf('sandbox')).id)).resolves.toMatchObject({
      algorithm: 'RS256',
    });
  });

  it('signs right after the cache expired (keys are never loaded inside a transaction)', async () => {
    // On PGlite (one connection) a key load inside the refresh transaction waited for the
    // transaction itself until its 20-second timeout.
    clearSigningKeyCache();
    const started = Date.now();
    const created = await signIn();
    clearSigningKeyCache();
    const refreshed = await server.request(
      RefreshSession,
      { input: { sealedSession: created.sealedSession } },
      {
        apiKey: null,
      },
    );
    expect(dataOf(refreshed).refreshSession.session.accessToken).toEqual(expect.any(String));
    // The failure this guards against waits out the transaction's 20-second timeout; 15 s tells
    // it apart with room for a loaded machine (the old 5 s bound left little).
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('key rotation', () => {
  it('a new key signs; the old one verifies until its tokens expired, then leaves the JWKS', async () => {
    const before = await signIn();
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const sandbox = await environmentOf('sandbox');
    const rotated = (await rotateSigningKeys('RS256')).find((key) => key.environmentId === sandbox.id);
    if (!rotated) throw new Error('the sandbox environment got no new key');
    expect(rotated.id).not.toBe(oldKid);

    const kids = (await jwksKeys()).map((key) => key.kid);
    expect(kids).toContain(oldKid);
    expect(kids).toContain(rotated.id);

    const after = await signIn();
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(rotated.id);
    // Both verify with the published JWKS.
    const jwks = createLocalJWKSet({ keys: await jwksKeys() });
    await jwtVerify(before.accessToken, jwks, { issuer, algorithms: ['RS256'] });
    await jwtVerify(after.accessToken, jwks, { issuer, algorithms: ['RS256'] });
    await expect(authenticateSessionCredential({ accessToken: before.accessToken })).resolves.toMatchObject({
      userId,
    });

    // Once the old key's tokens have all expired (retired longer ago than the token TTL + margin)…
    await prisma.signingKey.update({
      where: { id: oldKid as string },
      data: { retiredAt: new Date(Date.now() - (300 + 61) * 1000) },
    });
    clearSigningKeyCache();
    expect((await jwksKeys()).map((key) => key.kid)).toEqual([rotated.id]);
    await expectRejected(before.accessToken);
    await expect(authenticateSessionCredential({ accessToken: after.accessToken })).resolves.toMatchObject({
      userId,
    });
  });

  it('the public JWK in the JWKS is the one that verifies (import round trip)', async () => {
    const [jwk] = await jwksKeys();
    const key = await importJWK(jwk as JWK, 'RS256');
    const exported = await exportJWK(key);
    expect(exported.n).toBe((jwk as JWK).n);
  });
});

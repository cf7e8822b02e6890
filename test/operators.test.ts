import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../src/db/index.ts';
import { type Loose, type RawResult, rawGraphQL } from './helpers/raw-graphql.ts';
import {
  defaultOperatorPassword,
  signInOperator,
  startTestServer,
  type TestServer,
} from './helpers/server.ts';

/**
 * Operators' accounts over real HTTP: the setup link, sign-in and its cookie, sign-out,
 * expiry, the origin rule, and the rate limit on failed sign-ins.
 */

let server: TestServer;
const allowedOrigin = 'https://dashboard.example';
// With TEST_REDIS_URL, the sign-in limits are counted in Redis, like every instance's would be.
const redisUrl = process.env.TEST_REDIS_URL;
const redisPrefix = `pennant-operators-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      PENNANT_ALLOWED_ORIGINS: allowedOrigin,
      PENNANT_TRUST_PROXY: '1',
      PENNANT_RATE_LIMIT_SIGN_IN: '3',
      PENNANT_PUBLIC_URL: 'https://flags.example',
      ...(redisUrl ? { REDIS_URL: redisUrl, PENNANT_REDIS_PREFIX: redisPrefix } : {}),
    },
  });
});
afterAll(async () => {
  await server?.close();
});

type Result = RawResult;

function call(query: string, variables: Loose = {}, headers: Record<string, string> = {}): Promise<Result> {
  return rawGraphQL(server.graphqlUrl, query, variables, headers);
}

const signInMutation =
  'mutation ($input: SignInInput!) { signIn(input: $input) { operator { id email role } } }';
const currentOperator = '{ currentOperator { id email role environments invitePending lastSignedInAt } }';

function operatorCookieOf(result: Result): string | undefined {
  return result.headers.getSetCookie().find((value) => value.startsWith('pennant-operator='));
}

function tokenOf(url: string): string {
  return new URL(url).searchParams.get('token') ?? '';
}

describe('the setup link', () => {
  it('exists while no operator does, works once, and creates a signed-in owner', async () => {
    expect((await call('{ setupRequired }')).data?.setupRequired).toBe(true);
    const setupUrl = server.setupUrl;
    expect(setupUrl).toMatch(/^https:\/\/flags\.example\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(setupUrl ?? '');
    const completeSetup =
      'mutation ($input: CompleteSetupInput!) { completeSetup(input: $input) { operator { email role } } }';

    const short = await call(completeSetup, {
      input: { token, email: 'owner@example.com', password: 'short' },
    });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

    const wrongToken = await call(completeSetup, {
      input: { token: 'A'.repeat(43), email: 'owner@example.com', password: defaultOperatorPassword },
    });
    expect(wrongToken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    // An expired link is refused like a used one.
    const { hashSecret } = await import('../src/domain/api-keys.ts');
    const tokenHash = hashSecret(token);
    const { expiresAt } = await prisma.operatorToken.findUniqueOrThrow({ where: { tokenHash } });
    await prisma.operatorToken.update({
      where: { tokenHash },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await call(completeSetup, {
      input: { token, email: 'owner@example.com', password: defaultOperatorPassword },
    });
    expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    await prisma.operatorToken.update({ where: { tokenHash }, data: { expiresAt } });

    const done = await call(completeSetup, {
      input: { token, email: 'Owner@Example.com', password: defaultOperatorPassword },
    });
    expect(done.errors).toBeUndefined();
    expect(done.data?.completeSetup.operator).toEqual({ email: 'owner@example.com', role: 'OWNER' });
    const cookie = operatorCookieOf(done)?.split(';')[0] ?? '';
    expect((await call(currentOperator, {}, { cookie })).data?.currentOperator.email).toBe(
      'owner@example.com',
    );

    // Once: the same link again, and any setup now that an operator exists, is refused.
    const again = await call(completeSetup, {
      input: { token, email: 'second@example.com', password: defaultOperatorPassword },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call('{ setupRequired }')).data?.setupRequired).toBe(false);
    // The password is stored as an argon2id hash, never as it was sent.
    const stored = await prisma.operator.findUniqueOrThrow({ where: { email: 'owner@example.com' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(defaultOperatorPassword);
  });

  it('is not made again once an operator exists', async () => {
    await server.restart();
    expect(server.setupUrl).toBeNull();
  });
});

describe('signing in', () => {
  beforeAll(async () => {
    await server.operators.create({ email: 'viewer@example.com', role: 'viewer' });
  });

  it('sets an httpOnly, SameSite=Strict cookie of its own, without Secure on plain localhost', async () => {
    const result = await call(signInMutation, {
      input: { email: 'viewer@example.com', password: defaultOperatorPassword },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.operator).toMatchObject({ email: 'viewer@example.com', role: 'VIEWER' });
    const cookie = operatorCookieOf(result) ?? '';
    expect(cookie).toMatch(/^pennant-operator=[A-Za-z0-9_-]{43}; /);
    const attributes = cookie.split('; ').slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=604800']),
    );
    expect(attributes).not.toContain('Secure');
    // Only the token's hash is stored.
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    const rows = await prisma.operatorSession.findMany({ select: { tokenHash: true } });
    expect(rows.some((row) => row.tokenHash.includes(token))).toBe(false);
  });

  it('is Secure when the request is for another host than localhost', async () => {
    // As behind a reverse proxy: the Host header names the public host.
    const body = JSON.stringify({
      query: signInMutation,
      variables: { input: { email: 'viewer@example.com', password: defaultOperatorPassword } },
    });
    const setCookie = await new Promise<string[]>((resolve, reject) => {
      const request = httpRequest(
        server.graphqlUrl,
        {
          method: 'POST',
          headers: {
            host: 'flags.example',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.headers['set-cookie'] ?? []));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    const cookie = setCookie.find((value) => value.startsWith('pennant-operator='));
    expect(cookie?.split('; ')).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const wrongPassword = await call(
      signInMutation,
      { input: { email: 'viewer@example.com', password: 'not the password at all' } },
      { 'x-forwarded-for': '198.51.100.1' },
    );
    const unknown = await call(
      signInMutation,
      { input: { email: 'nobody@example.com', password: 'not the password at all' } },
      { 'x-forwarded-for': '198.51.100.2' },
    );
    for (const result of [wrongPassword, unknown]) {
      expect(result.errors?.[0]?.message).toBe('Wrong e-mail or password.');
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(operatorCookieOf(result)).toBeUndefined();
    }
  });

  // PENNANT_RATE_LIMIT_SIGN_IN is 3 here: 3 failures per (e-mail, address), 15 per address and
  // 15 per e-mail (the e-mail's limit sparing addresses the operator signed in from).
  const signInAs = (email: string, password: string, address: string) =>
    call(signInMutation, { input: { email, password } }, { 'x-forwarded-for': address });
  const wrongPassword = 'wrong password!!';

  it('limits the (e-mail, address) pair: the guesser is refused after 3, the operator signs in from elsewhere', async () => {
    await server.operators.create({ email: 'pair@example.com', role: 'viewer' });
    const attacker = '198.51.100.10';
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      codes.push((await signInAs('pair@example.com', wrongPassword, attacker)).errors?.[0]?.extensions?.code);
    }
    expect(codes.slice(0, 3)).toEqual(Array(3).fill('UNAUTHENTICATED'));
    expect(codes.slice(3)).toEqual(Array(47).fill('RATE_LIMITED'));
    // The pair is refused even with the right password (else the limit would not slow guessing).
    const limited = await signInAs('pair@example.com', defaultOperatorPassword, attacker);
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors?.[0]?.message).toMatch(/Retry after \d+ seconds/);
    expect(operatorCookieOf(limited)).toBeUndefined();
    if (redisUrl) {
      // Shared by instances: the counts are in Redis, under this run's prefix.
      const redis = new Redis(redisUrl);
      try {
        expect((await redis.keys(`${redisPrefix}:rl:failedSignInByPair*`)).length).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
    }
    // Only that pair: the same address may still try another e-mail…
    const otherEmail = await signInAs('viewer@example.com', defaultOperatorPassword, attacker);
    expect(otherEmail.errors).toBeUndefined();
    // …and the operator, from an address it never used, signs in: 50 attempts did not lock it out.
    const operator = await signInAs('pair@example.com', defaultOperatorPassword, '198.51.100.11');
    expect(operator.errors).toBeUndefined();
    expect(operatorCookieOf(operator)).toBeDefined();
  });

  it('limits an address over every e-mail: 15 failures, then even a right password from it is refused', async () => {
    const from = '198.51.100.20';
    for (let attempt = 0; attempt < 15; attempt += 1) {
      const result = await signInAs(`guess-${attempt}@example.com`, wrongPassword, from);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await signInAs('viewer@example.com', defaultOperatorPassword, from);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(operatorCookieOf(limited)).toBeUndefined();
    // Another address is not affected.
    const elsewhere = await signInAs('viewer@example.com', defaultOperatorPassword, '198.51.100.21');
    expect(elsewhere.errors).toBeUndefined();
  });

  it('limits an e-mail over many addresses, but never from an address the operator signed in from', async () => {
    await server.operators.create({ email: 'target@example.com', role: 'viewer' });
    const home = '192.0.2.200';
    expect((await signInAs('target@example.com', defaultOperatorPassword, home)).errors).toBeUndefined();
    // One failure from each of 50 addresses: none reaches its pair limit, the e-mail's 15 does.
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const result = await signInAs('target@example.com', wrongPassword, `192.0.2.${attempt + 1}`);
      codes.push(result.errors?.[0]?.extensions?.code);
    }
    expect(codes.slice(0, 15)).toEqual(Array(15).fill('UNAUTHENTICATED'));
    expect(codes.slice(15)).toEqual(Array(35).fill('RATE_LIMITED'));
    // From an address it never signed in from, the right password waits too (any case of e-mail).
    const stranger = await signInAs('TARGET@example.com', defaultOperatorPassword, '192.0.2.150');
    expect(stranger.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // From home, the operator signs in…
    const operator = await signInAs('target@example.com', defaultOperatorPassword, home);
    expect(operator.errors).toBeUndefined();
    expect(operatorCookieOf(operator)).toBeDefined();
    // …and a wrong password from home is still a plain failure, not a way around the limit.
    const typo = await signInAs('target@example.com', wrongPassword, home);
    expect(typo.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('limits invalid setup and invitation links per address', async () => {
    const accept =
      'mutation ($input: AcceptOperatorInviteInput!) { acceptOperatorInvite(input: $input) { operator { email } } }';
    const completeSetup =
      'mutation ($input: CompleteSetupInput!) { completeSetup(input: $input) { operator { email } } }';
    const from = { 'x-forwarded-for': '198.51.100.30' };
    const bogus = () => randomBytes(32).toString('base64url');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await call(
        accept,
        { input: { token: bogus(), password: defaultOperatorPassword } },
        from,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    }
    for (const [query, input] of [
      [accept, { token: bogus(), password: defaultOperatorPassword }],
      [completeSetup, { token: bogus(), email: 'x@example.com', password: defaultOperatorPassword }],
    ] as const) {
      const refused = await call(query, { input }, from);
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.status).toBe(429);
    }
    // Another address still gets the plain answer.
    const elsewhere = await call(
      accept,
      { input: { token: bogus(), password: defaultOperatorPassword } },
      { 'x-forwarded-for': '198.51.100.31' },
    );
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });
});

describe('the operator session', () => {
  it('ends at sign-out: the old cookie no longer works', async () => {
    await server.operators.create({ email: 'leaving@example.com', role: 'viewer' });
    const cookie = await signInOperator(server, 'leaving@example.com');
    expect((await call(currentOperator, {}, { cookie })).data?.currentOperator?.email).toBe(
      'leaving@example.com',
    );
    const out = await call('mutation { signOutOperator(input: {}) { signedOut } }', {}, { cookie });
    expect(out.data?.signOutOperator.signedOut).toBe(true);
    expect(operatorCookieOf(out)).toMatch(/^pennant-operator=; .*Max-Age=0/);
    expect((await call(currentOperator, {}, { cookie })).data?.currentOperator).toBeNull();
    const denied = await call('{ environments { slug } }', {}, { cookie });
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is refused once expired (absolute) or idle too long', async () => {
    await server.operators.create({ email: 'idle@example.com', role: 'viewer' });
    const absolute = await signInOperator(server, 'idle@example.com');
    const idle = await signInOperator(server, 'idle@example.com');
    const hashOf = async (cookie: string) => {
      const { hashSecret } = await import('../src/domain/api-keys.ts');
      return hashSecret(cookie.split('=')[1] ?? '');
    };
    await prisma.operatorSession.update({
      where: { tokenHash: await hashOf(absolute) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await prisma.operatorSession.update({
      where: { tokenHash: await hashOf(idle) },
      data: { lastUsedAt: new Date(Date.now() - 12 * 3600 * 1000 - 1000) },
    });
    for (const cookie of [absolute, idle]) {
      expect((await call(currentOperator, {}, { cookie })).data?.currentOperator).toBeNull();
      const denied = await call('{ environments { slug } }', {}, { cookie });
      expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // A fresh one still works.
    const fresh = await signInOperator(server, 'idle@example.com');
    expect((await call('{ environments { slug } }', {}, { cookie: fresh })).errors).toBeUndefined();
  });

  it('is refused FORBIDDEN from a foreign origin, accepted from the own and allowed ones', async () => {
    const cookie = await signInOperator(server, 'viewer@example.com');
    const foreign = await call('{ environments { slug } }', {}, { cookie, origin: 'https://evil.example' });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(foreign.data).toBeNull();
    expect(
      (await call(currentOperator, {}, { cookie, origin: 'https://evil.example' })).data?.currentOperator,
    ).toBeNull();
    const foreignSignOut = await call(
      'mutation { signOutOperator(input: {}) { signedOut } }',
      {},
      { cookie, origin: 'https://evil.example' },
    );
    expect(foreignSignOut.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreignSignIn = await call(
      signInMutation,
      { input: { email: 'viewer@example.com', password: defaultOperatorPassword } },
      { origin: 'https://evil.example', 'x-forwarded-for': '192.0.2.77' },
    );
    expect(foreignSignIn.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(operatorCookieOf(foreignSignIn)).toBeUndefined();

    const own = await call('{ environments { slug } }', {}, { cookie, origin: server.url });
    expect(own.errors).toBeUndefined();
    const allowed = await call('{ environments { slug } }', {}, { cookie, origin: allowedOrigin });
    expect(allowed.errors).toBeUndefined();
  });

  it('needs a JSON body or the CSRF header when the cookie is sent (no form posts)', async () => {
    const cookie = await signInOperator(server, 'viewer@example.com');
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: JSON.stringify({ query: 'mutation { signOutOperator(input: {}) { signedOut } }' }),
    });
    expect(response.status).toBe(403);
    expect((await call(currentOperator, {}, { cookie })).data?.currentOperator?.email).toBe(
      'viewer@example.com',
    );
  });
});

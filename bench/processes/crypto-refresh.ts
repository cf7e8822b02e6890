/**
 * The refresh baseline: only the cryptography of one refreshSession, with the same libraries
 * and settings as Pennant (iron-webcrypto with the same password and options, jose with a key
 * of the same algorithm), at the same concurrency, in one process pinned to the server's core:
 * unseal the sealed session, sign a new access token with the same claims, seal the new
 * session. No HTTP, no GraphQL, no database. Forked by the benchmark.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { defaults, seal, unseal } from 'iron-webcrypto';
import { type CryptoKey, decodeJwt, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { serveParent } from '../lib/child.ts';
import { latencySummary } from '../lib/stats.ts';

interface Prepared {
  algorithm: string;
  privateKey: CryptoKey;
  password: { id: string; secret: string };
  sealedSession: string;
}

let prepared: Prepared | undefined;

async function refreshOnce(p: Prepared): Promise<void> {
  const [iron] = p.sealedSession.split('~');
  const data = (await unseal(
    iron as string,
    { [p.password.id]: p.password.secret },
    { ...defaults, ttl: 0 },
  )) as {
    accessToken: string;
    refreshToken: string;
    user: unknown;
    organizationId: string;
  };
  const previous = decodeJwt(data.accessToken) as JWTPayload & Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await new SignJWT({
    ...previous,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: p.algorithm, kid: 'baseline', typ: 'JWT' })
    .sign(p.privateKey);
  const sealed = await seal(
    { ...data, accessToken, refreshToken: randomBytes(32).toString('base64url') },
    p.password,
    { ...defaults, ttl: 0, encode: JSON.stringify },
  );
  if (sealed.length === 0) throw new Error('empty seal');
}

serveParent({
  async prepare(args) {
    const algorithm = String(args.algorithm);
    const { privateKey } = await generateKeyPair(algorithm, {
      ...(algorithm === 'RS256' ? { modulusLength: 2048 } : {}),
      ...(algorithm === 'EdDSA' ? { crv: 'Ed25519' } : {}),
    });
    prepared = {
      algorithm,
      privateKey,
      password: { id: '1', secret: String(args.cookiePassword) },
      sealedSession: String(args.sealedSession),
    };
    await refreshOnce(prepared);
    return true;
  },
  async run(args) {
    const p = prepared;
    if (!p) throw new Error('prepare first');
    const durationMs = Number(args.durationSeconds) * 1000;
    const concurrency = Number(args.concurrency);
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          await refreshOnce(p);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const summary = latencySummary(latencies);
    return {
      opsPerSecond: latencies.length / elapsed,
      operations: latencies.length,
      p50Ms: summary.p50,
      p99Ms: summary.p99,
    };
  },
});

import { randomBytes } from 'node:crypto';
import { prisma, type Transaction } from '../db/index.ts';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { Operator } from '../generated/prisma/client.ts';
import type { OperatorRole } from '../generated/prisma/enums.ts';
import { newId } from '../ids.ts';
import { rateLimits } from '../security/rate-limit.ts';
import { operatorActor } from './actor.ts';
import { hashSecret } from './api-keys.ts';
import { recordEvent } from './events.ts';
import { consumeOperatorToken, issueOperatorToken, operatorLinkUrl } from './operator-tokens.ts';
import { insertOperator, operatorRecord, validOperatorEmail } from './operators.ts';
import { hashPassword, validPassword, verifyPassword } from './passwords.ts';
import { commitChange } from './transaction.ts';

/**
 * Operators' sign-in: sessions whose cookie holds a random token (only its SHA-256 is stored),
 * ended by sign-out, removal, an idle timeout or an absolute one; the first owner through the
 * setup link; invitations accepted by setting a password.
 */

export interface OperatorSessionSettings {
  idleSeconds: number;
  maxSeconds: number;
}

let settings: OperatorSessionSettings = { idleSeconds: 12 * 3600, maxSeconds: 7 * 86_400 };

export function setOperatorSessionSettings(next: Partial<OperatorSessionSettings>): void {
  settings = { ...settings, ...next };
}

export function operatorSessionSettings(): OperatorSessionSettings {
  return settings;
}

/** An operator signed in on this request. */
export interface AuthenticatedOperator {
  id: string;
  email: string;
  role: OperatorRole;
  /** For an EDITOR, the slugs of the environments whose rules it may change. */
  environments: string[];
  sessionId: string;
}

/** Where a sign-in came from, kept with the session. */
export interface SignInOrigin {
  address: string;
  userAgent: string | null;
}

export interface SignedIn {
  operator: Operator;
  /** The cookie's value: shown once, in Set-Cookie. */
  token: string;
}

const wrongCredentials = 'Wrong e-mail or password.';

async function createOperatorSession(
  tx: Transaction,
  operatorId: string,
  origin: SignInOrigin,
): Promise<{ token: string; operator: Operator }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await tx.operatorSession.create({
    data: {
      id: newId('opsess'),
      operatorId,
      tokenHash: hashSecret(token),
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + settings.maxSeconds * 1000),
      ipAddress: origin.address.slice(0, 64),
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    },
  });
  const operator = await tx.operator.update({ where: { id: operatorId }, data: { lastSignedInAt: now } });
  return { token, operator };
}

/**
 * Signs in by e-mail and password. An unknown e-mail and a wrong password get the same answer
 * after the same work (a dummy hash is checked for unknown e-mails). Failures count against the
 * (e-mail, address) pair, the address and the e-mail; see docs/security.md, "Sign-in limits":
 * a guesser is refused at its own address, and never keeps the operator out of an address the
 * operator signed in from before.
 */
export async function signIn(email: string, password: string, origin: SignInOrigin): Promise<SignedIn> {
  const normalized = email.trim().toLowerCase().slice(0, 254);
  await rateLimits.assertSignInAllowed(normalized, origin.address);
  const operator = await prisma.operator.findUnique({ where: { email: normalized } });
  const accountRefusal = await rateLimits.signInAccountRefusal(normalized);
  if (accountRefusal && !(operator && (await signedInFromBefore(operator.id, origin.address)))) {
    throw accountRefusal;
  }
  const matches = await verifyPassword(operator?.passwordHash, password);
  if (!operator || !matches) {
    await rateLimits.failedSignIn(normalized, origin.address);
    throw new UnauthenticatedError(wrongCredentials);
  }
  await rateLimits.signedIn(normalized, origin.address);
  return prisma.$transaction((tx) => createOperatorSession(tx, operator.id, origin));
}

/** How far back a successful sign-in from an address makes it known to the account's limit. */
const knownAddressDays = 30;

/** Whether the operator had a session started from this address in the last `knownAddressDays`. */
async function signedInFromBefore(operatorId: string, address: string): Promise<boolean> {
  const since = new Date(Date.now() - knownAddressDays * 86_400_000);
  const known = await prisma.operatorSession.findFirst({
    where: { operatorId, ipAddress: address.slice(0, 64), createdAt: { gt: since } },
    select: { id: true },
  });
  return known !== null;
}

/**
 * Runs a setup or invitation link's work, refused once this address sent too many invalid links;
 * an invalid link (BAD_USER_INPUT on `token`) counts against the address.
 */
async function withOperatorLink<T>(address: string, work: () => Promise<T>): Promise<T> {
  await rateLimits.assertOperatorLinkAllowed(address);
  try {
    return await work();
  } catch (error) {
    if (error instanceof BadUserInputError && error.details.field === 'token') {
      await rateLimits.failedOperatorLink(address);
    }
    throw error;
  }
}

/**
 * The operator a session token belongs to, or null when it is unknown, revoked, idle too long
 * or past its absolute end. `lastUsedAt` is written at most once a minute.
 */
export async function authenticateOperatorToken(token: string): Promise<AuthenticatedOperator | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const session = await prisma.operatorSession.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { operator: true },
  });
  const now = Date.now();
  if (
    !session ||
    session.revokedAt ||
    session.expiresAt.getTime() <= now ||
    session.lastUsedAt.getTime() + settings.idleSeconds * 1000 <= now ||
    session.operator.passwordHash === null
  ) {
    return null;
  }
  if (session.lastUsedAt.getTime() < now - 60_000) {
    await prisma.operatorSession
      .update({ where: { id: session.id }, data: { lastUsedAt: new Date(now) } })
      .catch(() => undefined);
  }
  const { operator } = session;
  return {
    id: operator.id,
    email: operator.email,
    role: operator.role,
    environments: operator.environments,
    sessionId: session.id,
  };
}

/**
 * When an operator session ends by time if nothing else happens: the earlier of its absolute end
 * and its idle end. Null when it has ended already (or never existed).
 */
export async function operatorSessionEnd(sessionId: string): Promise<Date | null> {
  const session = await prisma.operatorSession.findUnique({ where: { id: sessionId } });
  if (!session || session.revokedAt) return null;
  const end = Math.min(
    session.expiresAt.getTime(),
    session.lastUsedAt.getTime() + settings.idleSeconds * 1000,
  );
  return end > Date.now() ? new Date(end) : null;
}

/**
 * Ends the session a token belongs to (with `everywhere`, every session of its operator); false
 * when there was no live session to end.
 */
export async function revokeOperatorSession(token: string, everywhere = false): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const tokenHash = hashSecret(token);
  return commitChange(async (tx) => {
    const session = await tx.operatorSession.findUnique({ where: { tokenHash } });
    if (!session || session.revokedAt) return false;
    const ending = await tx.operatorSession.findMany({
      where: everywhere ? { operatorId: session.operatorId, revokedAt: null } : { id: session.id },
      select: { id: true },
    });
    const sessionIds = ending.map((row) => row.id);
    await tx.operatorSession.updateMany({
      where: { id: { in: sessionIds } },
      data: { revokedAt: new Date() },
    });
    // Recorded so that every instance ends the subscriptions these sessions hold.
    await recordEvent(tx, {
      type: 'operator.signed_out',
      actor: operatorActor(session.operatorId),
      after: { id: session.operatorId, sessionIds },
    });
    return true;
  });
}

// Serializes completeSetup across instances: only one first owner, however many setup links.
const setupLockKey = 70_819_743;

/**
 * On a start with no operator at all: a new one-time setup link (older unused ones stop
 * working), to be shown once. Null when an operator exists.
 */
export async function ensureSetupLink(): Promise<string | null> {
  if ((await prisma.operator.count()) > 0) return null;
  return commitChange(async (tx) => {
    if ((await tx.operator.count()) > 0) return null;
    await tx.operatorToken.deleteMany({ where: { purpose: 'SETUP' } });
    return operatorLinkUrl('setup', await issueOperatorToken(tx, 'SETUP', null));
  });
}

/** Whether no operator exists yet (the setup link is then the way in). */
export async function setupRequired(): Promise<boolean> {
  return (await prisma.operator.count()) === 0;
}

/** The setup link: creates the first operator, an owner, and signs it in. Works once. */
export async function completeSetup(
  input: { token: string; email: string; password: string },
  origin: SignInOrigin,
): Promise<SignedIn> {
  return withOperatorLink(origin.address, async () => {
    const email = validOperatorEmail(input.email);
    const passwordHash = await hashPassword(validPassword(input.password));
    return commitChange(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${setupLockKey})`;
      if ((await tx.operator.count()) > 0) {
        throw new ForbiddenError('Setup is complete: an operator exists. Sign in instead.');
      }
      await consumeOperatorToken(tx, 'SETUP', input.token);
      const created = await insertOperator(tx, operatorActor, { email, role: 'OWNER' }, passwordHash);
      return createOperatorSession(tx, created.id, origin);
    });
  });
}

/** An invitation's link: sets the invited operator's password and signs it in. Works once. */
export async function acceptOperatorInvite(
  input: { token: string; password: string },
  origin: SignInOrigin,
): Promise<SignedIn> {
  return withOperatorLink(origin.address, async () => {
    const passwordHash = await hashPassword(validPassword(input.password));
    return commitChange(async (tx) => {
      const spent = await consumeOperatorToken(tx, 'INVITE', input.token);
      // Removed since: its tokens went with it (cascade), so consume already refused.
      const operatorId = spent.operatorId as string;
      const operator = await tx.operator.update({ where: { id: operatorId }, data: { passwordHash } });
      await recordEvent(tx, {
        type: 'operator.activated',
        actor: operatorActor(operatorId),
        after: operatorRecord(operator),
      });
      return createOperatorSession(tx, operatorId, origin);
    });
  });
}

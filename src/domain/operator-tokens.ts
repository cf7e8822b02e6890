import { randomBytes } from 'node:crypto';
import type { Transaction } from '../db/index.ts';
import { BadUserInputError } from '../errors.ts';
import type { OperatorToken } from '../generated/prisma/client.ts';
import type { OperatorTokenPurpose } from '../generated/prisma/enums.ts';
import { newId } from '../ids.ts';
import { hashSecret } from './api-keys.ts';

/**
 * One-time links for operators: the first start's setup link and invitations. The token is 256
 * random bits shown once in the link; only its SHA-256 is stored, looked up by equality (no
 * secret-dependent comparison in application code), and it is spent by the same statement that
 * checks it is unused and unexpired, so two uses at once cannot both succeed.
 */

export interface OperatorLinkSettings {
  /** Where browsers reach the server (`PENNANT_PUBLIC_URL`, or `http://<host>:<port>`). */
  baseUrl: string;
  linkTtlSeconds: number;
}

let settings: OperatorLinkSettings = { baseUrl: 'http://localhost:4000', linkTtlSeconds: 48 * 3600 };

export function setOperatorLinkSettings(next: Partial<OperatorLinkSettings>): void {
  settings = { ...settings, ...next };
}

/** `<base>/setup?token=…` or `<base>/invite?token=…` (the dashboard's pages). */
export function operatorLinkUrl(page: 'setup' | 'invite', token: string): string {
  return `${settings.baseUrl}/${page}?token=${encodeURIComponent(token)}`;
}

export async function issueOperatorToken(
  tx: Transaction,
  purpose: OperatorTokenPurpose,
  operatorId: string | null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.operatorToken.create({
    data: {
      id: newId('optok'),
      purpose,
      operatorId,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + settings.linkTtlSeconds * 1000),
    },
  });
  return token;
}

const invalidLink = 'The link is not valid: it may have been used already or have expired.';

/** Spends a one-time token; BAD_USER_INPUT naming `token` when it is unknown, used or expired. */
export async function consumeOperatorToken(
  tx: Transaction,
  purpose: OperatorTokenPurpose,
  token: string,
): Promise<OperatorToken> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new BadUserInputError('token', invalidLink);
  const tokenHash = hashSecret(token);
  const now = new Date();
  const spent = await tx.operatorToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (spent.count !== 1) throw new BadUserInputError('token', invalidLink);
  return tx.operatorToken.findUniqueOrThrow({ where: { tokenHash } });
}

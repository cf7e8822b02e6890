import { prisma, type Transaction } from '../db/index.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { Operator } from '../generated/prisma/client.ts';
import type { OperatorRole } from '../generated/prisma/enums.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import type { OperatorRecord } from './event-catalogue.ts';
import { recordEvent } from './events.ts';
import { issueOperatorToken, operatorLinkUrl } from './operator-tokens.ts';
import { hashPassword, validPassword } from './passwords.ts';
import { commitChange } from './transaction.ts';

/**
 * Operators: the people who manage flags (the dashboard's users), as opposed to the customers'
 * users that sessions are made for. What each role may do is decided in src/auth/authorize.ts.
 */

export type { OperatorRole };

// Deliberately loose (a local part, @, a dotted domain): the invitation or sign-in proves it.
const emailPattern = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

/** An e-mail address, trimmed and lower-cased (operators' e-mails are unique regardless of case). */
export function validOperatorEmail(email: string, field = 'email'): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !emailPattern.test(normalized)) {
    throw new BadUserInputError(field, `${field} must be an e-mail address.`);
  }
  return normalized;
}

/** An EDITOR's environments: slugs of existing environments; every other role has none. */
async function validEnvironments(
  tx: Transaction,
  role: OperatorRole,
  slugs: readonly string[] | null | undefined,
): Promise<string[]> {
  if (role !== 'EDITOR') return [];
  const unique = [...new Set(slugs ?? [])];
  const found = await tx.environment.findMany({ where: { slug: { in: unique } }, select: { slug: true } });
  const known = new Set(found.map((environment) => environment.slug));
  const unknown = unique.filter((slug) => !known.has(slug));
  if (unknown.length > 0) {
    throw new BadUserInputError('environments', `No environment ${JSON.stringify(unknown[0])}.`);
  }
  return unique.sort();
}

export function operatorRecord(operator: Operator): OperatorRecord {
  return {
    id: operator.id,
    email: operator.email,
    role: operator.role,
    environments: operator.environments,
  };
}

export interface NewOperator {
  email: string;
  role: OperatorRole;
  environments?: readonly string[] | null;
  password: string;
}

/** An operator with a password (the command line, the setup link, tests). */
export async function createOperator(
  actor: Actor | ((id: string) => Actor),
  input: NewOperator,
): Promise<Operator> {
  const email = validOperatorEmail(input.email);
  const passwordHash = await hashPassword(validPassword(input.password));
  return commitChange((tx) => insertOperator(tx, actor, { ...input, email }, passwordHash));
}

export async function insertOperator(
  tx: Transaction,
  actor: Actor | ((id: string) => Actor),
  input: Omit<NewOperator, 'password'>,
  passwordHash: string | null,
): Promise<Operator> {
  const id = newId('op');
  const operator = await tx.operator.create({
    data: {
      id,
      email: validOperatorEmail(input.email),
      role: input.role,
      environments: await validEnvironments(tx, input.role, input.environments),
      passwordHash,
    },
  });
  await recordEvent(tx, {
    type: passwordHash === null ? 'operator.invited' : 'operator.created',
    actor: typeof actor === 'function' ? actor(id) : actor,
    after: operatorRecord(operator),
  });
  return operator;
}

export function listOperators(): Promise<Operator[]> {
  return prisma.operator.findMany({ orderBy: { createdAt: 'asc' } });
}

/** Invites an operator: no password yet, a one-time link to set one. */
export async function inviteOperator(
  actor: Actor,
  input: { email: string; role: OperatorRole; environments?: readonly string[] | null },
): Promise<{ operator: Operator; inviteUrl: string }> {
  const email = validOperatorEmail(input.email);
  return commitChange(async (tx) => {
    const operator = await insertOperator(tx, actor, { ...input, email }, null);
    const token = await issueOperatorToken(tx, 'INVITE', operator.id);
    return { operator, inviteUrl: operatorLinkUrl('invite', token) };
  });
}

async function findOperatorForUpdate(tx: Transaction, id: string): Promise<Operator> {
  const operator = await tx.operator.findUnique({ where: { id } });
  if (!operator) throw new NotFoundError('Operator', id);
  return operator;
}

/**
 * Throws unless another owner who can sign in would remain. The owners' rows are locked first,
 * so two owners demoting each other at once cannot both succeed and leave none.
 */
async function assertAnotherOwnerRemains(tx: Transaction, operator: Operator, field: string): Promise<void> {
  if (operator.role !== 'OWNER') return;
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Operator" WHERE role = 'OWNER' AND "passwordHash" IS NOT NULL FOR UPDATE`;
  if (!owners.some((owner) => owner.id !== operator.id)) {
    throw new BadUserInputError(
      field,
      'This is the last owner: make another operator an owner first, so someone can still manage operators.',
    );
  }
}

export async function changeOperatorRole(
  actor: Actor,
  id: string,
  role: OperatorRole,
  environments: readonly string[] | null | undefined,
): Promise<Operator> {
  return commitChange(async (tx) => {
    const existing = await findOperatorForUpdate(tx, id);
    if (role !== 'OWNER') await assertAnotherOwnerRemains(tx, existing, 'role');
    const updated = await tx.operator.update({
      where: { id },
      data: { role, environments: await validEnvironments(tx, role, environments) },
    });
    await recordEvent(tx, {
      type: 'operator.updated',
      actor,
      before: operatorRecord(existing),
      after: operatorRecord(updated),
    });
    return updated;
  });
}

/** Removes an operator: its sessions end at once (they are deleted with it). */
export async function removeOperator(actor: Actor, id: string): Promise<Operator> {
  return commitChange(async (tx) => {
    const existing = await findOperatorForUpdate(tx, id);
    await assertAnotherOwnerRemains(tx, existing, 'id');
    await tx.operator.delete({ where: { id } });
    await recordEvent(tx, { type: 'operator.removed', actor, before: operatorRecord(existing) });
    return existing;
  });
}

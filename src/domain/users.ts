import { BadUserInputError, NotFoundError } from '../errors.ts';
import type { User } from '../generated/prisma/client.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './events.ts';
import type { SealedUser } from './seal.ts';
import { commitChange } from './transaction.ts';
import { validExternalId } from './validation.ts';

// Deliberately loose (one @, a dot in the domain, no spaces): the trusted backend verified it.
const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function validEmail(field: string, value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !emailPattern.test(email)) {
    throw new BadUserInputError(field, `${field} must be an email address.`);
  }
  return email;
}

const controlCharacters = /[\u0000-\u001f\u007f]/;

function validPersonName(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (trimmed.length > 100 || controlCharacters.test(trimmed)) {
    throw new BadUserInputError(field, `${field} must be at most 100 printable characters.`);
  }
  return trimmed;
}

/** What the event log keeps of a user. */
export function userRecord(user: User) {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    emailVerified: user.emailVerified,
    externalId: user.externalId,
  };
}

/** The user as the WorkOS SDK's camelCase `User` (sealed sessions). */
export function sealedUser(user: User): SealedUser {
  return {
    object: 'user',
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    name: [user.firstName, user.lastName].filter(Boolean).join(' ') || null,
    firstName: user.firstName,
    lastName: user.lastName,
    profilePictureUrl: user.profilePictureUrl,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    locale: null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    externalId: user.externalId,
    metadata: {},
  };
}

/**
 * The user back from a sealed session, when the seal has every field in its expected type
 * (seals made by an older WorkOS SDK may not); null otherwise.
 */
export function userFromSeal(sealed: SealedUser): Omit<User, 'environmentId'> | null {
  const dates = [sealed.createdAt, sealed.updatedAt, sealed.lastSignInAt].map((value) =>
    typeof value === 'string' ? new Date(value) : value,
  );
  const [createdAt, updatedAt, lastSignInAt] = dates;
  const nullableStrings = [sealed.firstName, sealed.lastName, sealed.profilePictureUrl, sealed.externalId];
  if (
    typeof sealed.email !== 'string' ||
    typeof sealed.emailVerified !== 'boolean' ||
    !nullableStrings.every((value) => value === null || typeof value === 'string') ||
    !(createdAt instanceof Date && updatedAt instanceof Date) ||
    !(lastSignInAt === null || lastSignInAt instanceof Date) ||
    dates.some((date) => date instanceof Date && Number.isNaN(date.getTime()))
  ) {
    return null;
  }
  return {
    id: sealed.id,
    email: sealed.email,
    firstName: sealed.firstName,
    lastName: sealed.lastName,
    emailVerified: sealed.emailVerified,
    profilePictureUrl: sealed.profilePictureUrl,
    externalId: sealed.externalId,
    lastSignInAt,
    createdAt,
    updatedAt,
  };
}

export interface UserInput {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  emailVerified?: boolean | null;
  externalId?: string | null;
}

export function createUser(actor: Actor, environmentId: string, input: UserInput): Promise<User> {
  const data = {
    email: validEmail('email', input.email),
    firstName: validPersonName('firstName', input.firstName),
    lastName: validPersonName('lastName', input.lastName),
    emailVerified: input.emailVerified ?? false,
    externalId: validExternalId('externalId', input.externalId),
  };
  return commitChange(async (tx) => {
    const user = await tx.user.create({ data: { id: newId('user'), environmentId, ...data } });
    await recordEvent(tx, {
      type: 'user.created',
      actor,
      environmentId,
      userId: user.id,
      after: userRecord(user),
    });
    return user;
  });
}

export function updateUser(
  actor: Actor,
  environmentId: string,
  id: string,
  input: Partial<Omit<UserInput, 'email'>> & { email?: string | null },
): Promise<User> {
  const data: Partial<Pick<User, 'email' | 'firstName' | 'lastName' | 'emailVerified' | 'externalId'>> = {};
  if (input.email !== undefined && input.email !== null) data.email = validEmail('email', input.email);
  if (input.firstName !== undefined) data.firstName = validPersonName('firstName', input.firstName);
  if (input.lastName !== undefined) data.lastName = validPersonName('lastName', input.lastName);
  if (input.emailVerified !== undefined && input.emailVerified !== null)
    data.emailVerified = input.emailVerified;
  if (input.externalId !== undefined) data.externalId = validExternalId('externalId', input.externalId);
  return commitChange(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before || before.environmentId !== environmentId) throw new NotFoundError('User', id);
    const after = await tx.user.update({ where: { id }, data });
    await recordEvent(tx, {
      type: 'user.updated',
      actor,
      environmentId,
      userId: id,
      before: userRecord(before),
      after: userRecord(after),
    });
    return after;
  });
}

/** Deleting a user deletes their memberships and sessions (so their refresh tokens stop working). */
export function deleteUser(actor: Actor, environmentId: string, id: string): Promise<User> {
  return commitChange(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before || before.environmentId !== environmentId) throw new NotFoundError('User', id);
    await tx.user.delete({ where: { id } });
    await recordEvent(tx, {
      type: 'user.deleted',
      actor,
      environmentId,
      userId: id,
      before: userRecord(before),
    });
    return before;
  });
}

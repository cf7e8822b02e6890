import type { Algorithm } from '@node-rs/argon2';
import { BadUserInputError } from '../errors.ts';

/**
 * Operators' passwords: argon2id through @node-rs/argon2 (a maintained binding of the reference
 * Rust implementation), with its defaults, which are OWASP's minimum for argon2id (19 MiB, two
 * passes, one lane). The PHC string stores the parameters, so raising them later still verifies
 * old hashes.
 */

// `Algorithm` is a const enum, which isolatedModules cannot inline: 2 is Argon2id.
const argon2id = 2 as Algorithm;

export const minimumPasswordLength = 12;
// argon2 takes any length; a bound keeps one request from costing much more than another.
const maximumPasswordLength = 256;

/** BAD_USER_INPUT naming `password` unless it is 12–256 characters. */
export function validPassword(password: string, field = 'password'): string {
  if (password.length < minimumPasswordLength) {
    throw new BadUserInputError(field, `${field} must be at least ${minimumPasswordLength} characters.`);
  }
  if (password.length > maximumPasswordLength) {
    throw new BadUserInputError(field, `${field} must be at most ${maximumPasswordLength} characters.`);
  }
  return password;
}

// The native binding is loaded at the first sign-in or password change, not at start-up.
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => {
  argon2 ??= import('@node-rs/argon2');
  return argon2;
};

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, { algorithm: argon2id });
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without one (an unknown e-mail, an invitation not
 * yet accepted) a hash of nothing anyone knows is checked instead, so the answer takes as long
 * either way and its timing does not tell which e-mails have accounts.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword(`unknown-account-${Math.random()}`);
  const target = storedHash ?? (await dummyHash);
  const { verify } = await loadArgon2();
  let matches: boolean;
  try {
    matches = await verify(target, password.slice(0, maximumPasswordLength));
  } catch {
    // A malformed stored hash is a failed check, never a crash.
    matches = false;
  }
  return matches && storedHash !== null && storedHash !== undefined;
}

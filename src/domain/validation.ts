import { BadUserInputError } from '../errors.ts';

/** Input checks shared by the GraphQL and REST edges. Each names the offending field. */

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a value has a slug's shape; lookups use it so that no other text reaches a query. */
export function isSlug(value: string, maxLength = 64): boolean {
  return value.length > 0 && value.length <= maxLength && slugPattern.test(value);
}

export function validSlug(field: string, value: string, maxLength = 64): string {
  if (value.length === 0 || value.length > maxLength || !slugPattern.test(value)) {
    throw new BadUserInputError(
      field,
      `${field} must be 1–${maxLength} lower-case letters, digits and single dashes (e.g. "new-billing").`,
    );
  }
  return value;
}

// Control characters make names unreadable in dashboards and logs.
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function validName(field: string, value: string, maxLength = 200): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength || controlCharacters.test(trimmed)) {
    throw new BadUserInputError(field, `${field} must be 1–${maxLength} printable characters.`);
  }
  return trimmed;
}

export function validDescription(field: string, value: string, maxLength = 2000): string {
  if (value.length > maxLength || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    throw new BadUserInputError(field, `${field} must be at most ${maxLength} printable characters.`);
  }
  return value;
}

const tagPattern = /^[a-z0-9][a-z0-9._:-]{0,49}$/;

export function validTags(field: string, tags: readonly string[]): string[] {
  if (tags.length > 20) throw new BadUserInputError(field, `${field} may hold at most 20 tags.`);
  const unique = [...new Set(tags.map((tag) => tag.trim()))];
  for (const tag of unique) {
    if (!tagPattern.test(tag)) {
      throw new BadUserInputError(
        field,
        `${field}: ${JSON.stringify(tag.slice(0, 60))} is not a tag (1–50 of a-z 0-9 . _ : -, starting with a letter or digit).`,
      );
    }
  }
  return unique.sort();
}

const idPattern = /^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Whether a value is an id with the prefix (e.g. `user`), so no other text reaches a query. */
export function isId(value: string, prefix: string): boolean {
  return idPattern.test(value) && value.startsWith(`${prefix}_`);
}

/** The id, or BAD_USER_INPUT naming the field: ids are checked for shape at the edge. */
export function validId(field: string, value: string, prefix: string): string {
  if (!isId(value, prefix)) {
    throw new BadUserInputError(field, `${field} must be an id like ${prefix}_01J….`);
  }
  return value;
}

export function validExternalId(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (value.length > 200 || controlCharacters.test(value)) {
    throw new BadUserInputError(field, `${field} must be at most 200 printable characters.`);
  }
  return value;
}

/**
 * Free text used to filter a list (search, tag, slug, type). PostgreSQL rejects NUL in text, so
 * without this check such input would surface as an internal error instead of bad input.
 */
export function validFilterText(field: string, value: string, maxLength = 200): string {
  if (value.length > maxLength || controlCharacters.test(value)) {
    throw new BadUserInputError(field, `${field} must be at most ${maxLength} printable characters.`);
  }
  return value;
}

/**
 * A rollout percentage (0–100, at most two decimals) as basis points (0–10000): an integer, so
 * comparing it with a bucket is exact and 12.34 % is stored as 1234, not 12.339999….
 */
export function validPercentage(field: string, value: number): number {
  const basisPoints = Math.round(value * 100);
  if (!Number.isFinite(value) || value < 0 || value > 100 || Math.abs(value * 100 - basisPoints) > 1e-6) {
    throw new BadUserInputError(field, `${field} must be between 0 and 100, with at most two decimals.`);
  }
  return basisPoints;
}

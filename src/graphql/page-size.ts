import { BadUserInputError } from '../errors.ts';

/** The largest page a connection returns; larger pages are asked for with `after`. */
export const maxPageSize = 100;

/**
 * Pothos caps `first`/`last` at the maximum without a word, so a client asking for 500 would
 * silently get 100 and believe it had everything. A page too large is the client's error.
 */
export function checkedPageSize(args: { first?: number | null; last?: number | null }): number {
  if (args.first != null) pageSizeArgument('first', args.first, 0);
  if (args.last != null) pageSizeArgument('last', args.last, 0);
  return maxPageSize;
}

/** A page size argument, or BAD_USER_INPUT naming the range. */
export function pageSizeArgument(name: 'first' | 'last', size: number, min = 1): number {
  if (size < min || size > maxPageSize) {
    throw new BadUserInputError(
      name,
      `\`${name}\` must be from ${min} to ${maxPageSize}; ask for more with \`${name === 'first' ? 'after' : 'before'}\`.`,
    );
  }
  return size;
}

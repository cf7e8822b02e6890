import { GraphQLError } from 'graphql';
import { PennantError } from '../errors.ts';
import { logger } from '../logger.ts';
import { isDatabaseUnavailable } from '../security/database-errors.ts';

function describe(args: unknown[]): { fields: Record<string, unknown>; message: string } {
  const [first] = args;
  if (first instanceof Error) {
    const original = first instanceof GraphQLError ? (first.originalError ?? first) : first;
    // Only the message: String(GraphQLError) appends the query source, which may quote values.
    return { fields: { err: original }, message: first.message };
  }
  return { fields: {}, message: args.map(String).join(' ') };
}

/**
 * yoga's logger, on pino. yoga logs every error that masking replaced, which includes errors
 * with a stable code (UNAUTHENTICATED, NOT_FOUND, …) and GraphQL's own (a variable of the wrong
 * type): those are answers, not faults, so they go to debug; the rest stay errors.
 */
export function yogaLogging() {
  return {
    debug: (...args: unknown[]) => logger.debug(args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
    error: (...args: unknown[]) => {
      const [first] = args;
      // An answer to a bad request (a coded error, a variable of the wrong type), not a fault.
      const expected =
        first instanceof PennantError ||
        (first instanceof GraphQLError &&
          (first.originalError === undefined ||
            first.originalError instanceof PennantError ||
            first.originalError instanceof GraphQLError));
      const { fields, message } = describe(args);
      const original = first instanceof GraphQLError ? first.originalError : first;
      // Already logged once, as a warning, where it was masked (src/graphql/yoga.ts).
      if (expected || isDatabaseUnavailable(original)) logger.debug(message);
      else logger.error(fields, message);
    },
  };
}

import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { PennantError } from '../errors.ts';
import { logger } from '../logger.ts';
import { isDatabaseUnavailable } from '../security/database-errors.ts';

/** An answer to a bad request (a coded error, a variable of the wrong type), not a fault. */
export function isAnswer(error: unknown): boolean {
  return (
    error instanceof PennantError ||
    error instanceof PothosValidationError ||
    (error instanceof GraphQLError &&
      (error.originalError === undefined ||
        error.originalError instanceof PennantError ||
        error.originalError instanceof PothosValidationError ||
        error.originalError instanceof GraphQLError))
  );
}

const logged = new WeakSet<object>();

/**
 * Logs the fault behind an error once: the database being away as a warning (a condition, not a
 * bug), anything else unexpected as an error; answers (coded errors, GraphQL's own) not at all.
 * `requestId` ties the line to the request's own `request` line.
 */
export function logFault(error: unknown, requestId: string | undefined): void {
  if (isAnswer(error)) return;
  const fault = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (typeof fault !== 'object' || fault === null || logged.has(fault)) return;
  logged.add(fault);
  const request = requestId === undefined ? {} : { requestId };
  if (isDatabaseUnavailable(fault)) {
    logger.warn({ err: { message: (fault as Error).message }, ...request }, 'database unavailable');
  } else {
    logger.error({ err: fault, ...request }, 'unexpected error');
  }
}

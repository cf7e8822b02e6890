import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { PennantError } from '../errors.ts';
import { logger } from '../logger.ts';
import { isDatabaseUnavailable } from '../security/database-errors.ts';
import { requestContextOf } from './request-context.ts';

/** An answer to a bad request (a coded error, a variable of the wrong type), not a fault. */
function isAnswer(error: unknown): boolean {
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

/** Logs the faults behind an operation's errors, with its request id, before yoga masks them. */
export function useFaultLogging(): Plugin {
  const logErrorsOf = (request: Request | undefined) => {
    const requestId = requestContextOf(request)?.requestId;
    return (payload: { result: { errors?: readonly unknown[] } }) => {
      for (const error of payload.result.errors ?? []) logFault(error, requestId);
    };
  };
  return {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      return {
        onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, logErrorsOf(request)),
      };
    },
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      return {
        onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, logErrorsOf(request)),
      };
    },
  };
}

/**
 * yoga's logger, on pino. yoga logs every error that masking replaced: answers go to debug;
 * faults already logged with their request id (above) are not logged again; any other fault
 * (outside an operation) is logged here, without one.
 */
export function yogaLogging() {
  return {
    debug: (...args: unknown[]) => logger.debug(args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
    error: (...args: unknown[]) => {
      const [first] = args;
      if (!(first instanceof Error)) return logger.error(args.map(String).join(' '));
      // Only the message: String(GraphQLError) appends the query source, which may quote values.
      if (isAnswer(first)) return logger.debug(first.message);
      logFault(first, undefined);
    },
  };
}

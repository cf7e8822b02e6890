import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { logger } from '../logger.ts';
import { isAnswer, logFault } from './fault-log.ts';
import { requestContextOf } from './request-context.ts';

/** Logs the faults behind an operation's errors, with its request id, before yoga masks them. */
export function useFaultLogging(): Plugin {
  const logErrorsOf = (args: { contextValue: unknown }) => {
    const requestId = requestContextOf((args.contextValue as { request?: Request }).request)?.requestId;
    return (payload: { result: { errors?: readonly unknown[] } }) => {
      for (const error of payload.result.errors ?? []) logFault(error, requestId);
    };
  };
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, logErrorsOf(args)),
    }),
    onSubscribe: ({ args }) => ({
      onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, logErrorsOf(args)),
    }),
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

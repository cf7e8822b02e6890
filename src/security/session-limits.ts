import { getArgumentValues } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { cookieOf } from '../auth/credentials.ts';
import { accessTokenClaimsOf, type SealOpener } from '../domain/seal.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { rootFields, selectedOperation } from '../http/operation.ts';
import { clientAddressOf } from '../http/request-context.ts';
import { credentialKey, httpExtensionOf, RateLimitedError, rateLimits } from './rate-limit.ts';

/**
 * Which session a sealed session belongs to: its session id (`sid` of the access token inside)
 * when the seal opens, so rotating seals of one session share a limit; otherwise a hash of the
 * seal itself (garbage is limited per address anyway).
 */
async function sessionKeyOf(sealedSession: string | undefined, openSeal: SealOpener): Promise<string | null> {
  if (!sealedSession) return null;
  try {
    const sid = accessTokenClaimsOf(await openSeal(sealedSession))?.sid;
    if (typeof sid === 'string') return `sid:${sid}`;
  } catch {
    // Not a seal of ours: refreshSession itself answers INVALID_SESSION.
  }
  return `seal:${credentialKey(sealedSession)}`;
}

/**
 * Rate limits on `createSession` (per API key and per address) and `refreshSession` (per session
 * and per address), checked before the mutation runs, over HTTP and WebSocket alike. A refused
 * call gets `RATE_LIMITED` with `retryAfter` seconds, and HTTP 429 with `Retry-After`.
 */
export function useSessionRateLimits(options: { cookieName: string }): Plugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = selectedOperation(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const limited = rootFields(args.document, operation).filter(
        (field) => field.name === 'createSession' || field.name === 'refreshSession',
      );
      if (limited.length === 0) return;
      const context = args.contextValue as unknown as GraphQLContext;
      const address = clientAddressOf(context.request);
      try {
        for (const field of limited) {
          if (field.name === 'createSession') {
            await rateLimits.createSession(context.apiKey?.id ?? null, address);
            continue;
          }
          const definition = args.schema.getMutationType()?.getFields()[field.name];
          let sealedSession: string | undefined;
          try {
            const values = definition
              ? getArgumentValues(definition, field.node, args.variableValues ?? {})
              : {};
            const input = values.input as { sealedSession?: unknown } | undefined;
            if (typeof input?.sealedSession === 'string') sealedSession = input.sealedSession;
          } catch {
            // Arguments that do not coerce: execution reports that error itself.
          }
          sealedSession ??= cookieOf(context.request, options.cookieName);
          await rateLimits.refreshSession(await sessionKeyOf(sealedSession, context.openSeal), address);
        }
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        setResultAndStopExecution({
          data: null,
          errors: [
            createGraphQLError(error.message, {
              extensions: { code: error.code, ...error.details, ...httpExtensionOf(error) },
            }),
          ],
        });
      }
    },
  };
}

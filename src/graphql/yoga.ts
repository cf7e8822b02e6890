import { PothosValidationError } from '@pothos/core';
import { GraphQLError, Kind } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import {
  authenticateConnection,
  authenticateRequest,
  isAllowedOrigin,
  type Principal,
} from '../auth/index.ts';
import type { Config } from '../config.ts';
import { sealOpener } from '../domain/seal.ts';
import { PennantError } from '../errors.ts';
import { logFault } from '../http/fault-log.ts';
import {
  bindRequestContext,
  clientAddressOf,
  type RequestContext,
  requestContextOf,
} from '../http/request-context.ts';
import { useFaultLogging, yogaLogging } from '../http/yoga-logging.ts';
import type { WebSocketOperation } from '../realtime/next-messages.ts';
import { useSharedSubscriptionResults } from '../realtime/shared-subscription-results.ts';
import { databaseUnavailable, isDatabaseUnavailable } from '../security/database-errors.ts';
import { hardeningPlugins } from '../security/index.ts';
import { boundedParserCache } from '../security/parser-cache.ts';
import { httpExtensionOf } from '../security/rate-limit.ts';
import { withoutSecrets } from '../security/redact.ts';
import type { GraphQLContext } from './context.ts';
import { graphiqlOptions, renderPennantGraphiQL } from './graphiql.ts';
import { schema } from './schema.ts';
import { sharedResultSubscriptionFields } from './subscription.ts';

/** Context for HTTP requests and (through `yoga.getEnveloped`) WebSocket operations alike. */
export interface WebSocketInitialContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  /** WebSocket: who the connection authenticated as at `connection_init` (see app.ts). */
  principal?: Principal;
  /** WebSocket: the operation's socket and id (see src/realtime/next-messages.ts). */
  webSocketOperation?: WebSocketOperation;
}

async function createContext(
  initial: YogaInitialContext & WebSocketInitialContext,
  config: Config,
): Promise<GraphQLContext> {
  try {
    return await authenticate(initial, config);
  } catch (error) {
    if (error instanceof PennantError) throw error;
    // Thrown before any operation runs, so the fault is logged here, with the request's id.
    logFault(error, requestContextOf(initial.request)?.requestId);
    throw error;
  }
}

async function authenticate(
  initial: YogaInitialContext & WebSocketInitialContext,
  config: Config,
): Promise<GraphQLContext> {
  const request = initial.request;
  const openSeal = sealOpener();
  if (initial.principal) {
    // WebSocket: the connection was authenticated at connection_init; each operation checks the
    // credential again, so a revoked key or ended session cannot start anything new on an old
    // connection (running subscriptions are ended by the fan-out).
    const current = await authenticateConnection(
      initial.connectionParams,
      request,
      config,
      clientAddressOf(request),
    );
    return {
      request,
      apiKey: current?.apiKey ?? null,
      apiKeyRejected: current === null,
      session: current?.session ?? null,
      sessionCookie: null,
      operator: current?.operator ?? null,
      operatorCookie: null,
      // Checked when the connection was made (src/auth: the origin rule on the upgrade).
      originMayUseCookies: true,
      responseHeaders: new Headers(),
      openSeal,
    };
  }
  const principal = await authenticateRequest(request, config, openSeal);
  return { request, ...principal, responseHeaders: new Headers(), openSeal };
}

/**
 * Errors with a stable code pass through; anything unexpected is masked (and logged, with its
 * request id, by src/http/yoga-logging.ts).
 */
function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (original instanceof PennantError) {
    return createGraphQLError(original.message, {
      extensions: { code: original.code, ...original.details, ...httpExtensionOf(original) },
      path,
    });
  }
  if (original instanceof PothosValidationError && original.message.startsWith('Invalid cursor')) {
    // A connection's `after`/`before` that this list never handed out.
    const field = cursorArgumentOf(error instanceof GraphQLError ? error : undefined);
    return createGraphQLError(`${field} is not a cursor of this list.`, {
      extensions: { code: 'BAD_USER_INPUT', field },
      path,
    });
  }
  if (original instanceof PothosValidationError) {
    // At run time Pothos validates connection arguments (`first: -1`, `before` with `first`).
    return createGraphQLError(original.message, { extensions: { code: 'BAD_USER_INPUT' }, path });
  }
  // GraphQL's own errors (syntax, validation, variable coercion) are safe to show, except that
  // they may quote what the client sent (a key, a seal): that part is scrubbed.
  if (error instanceof GraphQLError && !original) return withoutSecrets(error);
  if (original instanceof GraphQLError) return withoutSecrets(original);
  // The database being away is a condition, not a bug: say so (503), and the pool reconnects.
  if (isDatabaseUnavailable(original)) {
    return createGraphQLError(databaseUnavailable.message, {
      extensions: databaseUnavailable.extensions,
      path,
    });
  }
  return createGraphQLError('Unexpected error.', {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
    path,
  });
}

/** Which of the field's cursor arguments was sent (`after` unless only `before` was). */
function cursorArgumentOf(error: GraphQLError | undefined): 'after' | 'before' {
  const names = new Set<string>();
  for (const node of error?.nodes ?? []) {
    if (node.kind === Kind.FIELD) for (const argument of node.arguments ?? []) names.add(argument.name.value);
  }
  return names.has('before') && !names.has('after') ? 'before' : 'after';
}

/**
 * Ties each HTTP request to the context the HTTP handler made for it (request id, client
 * address), which arrives as yoga's server context; first, so routes and plugins find it.
 */
function useRequestContext(): Plugin {
  return {
    onRequest({ request, serverContext }) {
      const context = (serverContext as { requestContext?: RequestContext } | undefined)?.requestContext;
      if (context) bindRequestContext(request, context);
    },
  };
}

/** Sends headers resolvers queued in `context.responseHeaders` (e.g. Set-Cookie). */
function useResponseHeaders(): Plugin<GraphQLContext> {
  const byRequest = new WeakMap<Request, Headers>();
  return {
    onContextBuilding({ context }) {
      return ({ context: built }) => {
        if (context.request) byRequest.set(context.request, built.responseHeaders);
      };
    },
    onResponse({ request, response }) {
      const headers = byRequest.get(request);
      headers?.forEach((value, name) => {
        response.headers.append(name, value);
      });
    },
  };
}

export function createPennantYoga(config: Config, plugins: Plugin[] = []) {
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    context: (initial) => createContext(initial, config),
    graphqlEndpoint: '/graphql',
    // yoga's default CORS reflects any origin with credentials, which lets any page read what a
    // visitor's cookie gets. Credentialed CORS only for PENNANT_ALLOWED_ORIGINS; other origins
    // get CORS without credentials (API-key calls, which carry their credential themselves).
    cors: (request) =>
      isAllowedOrigin(request.headers.get('origin'), config.allowedOrigins)
        ? { origin: request.headers.get('origin') ?? undefined, credentials: true, maxAge: 600 }
        : { origin: '*', credentials: false, maxAge: 600 },
    graphiql: config.production ? false : graphiqlOptions,
    renderGraphiQL: renderPennantGraphiQL,
    landingPage: false,
    // No file uploads: multipart requests are refused (and cannot smuggle a CSRF).
    multipart: false,
    // The body limit is Pennant's own (src/http/body-limit.ts and the HTTP handler: 413 before
    // reading a declared oversized body, chunked bodies read up to the limit). yoga's would pipe
    // every body through a TransformStream as well, a cost on every request for no gain.
    maxRequestBodySize: false,
    // routes.ts serves GET /health. yoga's built-in check cannot be turned off and answers an
    // empty 200 to any URL that ends with its endpoint, so it is moved out of the way.
    healthCheckEndpoint: '/.yoga/health',
    // Only small documents are cached: a count-bounded cache of huge ones would pin memory.
    parserAndValidationCache: boundedParserCache(),
    maskedErrors: { maskError },
    logging: yogaLogging(),
    plugins: [
      useRequestContext(),
      useFaultLogging(),
      useResponseHeaders(),
      ...hardeningPlugins(config, '/graphql'),
      useSharedSubscriptionResults(sharedResultSubscriptionFields),
      ...plugins,
    ],
  });
}

export type PennantYoga = ReturnType<typeof createPennantYoga>;

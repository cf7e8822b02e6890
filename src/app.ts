import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentNode, type ExecutionArgs, GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { authenticateConnection, type Principal } from './auth/index.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { setPrismaClient } from './db/index.ts';
import { applyPendingMigrationsInWorker } from './db/migrate-in-worker.ts';
import { migrationsPending } from './db/migrations.ts';
import { systemActor } from './domain/actor.ts';
import { apiKeyAuthenticator } from './domain/api-keys.ts';
import { changeFeed } from './domain/change-feed.ts';
import { directory } from './domain/directory.ts';
import { ensureDefaultEnvironments } from './domain/environments.ts';
import { latestEventId } from './domain/events.ts';
import { flagCatalogue } from './domain/flag-catalogue.ts';
import { flagState } from './domain/flag-state.ts';
import { ensureSetupLink, setOperatorSessionSettings } from './domain/operator-sessions.ts';
import { setOperatorLinkSettings } from './domain/operator-tokens.ts';
import { startRetention } from './domain/retention.ts';
import { initializeSessions, setAccessTokenIssuer } from './domain/sessions.ts';
import { setWebhookTargetPolicy } from './domain/webhook-targets.ts';
import type { Environment } from './generated/prisma/client.ts';
import { createPennantYoga, type PennantYoga } from './graphql/yoga.ts';
import { dashboardRoutes } from './http/dashboard.ts';
import { bindRequestContext } from './http/request-context.ts';
import { clientAddress, createHttpHandler } from './http/server.ts';
import { logWebSocketConnections } from './http/websocket-log.ts';
import { logger } from './logger.ts';
import { countChangeFeedEvent, retentionPurged } from './metrics.ts';
import { realtimeFanOut } from './realtime/fan-out.ts';
import type { RedisChangeNotifier } from './realtime/redis-notifier.ts';
import { workosRoutes } from './rest/index.ts';
import { operationalRoutes, useRoutes } from './routes.ts';
import { makeDataFolderPrivate } from './security/data-folder.ts';
import { RateLimitedError, rateLimits } from './security/rate-limit.ts';
import { withoutSecrets } from './security/redact.ts';
import { sessionRoutes } from './session-http.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';

/** RFC 6455 §7.4.1 "going away": the server is shutting down; clients reconnect elsewhere. */
const goingAwayCloseCode = 1001;

export interface RunningApp {
  /** e.g. `http://127.0.0.1:4000` */
  url: string;
  port: number;
  database: Database;
  /** Environments created on this start (first start on an empty database). */
  createdEnvironments: Environment[];
  /**
   * While no operator exists: a one-time link that creates the first owner, made on this start
   * (earlier ones stop working). A secret: show it once, to whoever started the server.
   */
  setupUrl: string | null;
  yoga: PennantYoga;
  /** Milliseconds each step of `start()` took, in order (logged; see BENCHMARKS.md). */
  startupMs: Record<string, number>;
}

export interface BuildOptions {
  /**
   * The database, already being opened (by main.ts, before it loads the rest of the server, so
   * PGlite's boot overlaps the module loading: BENCHMARKS.md, "Start-up"). Opened by `start()`
   * when absent. Its data folder must have been made private before it was opened.
   */
  database?: Promise<Database>;
}

/** Builds the whole server. Nothing listens or connects until `start()`. */
export function buildApp(config: Config, options: BuildOptions = {}) {
  let database: Database | undefined;
  let server: Server | undefined;
  let webSocketServer: WebSocketServer | undefined;
  let http: ReturnType<typeof createHttpHandler> | undefined;
  const stopFollowing: (() => void)[] = [];
  let redisNotifier: RedisChangeNotifier | undefined;
  let webhookDispatcher: WebhookDispatcher | undefined;
  let retention: { stop(): Promise<void> } | undefined;

  async function start(): Promise<RunningApp> {
    const startupMs: Record<string, number> = {};
    let stepStarted = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      startupMs[name] = Math.round(now - stepStarted);
      stepStarted = now;
    };
    // Before anything is written into it, and again once the database made its files.
    if (options.database) database = await options.database;
    else {
      await makeDataFolderPrivate(config.dataDir);
      database = await openDatabase(config.database);
    }
    setPrismaClient(database.prisma);
    step('openDatabase');
    // The first query: on PGlite, this is where its Postgres boots (and runs initdb in a new folder).
    const pending = await migrationsPending(database.adapterFactory);
    step('migrationCheck');
    // In a worker thread, so that the schema engine's memory is given back when it is done (see
    // migrate-in-worker.ts), through this thread's open database; nothing loaded when none is
    // pending.
    const applied = pending ? await applyPendingMigrationsInWorker(database.adapterFactory) : [];
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    step('migrations');
    const createdEnvironments = await ensureDefaultEnvironments(systemActor);
    // Secrets (configured or generated into the data folder) and the access-token signing key.
    await initializeSessions({ ...config, issuer: config.issuer ?? `http://localhost:${config.port}` });
    await makeDataFolderPrivate(config.dataDir);
    step('environmentsAndKeys');

    // Read before loading the cache: a change committed during the load is then replayed by
    // the feed (the cache skips rule versions it already has) instead of being lost.
    const feedStart = await latestEventId();
    // Every read is answered from these (docs/architecture.md, "The read path").
    await Promise.all([flagState.load(), flagCatalogue.load(), directory.load()]);
    stopFollowing.push(
      flagState.follow(changeFeed),
      flagCatalogue.follow(changeFeed),
      directory.follow(changeFeed),
      apiKeyAuthenticator.follow(changeFeed),
    );
    // After the flag-state cache, so subscriptions see each change already applied.
    stopFollowing.push(realtimeFanOut.follow(changeFeed));
    stopFollowing.push(changeFeed.onEvent((event) => countChangeFeedEvent(event.type)));
    step('loadState');
    await changeFeed.start(config.changePollMs, feedStart);
    await rateLimits.configure(config);
    if (config.redisUrl) {
      // ioredis is loaded only when Redis is configured (start-up: BENCHMARKS.md).
      const { startRedisChangeNotifier } = await import('./realtime/redis-notifier.ts');
      redisNotifier = startRedisChangeNotifier({
        url: config.redisUrl,
        channelPrefix: config.redisPrefix,
        feed: changeFeed,
      });
    }
    setWebhookTargetPolicy({ allowPrivate: config.webhookAllowPrivate });
    webhookDispatcher = new WebhookDispatcher({
      pollMs: config.changePollMs,
      retryBaseMs: config.webhookRetryBaseMs,
    });
    webhookDispatcher.start(changeFeed);
    retention = startRetention(config.retention, (kind, count) => retentionPurged.inc({ kind }, count));

    const yoga = createPennantYoga(config, [
      useRoutes([
        ...operationalRoutes(config.metricsToken),
        ...sessionRoutes(),
        ...workosRoutes(),
        ...dashboardRoutes(config.dashboardDir),
      ]),
    ]);
    http = createHttpHandler(yoga, {
      maxBodyBytes: config.limits.maxBodyBytes,
      trustProxyHops: config.trustProxyHops,
    });
    server = createServer(http);
    // A WebSocket message is bounded like a request body (larger: closed with 1009).
    webSocketServer = new WebSocketServer({
      server,
      path: yoga.graphqlEndpoint,
      maxPayload: config.limits.maxBodyBytes,
      // ws's default, stated: compressing thousands of copies of one message costs more than it
      // saves on the wire.
      perMessageDeflate: false,
    });
    logWebSocketConnections(webSocketServer);
    serveGraphQLOverWebSocket(webSocketServer, yoga, config);

    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(config.port, config.host, () => resolve());
    });
    step('servicesAndListen');
    const { port } = server.address() as AddressInfo;
    // The default issuer names the port, known only now when PORT is 0.
    if (!config.issuer) setAccessTokenIssuer(`http://localhost:${port}`);
    const host =
      !config.host || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${port}`;
    setOperatorSessionSettings({
      idleSeconds: config.operators.sessionIdleSeconds,
      maxSeconds: config.operators.sessionMaxSeconds,
    });
    setOperatorLinkSettings({
      baseUrl: config.publicUrl ?? url,
      linkTtlSeconds: config.operators.linkTtlSeconds,
    });
    const setupUrl = await ensureSetupLink();
    return { url, port, database, createdEnvironments, setupUrl, yoga, startupMs };
  }

  /**
   * Graceful: stops accepting, lets in-flight requests finish, ends SSE streams, closes
   * WebSockets with 1001 (going away), then Redis and the database. Connections still open
   * after `shutdownTimeoutMs` are cut.
   */
  async function stop(): Promise<void> {
    await closeConnections();
    await rateLimits.close();
    await redisNotifier?.stop();
    redisNotifier = undefined;
    for (const unsubscribe of stopFollowing.splice(0)) unsubscribe();
    changeFeed.stop();
    await webhookDispatcher?.stop();
    await retention?.stop();
    retention = undefined;
    await database?.close();
    setPrismaClient(undefined);
  }

  async function closeConnections(): Promise<void> {
    const httpClosed = new Promise<void>((resolve) =>
      server?.listening ? server.close(() => resolve()) : resolve(),
    );
    http?.beginShutdown();
    // A connection whose last request just finished is idle: close it now rather than after
    // its keep-alive timeout.
    const closeIdle = setInterval(() => server?.closeIdleConnections(), 50);
    server?.closeIdleConnections();
    for (const client of webSocketServer?.clients ?? [])
      client.close(goingAwayCloseCode, 'Server shutting down');
    const webSocketsClosed = new Promise<void>((resolve) =>
      webSocketServer ? webSocketServer.close(() => resolve()) : resolve(),
    );
    const cut = setTimeout(() => {
      logger.warn('shutdown: connections still open after the timeout are cut');
      for (const client of webSocketServer?.clients ?? []) client.terminate();
      server?.closeAllConnections();
    }, config.shutdownTimeoutMs);
    await Promise.all([httpClosed, webSocketsClosed]);
    clearTimeout(cut);
    clearInterval(closeIdle);
  }

  return { start, stop };
}

/**
 * graphql-ws on the HTTP server's port and path. Operations run through `yoga.getEnveloped`,
 * so they share the schema, plugins and context (authentication included) with HTTP.
 */
function serveGraphQLOverWebSocket(
  webSocketServer: WebSocketServer,
  yoga: PennantYoga,
  config: Config,
): void {
  useServer<Record<string, unknown>, { request: IncomingMessage; socket: WebSocket; principal?: Principal }>(
    {
      // No `connection_init` within this time: graphql-ws closes with 4408.
      connectionInitWaitTimeout: config.webSocketInitTimeoutMs,
      // A missing or bad credential: returning false closes with 4403 (Forbidden).
      onConnect: async (context) => {
        try {
          const principal = await authenticateConnection(
            context.connectionParams,
            requestFromUpgrade(context.extra.request),
            config,
            clientAddress(context.extra.request, config.trustProxyHops),
          );
          if (!principal) return false;
          context.extra.principal = principal;
          return true;
        } catch (error) {
          // Refused with 4403 either way; a rate limit also says when to retry.
          if (!(error instanceof RateLimitedError)) throw error;
          context.extra.socket.close(CloseCode.Forbidden, error.message);
          return false;
        }
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (context, id, params) => {
        // Each open operation holds server resources: one connection may hold only so many.
        if (Object.keys(context.subscriptions).length > config.limits.maxSocketOperations) {
          return [
            new GraphQLError(
              `At most ${config.limits.maxSocketOperations} operations may be open on one connection.`,
              { extensions: { code: 'LIMIT_EXCEEDED' } },
            ),
          ];
        }
        const request = requestFromUpgrade(context.extra.request);
        // Each operation gets a request id and the client's address, like an HTTP request.
        bindRequestContext(request, {
          requestId: randomUUID(),
          address: clientAddress(context.extra.request, config.trustProxyHops),
        });
        const enveloped = yoga.getEnveloped({
          request,
          connectionParams: context.connectionParams,
          principal: context.extra.principal,
          socket: context.extra.socket,
          params,
          // Lets a subscription whose messages are shared write them straight to the socket.
          webSocketOperation: { socket: context.extra.socket, operationId: id },
        });
        // A document that does not parse is the client's error (sent back on the socket), not
        // an internal one: thrown, graphql-ws would close the whole connection with 4500.
        let document: DocumentNode;
        try {
          document = enveloped.parse(params.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [withoutSecrets(error)];
          throw error;
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
        return args;
      },
    },
    webSocketServer,
  );
}

type OperationResult = ReturnType<NonNullable<Parameters<typeof useServer>[0]['execute']>>;

/** yoga's enveloped execute and subscribe, handed to graphql-ws through the root value. */
interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

/** The upgrade request as a fetch Request, so WebSocket context reads headers like HTTP does. */
function requestFromUpgrade(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/graphql'}`, {
    headers,
  });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { prisma } from '../../src/db/index.ts';
import { systemActor } from '../../src/domain/actor.ts';
import { type ApiKeyRole, createApiKey } from '../../src/domain/api-keys.ts';
import { createOperator, type OperatorRole } from '../../src/domain/operators.ts';
import type { Operator } from '../../src/generated/prisma/client.ts';
import { copyMigratedPglite, createTestDatabase, testDatabaseUrl } from './database.ts';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestServer {
  url: string;
  graphqlUrl: string;
  config: Config;
  /**
   * Keys made for the default environments when the server started: `sandbox` and
   * `production` have the default role (member); `admin` is an admin key of sandbox.
   */
  keys: { sandbox: string; production: string; admin: string };
  /** The setup link the last start made (null once an operator exists). */
  setupUrl: string | null;
  /** Seeds operators without the UI (the domain function the CLI uses; recorded as `system`). */
  operators: {
    create(input: {
      email: string;
      role: OperatorRole | Lowercase<OperatorRole>;
      environments?: string[];
      /** Default `defaultOperatorPassword`. */
      password?: string;
    }): Promise<Operator>;
  };
  request<T, V>(
    document: TypedDocumentNode<T, V>,
    variables?: V,
    options?: { apiKey?: string | null; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }>;
  /** Stops the server; the database is kept so `restart()` can reopen it. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes its database. */
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
}

/**
 * The real server on an ephemeral port, on its own fresh database: PGlite in a temporary
 * folder, or a new PostgreSQL database when TEST_DATABASE_URL is set, either a copy of the
 * run's migrated template (test/helpers/global-setup.ts). One per test file at a time (the
 * Prisma client is a module singleton).
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pennant-test-'));
  const postgres = testDatabaseUrl ? await createTestDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PENNANT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PENNANT_CHANGE_POLL_MS: '200',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...options.env,
  });
  // A PGlite database in the folder made above starts as a copy of the run's migrated one.
  // A folder the test names itself (options.env) is left as the test made it.
  if (config.database.kind === 'pglite' && config.dataDir === dataDir && config.database.dataDir) {
    await copyMigratedPglite(config.database.dataDir);
  }
  let app = buildApp(config);
  let running = await app.start();
  const keys = {
    sandbox: await makeKey(running.createdEnvironments, 'sandbox'),
    production: await makeKey(running.createdEnvironments, 'production'),
    admin: await makeKey(running.createdEnvironments, 'sandbox', 'ADMIN'),
  };
  let port = running.port;
  let stopped = false;
  const server: TestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get graphqlUrl() {
      return `http://127.0.0.1:${port}/graphql`;
    },
    config,
    keys,
    get setupUrl() {
      return running.setupUrl;
    },
    operators: {
      create: (input) =>
        createOperator(systemActor, {
          email: input.email,
          role: input.role.toUpperCase() as OperatorRole,
          environments: input.environments,
          password: input.password ?? defaultOperatorPassword,
        }),
    },
    async request(document, variables, requestOptions = {}) {
      const apiKey = requestOptions.apiKey === undefined ? keys.sandbox : requestOptions.apiKey;
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          ...requestOptions.headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status, headers: response.headers };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop();
    },
    async restart() {
      await server.stop();
      stopped = false;
      app = buildApp({ ...config, port });
      running = await app.start();
      port = running.port;
    },
    async close() {
      await server.stop();
      await postgres?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** The password `server.operators.create` gives when none is named. */
export const defaultOperatorPassword = 'correct horse battery staple';

/**
 * Signs an operator in through the `signIn` mutation; returns the `Cookie` header value to send
 * (`pennant-operator=…`). Throws when sign-in fails.
 */
export async function signInOperator(
  server: Pick<TestServer, 'graphqlUrl'>,
  email: string,
  password = defaultOperatorPassword,
): Promise<string> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { operator { id } } }',
      variables: { input: { email, password } },
    }),
  });
  const body = (await response.json()) as GraphQLResponse<unknown>;
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith('pennant-operator='))
    ?.split(';')[0];
  if (body.errors?.length || !cookie) throw new Error(`signIn failed: ${JSON.stringify(body.errors)}`);
  return cookie;
}

export async function makeKey(
  environments: { slug: string; id: string; kind: 'SANDBOX' | 'PRODUCTION' }[],
  slug: string,
  role: ApiKeyRole = 'MEMBER',
): Promise<string> {
  const environment =
    environments.find((e) => e.slug === slug) ??
    (await prisma.environment.findUniqueOrThrow({ where: { slug } }));
  const { secret } = await createApiKey(systemActor, environment as never, `test ${slug} ${role}`, role);
  return secret;
}

/** Asserts a successful GraphQL response and returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/** The `extensions.code` of the first error. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.code;
}

/**
 * One series of a server's `/metrics` (`name` or `name{labels}`, exactly as printed), or
 * undefined before it is first reported.
 */
export async function metricValue(baseUrl: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** An environment's id and client id, by slug (the server must be running). */
export async function environmentOf(slug: string): Promise<{ id: string; clientId: string }> {
  return prisma.environment.findUniqueOrThrow({ where: { slug }, select: { id: true, clientId: true } });
}

/** The issuer of an environment's access tokens on a test server (no PENNANT_ISSUER set). */
export async function issuerOf(server: TestServer, slug = 'sandbox'): Promise<string> {
  const { clientId } = await environmentOf(slug);
  return `http://localhost:${new URL(server.url).port}/user_management/${clientId}`;
}

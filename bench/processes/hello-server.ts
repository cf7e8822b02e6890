/**
 * The flag-read baseline: a bare graphql-yoga server answering `{ hello }`, on the same Node
 * HTTP server as Pennant, with nothing else: no GraphiQL, no landing page, no logging, no error
 * masking, no context, no database, no limits. Forked by the benchmark; `listen` answers the
 * port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { serveParent } from '../lib/child.ts';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello: String! }',
    resolvers: { Query: { hello: () => 'world' } },
  }),
  graphiql: false,
  landingPage: false,
  logging: false,
  maskedErrors: false,
});

const server = createServer(yoga);

serveParent({
  listen: () =>
    new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    }),
});

import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL as Pennant serves it (development only; off with NODE_ENV=production).
 *
 * The page comes whole from `@graphql-yoga/render-graphiql`: script, styles and editor workers
 * inline, so a browser loads nothing from another host. yoga's default page fetches them from a
 * public CDN, which never loads where there is no internet access and sends operators'
 * browsers to a third party.
 *
 * Subscriptions run over Server-Sent Events, so the Authorization header typed in the headers
 * pane authenticates them as it does queries (a browser cannot set headers on a WebSocket).
 */
export const graphiqlOptions: GraphiQLOptions = {
  title: 'Pennant GraphiQL',
  subscriptionsProtocol: 'SSE',
  defaultQuery: `# Put an API key in the Headers pane below:
#   { "Authorization": "Bearer sk_test_…" }
# (npm start prints one per environment.)

query {
  currentEnvironment {
    slug
  }
}
`,
};

let page: Promise<string> | undefined;

/** The rendered page, made once: it is about 9 MB of inlined script and the same every time. */
export function renderPennantGraphiQL(options: GraphiQLOptions): Promise<string> {
  page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options));
  return page;
}

/** A minimal GraphQL-over-HTTP client for seeding and set-up (not for load: autocannon does that). */

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
}

export interface GraphQLClient {
  url: string;
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function graphqlClient(baseUrl: string, apiKey?: string): GraphQLClient {
  const url = `${baseUrl}/graphql`;
  return {
    url,
    async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new GraphQLRequestError(`HTTP ${response.status}: ${text.slice(0, 300)}`);
      }
      if (body.errors?.length || !body.data) {
        throw new GraphQLRequestError(
          `GraphQL errors: ${JSON.stringify(body.errors ?? body).slice(0, 500)} (query: ${query.slice(0, 120)})`,
        );
      }
      return body.data;
    },
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight, keeping order in the result. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Splits into chunks of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

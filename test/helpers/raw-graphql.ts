/**
 * GraphQL over plain fetch with the response's status and headers, for tests that check cookies,
 * status codes and error extensions of ad-hoc documents (typed documents go through
 * `server.request` and test/gql).
 */

// biome-ignore lint/suspicious/noExplicitAny: ad-hoc documents, read loosely and checked by assertions.
export type Loose = Record<string, any>;

export interface RawResult {
  status: number;
  headers: Headers;
  data?: Loose | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function rawGraphQL(
  url: string,
  query: string,
  variables: Loose = {},
  headers: Record<string, string> = {},
): Promise<RawResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<RawResult, 'status' | 'headers'>;
  return { ...body, status: response.status, headers: response.headers };
}

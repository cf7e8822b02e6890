import { type Client, createClient } from 'graphql-ws/client';
import type { TypedDocumentString } from './gql/graphql.ts';

/**
 * The dashboard talks to the same GraphQL API as every other client, on its own origin: the
 * operator's cookie goes with each request (and with the WebSocket upgrade); no key is ever
 * in the page.
 */

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number; [key: string]: unknown };
}

/** A GraphQL error answer, with its stable code (UNAUTHENTICATED, FORBIDDEN, CONFLICT, …). */
export class ApiError extends Error {
  readonly code: string;
  readonly errors: GraphQLErrorShape[];
  constructor(errors: GraphQLErrorShape[]) {
    super(errors.map((error) => error.message).join(' ') || 'The request failed.');
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'UNKNOWN';
  }
}

/** Listeners told when the server says the operator is not (or no longer) signed in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export async function request<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError([{ message: 'Pennant cannot be reached. Check your connection and try again.' }]);
  }
  let body: { data?: Result | null; errors?: GraphQLErrorShape[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `Pennant answered ${response.status} without a GraphQL result.` }]);
  }
  if (body.errors?.length) {
    const error = new ApiError(body.errors);
    if (error.code === 'UNAUTHENTICATED') for (const listener of signedOutListeners) listener();
    throw error;
  }
  if (!body.data) throw new ApiError([{ message: 'Pennant answered without data.' }]);
  return body.data;
}

/** The message to show for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

let socketClient: Client | undefined;

/** One WebSocket for every subscription of the page, reconnecting with backoff. */
export function subscriptions(): Client {
  socketClient ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
  });
  return socketClient;
}

/** Closes the socket (at sign-out): the next subscription opens a new one with the new cookie. */
export function closeSubscriptions(): void {
  void socketClient?.dispose();
  socketClient = undefined;
}

export function subscribe<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  onData: (data: Result) => void,
  onError?: (error: unknown) => void,
): () => void {
  return subscriptions().subscribe<Result>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (message) => {
        if (message.data) onData(message.data);
        else if (message.errors) onError?.(new ApiError(message.errors as GraphQLErrorShape[]));
      },
      error: (error) => onError?.(error),
      complete: () => {},
    },
  );
}

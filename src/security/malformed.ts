import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Deeper than any real document (query depth is limited to far less): refused before parsing. */
export const maxDocumentNesting = 128;

/**
 * The deepest nesting of `{`, `[` and `(` in a GraphQL document, outside strings and comments.
 * graphql-js parses recursively, so a document of a few thousand nested brackets overflows the
 * stack before any token or depth limit sees it; this linear scan refuses it first.
 */
export function documentNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '#') {
      while (index < source.length && source[index] !== '\n' && source[index] !== '\r') index += 1;
    } else if (char === '"') {
      if (source.startsWith('"""', index)) {
        const end = source.indexOf('"""', index + 3);
        if (end === -1) return deepest;
        index = end + 2;
      } else {
        for (index += 1; index < source.length && source[index] !== '"'; index += 1) {
          if (source[index] === '\\') index += 1;
          if (source[index] === '\n') break;
        }
      }
    } else if (char === '{' || char === '[' || char === '(') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === '}' || char === ']' || char === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

function badRequest(message: string, Response: typeof globalThis.Response): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }), {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * Malformed input yoga would otherwise answer as an internal error: `variables` or
 * `extensions` in a GET query string that are not JSON objects, and documents nested so deeply
 * that parsing them would overflow the stack.
 */
export function useMalformedRequestGuards(graphqlEndpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== graphqlEndpoint) return;
      for (const name of ['variables', 'extensions']) {
        const raw = url.searchParams.get(name);
        if (raw === null || raw === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          endResponse(badRequest(`The ${name} parameter must be a JSON object.`, fetchAPI.Response));
          return;
        }
        if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
          endResponse(badRequest(`The ${name} parameter must be a JSON object.`, fetchAPI.Response));
          return;
        }
      }
    },
    onParse({ params }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      if (documentNesting(source) > maxDocumentNesting) {
        throw new GraphQLError(
          `Syntax Error: the document nests deeper than ${maxDocumentNesting} levels of brackets.`,
          { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } },
        );
      }
    },
  };
}

import { GraphQLError } from 'graphql';

/**
 * The last line of defence for secrets in text that leaves the process: log lines and error
 * messages. Structured logging already leaves headers and bodies out, and pino's redaction
 * catches known fields; this catches a secret that slipped into a message (a parser error
 * quoting a token, a driver error quoting a connection string).
 */

const secretPatterns: RegExp[] = [
  // API keys.
  /sk_(?:test|live)_[A-Za-z0-9_-]{8,}/g,
  // iron seals ("Fe26.2*…"), sealed sessions included.
  /Fe26\.2\*[^\s"'\\,;]+/g,
  // JWTs (access tokens): header.payload.signature, header and payload base64url JSON.
  /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // Credentials in URLs (postgresql://user:password@host).
  /(?<=[a-z][a-z0-9+.-]*:\/\/[^/\s:@"]*:)[^@\s"/]+(?=@)/gi,
];

const knownSecrets = new Set<string>();

/** Remembers a configured secret (cookie password, server secret) so it is never written out. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 8) knownSecrets.add(secret);
}

export const redactedMarker = '[redacted]';

/** The text with every recognisable secret replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (result.includes(secret)) result = result.split(secret).join(redactedMarker);
  }
  for (const pattern of secretPatterns) result = result.replace(pattern, redactedMarker);
  return result;
}

/**
 * A GraphQL error whose message quoted a secret (a syntax error next to a token, a variable of
 * the wrong type holding a key) rebuilt with the secret scrubbed; otherwise the same error.
 */
export function withoutSecrets(error: GraphQLError): GraphQLError {
  const message = redactSecrets(error.message);
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: error.extensions,
  });
}

/**
 * What the client and the providers report through `onError`: a stable `code` (the server's
 * `extensions.code`, or one of the client's own below) and whether the client stopped because of
 * it. Nothing of a credential is ever put in a message.
 */
export class PennantClientError extends Error {
  override readonly name = 'PennantClientError';
  /**
   * The server's code (`INVALID_GRANT`, `INVALID_SESSION`, `UNAUTHENTICATED`, `FORBIDDEN`, …),
   * or `CONNECTION_REFUSED` (the server closed the WebSocket with 4403: the credential does not
   * authenticate), `REFRESH_FAILED` (the application's `refresh` kept failing), `NETWORK`
   * (Pennant could not be reached; retried), `CLOSED` (`close()` was called first).
   */
  readonly code: string;
  /** True when the client stopped: it will not reconnect or refresh again. */
  readonly fatal: boolean;

  constructor(code: string, message: string, fatal: boolean) {
    super(message);
    this.code = code;
    this.fatal = fatal;
  }
}

/** Codes after which retrying cannot succeed: the credential or the session is over. */
const fatalCodes: ReadonlySet<string> = new Set([
  'INVALID_GRANT',
  'INVALID_SESSION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'CONNECTION_REFUSED',
]);

export function isFatalCode(code: string): boolean {
  return fatalCodes.has(code);
}

interface FormattedError {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

/** The 4403 close code of graphql-ws: the server refused the connection's credential. */
const forbiddenCloseCode = 4403;

/**
 * Turns what graphql-ws or fetch rejects with (a list of GraphQL errors, a close event, an
 * error event, a TypeError) into a PennantClientError.
 */
export function clientErrorOf(error: unknown): PennantClientError {
  if (error instanceof PennantClientError) return error;
  if (Array.isArray(error)) {
    const first = error[0] as FormattedError | undefined;
    const code =
      typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    const message = typeof first?.message === 'string' ? first.message : 'The operation failed.';
    return new PennantClientError(code, message, isFatalCode(code));
  }
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : '';
    if (error.code === forbiddenCloseCode) {
      return new PennantClientError(
        'CONNECTION_REFUSED',
        `Pennant refused the connection's credential${reason ? `: ${reason}` : '.'}`,
        true,
      );
    }
    return new PennantClientError(
      'NETWORK',
      `The connection closed (${error.code}${reason ? ` ${reason}` : ''}).`,
      false,
    );
  }
  return new PennantClientError('NETWORK', 'Pennant could not be reached.', false);
}

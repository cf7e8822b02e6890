/**
 * Errors a client may see. Each has a stable `code`, exposed as GraphQL `extensions.code` and in
 * REST error bodies. Anything thrown that is not a PennantError is masked as an internal error.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INVALID_SESSION'
  | 'INVALID_GRANT'
  | 'RATE_LIMITED';

export class PennantError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PennantError';
    this.code = code;
    this.details = details;
  }
}

export class BadUserInputError extends PennantError {
  constructor(field: string, message: string) {
    super('BAD_USER_INPUT', message, { field });
  }
}

export class NotFoundError extends PennantError {
  constructor(what: string, key: string) {
    super('NOT_FOUND', `${what} ${JSON.stringify(key)} was not found.`);
  }
}

export class ConflictError extends PennantError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class UnauthenticatedError extends PennantError {
  constructor(message = 'A valid API key is required: send "Authorization: Bearer sk_…".') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends PennantError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

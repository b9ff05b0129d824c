/** One field-level problem of a request (RFC 9457 extension member `errors[]`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface WardenErrorInit {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

/**
 * Base of every typed error that crosses an HTTP boundary. `code` is stable and documented: clients
 * branch on it, so it is never renamed. Rendered as application/problem+json by the one exception filter.
 */
export class WardenError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly FieldError[];

  constructor(init: WardenErrorInit) {
    super(init.detail ?? init.title);
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? init.title;
    if (init.errors !== undefined) this.errors = init.errors;
  }
}

export class NotFoundError extends WardenError {
  constructor(detail = 'The resource does not exist.', code = 'not_found') {
    super({ code, status: 404, title: 'Not Found', detail });
  }
}

export class ConflictError extends WardenError {
  constructor(detail = 'The request conflicts with the current state.', code = 'conflict') {
    super({ code, status: 409, title: 'Conflict', detail });
  }
}

export class PreconditionFailedError extends WardenError {
  constructor(
    detail = 'The version given in If-Match is not the current one.',
    code = 'precondition_failed',
  ) {
    super({ code, status: 412, title: 'Precondition Failed', detail });
  }
}

export class ValidationFailedError extends WardenError {
  constructor(errors: readonly FieldError[], detail = 'The request is invalid.', code = 'validation_failed') {
    super({ code, status: 400, title: 'Bad Request', detail, errors });
  }
}

export class UnauthenticatedError extends WardenError {
  constructor(detail = 'Authentication is required.', code = 'unauthenticated') {
    super({ code, status: 401, title: 'Unauthorized', detail });
  }
}

export class ForbiddenError extends WardenError {
  constructor(detail = 'The caller may not do this.', code = 'forbidden') {
    super({ code, status: 403, title: 'Forbidden', detail });
  }
}

export class PayloadTooLargeError extends WardenError {
  constructor(detail = 'The request body is too large.', code = 'payload_too_large') {
    super({ code, status: 413, title: 'Payload Too Large', detail });
  }
}

export class RateLimitedError extends WardenError {
  constructor(
    detail = 'Too many requests.',
    readonly retryAfterSeconds?: number,
    code = 'rate_limited',
  ) {
    super({ code, status: 429, title: 'Too Many Requests', detail });
  }
}

import { ERROR_STATUS, type ErrorCode, type ValidationIssue } from '@holiday-peak-hub/contract';

/**
 * The one error class hierarchy of the API. Services throw these; the pipeline (`errorResponse`)
 * turns them into the envelope. Anything else that escapes becomes a bare 500.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.headers = headers;
  }
}

export class InvalidRequestError extends AppError {
  constructor(message: string, issues: readonly ValidationIssue[]) {
    super('INVALID_REQUEST', message, { issues });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid bearer token is required') {
    super('UNAUTHORIZED', message, {}, { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not call this operation', details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super('RESOURCE_NOT_FOUND', `${what} not found`, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(
    message = 'The resource changed since you read it: read it again and retry with its new ETag',
    details: Record<string, unknown> = {},
  ) {
    super('PRECONDITION_FAILED', message, details);
  }
}

export class UnprocessableError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNPROCESSABLE_ENTITY', message, details);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The service is temporarily unavailable', details: Record<string, unknown> = {}) {
    super('SERVICE_UNAVAILABLE', message, details, { 'Retry-After': '5' });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests: try again later') {
    super(
      'RATE_LIMIT_EXCEEDED',
      message,
      { retry_after_seconds: retryAfterSeconds },
      {
        'Retry-After': String(retryAfterSeconds),
      },
    );
  }
}

/** A variant short of the units an order wants (409): nothing was reserved. */
export class InsufficientStockError extends AppError {
  constructor(details: { product_id: string; variant_id: string; requested: number; available: number }) {
    super('INSUFFICIENT_STOCK', `Only ${details.available} of ${details.requested} units are in stock`, details);
  }
}

/** An order that can no longer be cancelled (it has left the warehouse): 409 with its status. */
export class OrderNotCancellableError extends AppError {
  constructor(status: string) {
    super('ORDER_NOT_CANCELLABLE', `An order in status ${status} can no longer be cancelled`, { status });
  }
}

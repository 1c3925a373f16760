import { ERROR_STATUS, type ErrorCode, type ErrorEnvelope, type ValidationIssue } from '@holiday-peak-hub/contract';
import type { MockCookie } from './respond.ts';

/** An API error the mock answers with the contract's envelope and the status of its code. */
export class MockHttpError extends Error {
  override readonly name = 'MockHttpError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** Cookies the error response sets (a refused cookie refresh clears the session cookies). */
  readonly cookies: readonly MockCookie[];

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    cookies: readonly MockCookie[] = [],
  ) {
    super(message);
    this.code = code;
    this.details = details;
    this.cookies = cookies;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  envelope(requestId: string, now: Date): ErrorEnvelope {
    return {
      error: {
        code: this.code,
        message: this.message,
        details: this.details,
        timestamp: now.toISOString(),
        request_id: requestId,
      },
    };
  }
}

export function invalidRequest(
  issues: readonly ValidationIssue[],
  message = 'The request is not valid: see details.issues',
) {
  return new MockHttpError('INVALID_REQUEST', message, { issues: issues.slice(0, 50) });
}

export function notFound(what: string, details: Record<string, unknown>): MockHttpError {
  return new MockHttpError('RESOURCE_NOT_FOUND', `${what} not found`, details);
}

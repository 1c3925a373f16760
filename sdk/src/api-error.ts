import { codeForStatus } from './error-status.js';
import type { ErrorBody, ErrorCode, ErrorEnvelope } from './gen/types.gen.js';

/**
 * Every failed call of a client from `createHolidayPeakClient` rejects (or returns `error`) with this.
 * It is also an `ErrorEnvelope` (`err.error` is the body), so the generated error types stay true.
 */
export class HolidayPeakApiError extends Error implements ErrorEnvelope {
  override readonly name = 'HolidayPeakApiError';
  /** The envelope body: the server's own, or one built by the SDK when `fromEnvelope` is false. */
  readonly error: ErrorBody;
  /** HTTP status; 0 when no response arrived (network failure, CORS, DNS). */
  readonly status: number;
  /** `false` when the failure did not carry the API's envelope (proxy page, network error, bad JSON). */
  readonly fromEnvelope: boolean;
  readonly response: Response | undefined;

  constructor(init: { body: ErrorBody; status: number; fromEnvelope: boolean; response?: Response; cause?: unknown }) {
    super(init.body.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.error = init.body;
    this.status = init.status;
    this.fromEnvelope = init.fromEnvelope;
    this.response = init.response;
  }

  get code(): ErrorCode {
    return this.error.code;
  }

  /** The request id to quote in a support ticket (`X-Request-ID`), when one is known. */
  get requestId(): string | undefined {
    return this.error.request_id || undefined;
  }

  get details(): Record<string, unknown> {
    return this.error.details;
  }
}

export function isHolidayPeakApiError(value: unknown): value is HolidayPeakApiError {
  return value instanceof HolidayPeakApiError;
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const body = value.error;
  return typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string';
}

/** Aborts are the caller's own decision: they pass through untouched (`err.name === 'AbortError'`). */
function isAbort(value: unknown): boolean {
  return value instanceof Error && (value.name === 'AbortError' || value.name === 'TimeoutError');
}

/** Turns what the generated client caught (parsed body, text, or a thrown error) into a `HolidayPeakApiError`. */
export function toApiError(caught: unknown, response: Response | undefined): unknown {
  if (caught instanceof HolidayPeakApiError || isAbort(caught)) return caught;
  const status = response?.status ?? 0;
  if (response && !response.ok && isEnvelope(caught)) {
    return new HolidayPeakApiError({ body: caught.error, status, fromEnvelope: true, response });
  }
  const code = codeForStatus(status);
  const message = response
    ? `HTTP ${status} from ${response.url || 'the API'} without an error envelope`
    : `No response from the API: ${caught instanceof Error ? caught.message : String(caught)}`;
  const body: ErrorBody = {
    code,
    message,
    details: typeof caught === 'string' && caught !== '' ? { body: caught.slice(0, 500) } : {},
    timestamp: new Date().toISOString(),
    request_id: response?.headers.get('x-request-id') ?? '',
  };
  return new HolidayPeakApiError({ body, status, fromEnvelope: false, response, cause: caught });
}

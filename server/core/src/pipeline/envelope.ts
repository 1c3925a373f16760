import type { ErrorCode, ErrorEnvelope } from '@holiday-peak-hub/contract';

/** The one error envelope of the API (the design document's Appendix D). Built here only. */
export function errorEnvelope(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown>,
  requestId: string,
  now: Date = new Date(),
): ErrorEnvelope {
  return { error: { code, message, details, timestamp: now.toISOString(), request_id: requestId } };
}

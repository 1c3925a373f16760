import type { ErrorCode, ErrorEnvelope } from '@holiday-peak-hub/contract';

export function errorEnvelope(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown>,
  requestId: string,
  now: Date = new Date(),
): ErrorEnvelope {
  return { error: { code, message, details, timestamp: now.toISOString(), request_id: requestId } };
}

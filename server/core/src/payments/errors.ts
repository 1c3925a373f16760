import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../pipeline/errors.ts';

/**
 * The payment provider itself failed (network, its 5xx, a timeout, an outage): 503 with
 * `Retry-After`, so a caller retries; nothing about the payment is known from it.
 */
export class PaymentProviderUnavailableError extends AppError {
  constructor(
    message = 'The payment provider is unavailable: try again shortly',
    details: Record<string, unknown> = {},
  ) {
    super('SERVICE_UNAVAILABLE', message, details, { 'Retry-After': '5' });
  }
}

/** A webhook whose `Stripe-Signature` does not match its raw body (or is too old): 400. */
export class WebhookSignatureError extends AppError {
  constructor(message = 'The webhook signature is invalid') {
    super('WEBHOOK_SIGNATURE_INVALID', message);
  }
}

/** A card the issuer refused (402), for operations that answer a decline as an error. */
export class PaymentDeclinedError extends AppError {
  constructor(lastError: { code: string; decline_code: string | null; message: string }) {
    super('PAYMENT_DECLINED', lastError.message, { decline_code: lastError.decline_code, code: lastError.code });
  }
}

/** An intent id the provider does not know (404). */
export class PaymentIntentNotFoundError extends NotFoundError {
  constructor(intentId: string) {
    super('Payment intent', { intent_id: intentId });
  }
}

/** The intent's status does not allow the step (capturing an unauthorized intent, canceling a captured one): 409. */
export class PaymentIntentStateError extends ConflictError {
  constructor(intentId: string, status: string, action: string) {
    super(`A payment intent in status ${status} cannot be ${action}`, { intent_id: intentId, status });
  }
}

/** A PaymentMethod the provider does not know, or an amount it refuses (a refund beyond the captured amount): 422. */
export class PaymentRequestRefusedError extends UnprocessableError {}

/** An idempotency key reused with other parameters (another amount for the same order): 422. */
export class PaymentIdempotencyError extends AppError {
  constructor(message = 'This idempotency key was used with other parameters') {
    super('IDEMPOTENCY_KEY_REUSED', message);
  }
}

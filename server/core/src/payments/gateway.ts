import type { PaymentIntentView } from '@holiday-peak-hub/contract';

/**
 * The payment gateway as orders use it: one manual-capture PaymentIntent per order (authorized at
 * confirmation, captured by the order saga), refunds, and the provider's signed webhooks. Shapes
 * follow Stripe's PaymentIntent, as the production adapter is Stripe; amounts are minor units.
 */

/** Stripe's PaymentIntent statuses, as the contract shows them. `requires_capture` is an authorization; `succeeded` a capture. */
export type IntentStatus = PaymentIntentView['status'];

export interface PaymentIntentState {
  id: string;
  status: IntentStatus;
  /** Minor units. */
  amount: number;
  /** Lower-case ISO 4217, as Stripe writes it (`usd`). */
  currency: string;
  amount_capturable: number;
  amount_received: number;
  /** For the browser (Stripe.js); never logged. */
  client_secret: string;
  /** Why the last confirmation failed (a decline); null after a success. */
  last_error: PaymentIntentView['last_error'];
  /** What the customer must do (3-D Secure: `use_stripe_sdk`, or a redirect). */
  next_action: PaymentIntentView['next_action'];
  /**
   * The card the last confirm attached (Stripe's `payment_method.card`, or on a decline the failed
   * attempt's); null before any confirm, and from a provider answer that did not expand it (webhooks).
   */
  card: { brand: string; last4: string } | null;
  metadata: Record<string, string>;
}

export interface CreateIntentInput {
  amount: number;
  currency: string;
  orderId: string;
  /** Where the provider sends its receipt; null for an order whose buyer was erased. */
  email: string | null;
  /** The same key answers the same intent (the order's id). */
  idempotencyKey: string;
}

export interface RefundState {
  id: string;
  amount: number;
  status: 'succeeded' | 'pending' | 'failed';
}

export interface PaymentGateway {
  /** Manual-capture intent; the same idempotencyKey answers the same intent. */
  createIntent(input: CreateIntentInput): Promise<PaymentIntentState>;
  /** Undefined for an intent the provider does not know. */
  retrieve(intentId: string): Promise<PaymentIntentState | undefined>;
  /** A decline answers the state (`requires_payment_method` + `last_error`), not an exception. */
  confirm(intentId: string, paymentMethod: string): Promise<PaymentIntentState>;
  /** Idempotent: an intent already captured answers its state. */
  capture(intentId: string): Promise<PaymentIntentState>;
  /** Idempotent: an intent already canceled answers its state; a captured one cannot be. */
  cancel(intentId: string): Promise<PaymentIntentState>;
  /** At most what was captured less what was refunded; the same key answers the same refund. */
  refund(intentId: string, amount: number, idempotencyKey: string): Promise<RefundState>;
  /** Verifies a webhook (raw body + signature header); throws WebhookSignatureError when invalid. */
  parseWebhook(rawBody: string, signature: string): Promise<PaymentWebhookEvent>;
}

/** A verified provider event; `intent` is the PaymentIntent of `payment_intent.*` events, else null. */
export interface PaymentWebhookEvent {
  id: string;
  type: string;
  intent: PaymentIntentState | null;
}

import { HolidayPeakApiError, isHolidayPeakApiError } from './api-error.js';
import type { Client } from './gen/client/index.js';
import { confirmPayment, getOrder, placeOrder } from './gen/sdk.gen.js';
import type { Order, OrderPlace, PaymentIntentView } from './gen/types.gen.js';
import { createIdempotencyKey, IDEMPOTENCY_HEADER } from './idempotency.js';

/** What a browser confirmation resolves to: Stripe.js's `{ error }` when the card was refused, anything else if not. */
export type BrowserConfirmation = { error?: { code?: string; decline_code?: string | null; message?: string } } | void;

export interface PlaceOrderAndPayOptions {
  client: Client;
  body: OrderPlace;
  /**
   * The key of this checkout attempt (default: a new one). Keep it to try the same "Place order" click again after a
   * failure: the API answers the order it already placed instead of placing another.
   */
  idempotencyKey?: string;
  /**
   * Browsers: confirms the payment with Stripe.js, e.g.
   * `(payment) => stripe.confirmCardPayment(payment.client_secret, { payment_method: { card } })`. Also called after a
   * server confirmation that needs 3-D Secure (`payment.status === 'requires_action'`), e.g. with
   * `stripe.handleNextAction({ clientSecret })`.
   */
  confirm?: (payment: PaymentIntentView, order: Order) => Promise<BrowserConfirmation>;
  /** Server confirmation instead (`confirmPayment`) with a Stripe PaymentMethod id, e.g. `pm_card_visa` in test mode. */
  paymentMethod?: string;
  /** How long to wait for the order to leave `pending_payment` (default 30 s, asking every 2 s; a 429 waits its `Retry-After`). */
  waitFor?: { timeoutMs?: number; intervalMs?: number };
  signal?: AbortSignal;
}

export interface CheckoutResult {
  /** The order as last read: `pending_payment` still when the wait timed out (the payment may yet be recorded). */
  order: Order;
  /** The payment as placed, or as the server confirmation answered it. */
  payment: PaymentIntentView;
  /** The key the order was placed with. */
  idempotencyKey: string;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Stripe.js reports a refused card as a result, not an exception: the same error the API's 402 would be. */
function declined(error: NonNullable<Exclude<BrowserConfirmation, void>['error']>, order: Order): HolidayPeakApiError {
  return new HolidayPeakApiError({
    body: {
      code: 'PAYMENT_DECLINED',
      message: error.message ?? 'The card was declined',
      details: { order_id: order.id, code: error.code ?? null, decline_code: error.decline_code ?? null },
      timestamp: new Date().toISOString(),
      request_id: '',
    },
    status: 402,
    fromEnvelope: false,
  });
}

/** An order whose payment needs nothing more from the customer (authorized, or further). */
function alreadyPaid(order: Order): boolean {
  return order.status !== 'pending_payment' || order.payment.status === 'authorized';
}

/**
 * Places the order (one `Idempotency-Key` for the attempt, re-sent by every retry), confirms its payment (your Stripe.js
 * `confirm`, or `confirmPayment` with `paymentMethod`), then reads the order until it leaves `pending_payment` or
 * `waitFor.timeoutMs` passed. Failures reject with `HolidayPeakApiError`: a refused card is `PAYMENT_DECLINED` (the
 * order waits for another card: call again with the same `idempotencyKey` and another card).
 */
export async function placeOrderAndPay(options: PlaceOrderAndPayOptions): Promise<CheckoutResult> {
  const { client, body, confirm, paymentMethod, signal } = options;
  if (!confirm && paymentMethod === undefined) {
    throw new TypeError('placeOrderAndPay: pass `confirm` (Stripe.js) or `paymentMethod`');
  }
  const idempotencyKey = options.idempotencyKey ?? createIdempotencyKey();
  const placed = await placeOrder({
    client,
    body,
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
    throwOnError: true,
    ...(signal && { signal }),
  });
  let { order, payment } = placed.data;
  // The order's owner reads it with the session that placed it (bearer token or cookies); no email needed.
  const read = async () => {
    const found = await getOrder({ client, path: { id: order.id }, throwOnError: true, ...(signal && { signal }) });
    return found.data;
  };
  // A replayed placement answers the order as it was placed: it may have been paid since.
  if (placed.response.headers.get('idempotent-replayed') === 'true') order = await read();

  if (!alreadyPaid(order)) {
    if (paymentMethod !== undefined) {
      const confirmed = await confirmPayment({
        client,
        body: { order_id: order.id, payment_method: paymentMethod },
        throwOnError: true,
        ...(signal && { signal }),
      });
      payment = confirmed.data;
    }
    if (confirm && (paymentMethod === undefined || payment.status === 'requires_action')) {
      const outcome = await confirm(payment, order);
      if (outcome?.error) throw declined(outcome.error, order);
    }
  }

  const { timeoutMs = 30_000, intervalMs = 2000 } = options.waitFor ?? {};
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let wait = intervalMs;
    try {
      order = await read();
    } catch (err) {
      // Order reads are rate limited per IP: a 429 waits its Retry-After, then reads again.
      if (!isHolidayPeakApiError(err) || err.status !== 429) throw err;
      wait = Math.max(intervalMs, Number(err.response?.headers.get('retry-after') ?? 1) * 1000 || intervalMs);
    }
    if (order.status !== 'pending_payment' || Date.now() + wait > deadline) break;
    await sleep(wait, signal);
  }
  return { order, payment, idempotencyKey };
}

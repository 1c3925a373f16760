import {
  intentStateOf,
  PaymentIdempotencyError,
  PaymentIntentNotFoundError,
  PaymentIntentStateError,
  PaymentProviderUnavailableError,
  PaymentRequestRefusedError,
  WebhookSignatureError,
  webhookEventOf,
  type PaymentGateway,
  type PaymentIntentState,
  type RefundState,
} from '@holiday-peak-hub/core';
import Stripe from 'stripe';
import { createStripeClient, type StripeClientOptions } from '../platform/payments/stripe-client.ts';

export interface StripeGatewayOptions extends StripeClientOptions {
  /** The webhook endpoint's signing secret, `whsec_…` (STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** Client settings over ours and the base's (a fake's host, port and protocol in tests; a shorter timeout). */
  stripeOptions?: Stripe.StripeConfig;
  /** When a webhook is received, for its five-minute tolerance; the system clock by default. */
  clock?: () => Date;
}

const { errors } = Stripe;

/**
 * What a Stripe failure means for the port: its outages (network, timeouts, 5xx, rate limits) are
 * PaymentProviderUnavailableError; its refusals become the core's payment errors. Authentication
 * and permission failures are our configuration's, and stay a 500.
 */
function portError(err: unknown, intentId?: string): unknown {
  if (!(err instanceof errors.StripeError)) return err;
  if (
    err instanceof errors.StripeConnectionError ||
    err instanceof errors.StripeAPIError ||
    err instanceof errors.StripeRateLimitError ||
    (err.statusCode ?? 0) >= 500
  ) {
    return new PaymentProviderUnavailableError(undefined, { provider_request_id: err.requestId ?? null });
  }
  if (err instanceof errors.StripeIdempotencyError) return new PaymentIdempotencyError(err.message);
  if (err instanceof errors.StripeInvalidRequestError) {
    if (err.code === 'resource_missing' && intentId !== undefined && err.param !== 'payment_method') {
      return new PaymentIntentNotFoundError(intentId);
    }
    if (err.code === 'payment_intent_unexpected_state') {
      return new PaymentIntentStateError(
        intentId ?? err.payment_intent?.id ?? '',
        err.payment_intent?.status ?? 'unknown',
        'changed so',
      );
    }
    return new PaymentRequestRefusedError(err.message, { provider_code: err.code ?? null, param: err.param ?? null });
  }
  return err;
}

async function call<T>(request: () => Promise<T>, intentId?: string): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw portError(err, intentId);
  }
}

/** Every intent answered whole with its PaymentMethod, for the card (Stripe writes only its id otherwise). */
const expand = { expand: ['payment_method'] };

const refundStatus = (status: string | null): RefundState['status'] =>
  status === 'succeeded' ? 'succeeded' : status === 'failed' || status === 'canceled' ? 'failed' : 'pending';

/**
 * The payment gateway on Stripe: manual-capture PaymentIntents for cards, confirmed server-side
 * (or by Stripe.js with the client secret), captured by the order saga. Writes carry idempotency
 * keys (ours for intents and refunds; the client's own for its retries), so a retry never pays twice.
 */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = createStripeClient(options, options.stripeOptions);
  const clock = options.clock ?? (() => new Date());

  /** A step that is already done answers the intent (capture, cancel are idempotent for the port). */
  async function settled(
    intentId: string,
    done: PaymentIntentState['status'],
    step: () => Promise<Stripe.PaymentIntent>,
  ) {
    try {
      return intentStateOf(await call(step, intentId));
    } catch (err) {
      if (!(err instanceof PaymentIntentStateError)) throw err;
      const current = intentStateOf(await call(() => stripe.paymentIntents.retrieve(intentId, expand), intentId));
      if (current.status === done) return current;
      throw new PaymentIntentStateError(intentId, current.status, done === 'succeeded' ? 'captured' : 'canceled');
    }
  }

  return {
    async createIntent(input) {
      const intent = await call(() =>
        stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            capture_method: 'manual',
            allowed_payment_method_types: ['card'],
            metadata: { order_id: input.orderId },
            ...(input.email === null ? {} : { receipt_email: input.email }),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return intentStateOf(intent);
    },

    async retrieve(intentId) {
      try {
        return intentStateOf(await call(() => stripe.paymentIntents.retrieve(intentId, expand), intentId));
      } catch (err) {
        if (err instanceof PaymentIntentNotFoundError) return undefined;
        throw err;
      }
    },

    async confirm(intentId, paymentMethod) {
      try {
        return intentStateOf(
          await stripe.paymentIntents.confirm(intentId, { payment_method: paymentMethod, ...expand }),
        );
      } catch (err) {
        // A decline is the intent's state (requires_payment_method + last_payment_error), not a failure.
        if (err instanceof errors.StripeCardError) {
          if (err.payment_intent) return intentStateOf(err.payment_intent);
          return intentStateOf(await call(() => stripe.paymentIntents.retrieve(intentId, expand), intentId));
        }
        if (err instanceof errors.StripeInvalidRequestError && err.code === 'payment_intent_unexpected_state') {
          throw new PaymentIntentStateError(intentId, err.payment_intent?.status ?? 'unknown', 'confirmed');
        }
        throw portError(err, intentId);
      }
    },

    capture: (intentId) => settled(intentId, 'succeeded', () => stripe.paymentIntents.capture(intentId, expand)),

    cancel: (intentId) => settled(intentId, 'canceled', () => stripe.paymentIntents.cancel(intentId, expand)),

    async refund(intentId, amount, idempotencyKey) {
      const refund = await call(
        () => stripe.refunds.create({ payment_intent: intentId, amount }, { idempotencyKey }),
        intentId,
      );
      return { id: refund.id, amount: refund.amount, status: refundStatus(refund.status) };
    },

    async parseWebhook(rawBody, signature) {
      let event: Stripe.Event;
      try {
        const receivedAt = clock().getTime(); // milliseconds, as the client reads it
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          signature,
          options.webhookSecret,
          undefined,
          undefined,
          receivedAt,
        );
      } catch (err) {
        if (err instanceof errors.StripeSignatureVerificationError) throw new WebhookSignatureError(err.message);
        if (err instanceof SyntaxError) throw new WebhookSignatureError('The webhook body is not a Stripe event');
        throw err;
      }
      return webhookEventOf(event);
    },
  };
}

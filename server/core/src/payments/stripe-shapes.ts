import type { IntentStatus, PaymentIntentState, PaymentWebhookEvent } from './gateway.ts';

/** A PaymentMethod as Stripe writes it expanded (of which the card is read). */
export interface StripePaymentMethodObject {
  id: string;
  object?: 'payment_method';
  type?: string;
  card?: { brand: string; last4: string } | null;
}

/**
 * The fields of Stripe's PaymentIntent object the gateway reads, as its API (and its webhooks)
 * write them. One mapping for the Stripe adapter, the in-process gateway's webhooks and the fake.
 */
export interface StripeIntentObject {
  id: string;
  object: 'payment_intent';
  /** One of IntentStatus; a status newer than this code reads as `processing` (in flight, not final). */
  status: string;
  amount: number;
  currency: string;
  amount_capturable: number;
  amount_received: number;
  client_secret: string | null;
  capture_method?: string;
  created?: number;
  /** Its id, or the PaymentMethod itself when the request asked for `expand[]=payment_method`; null on a decline. */
  payment_method?: string | StripePaymentMethodObject | null;
  last_payment_error?: {
    code?: string | null;
    decline_code?: string | null;
    message?: string | null;
    /** The failed attempt's PaymentMethod (Stripe always writes it whole here). */
    payment_method?: StripePaymentMethodObject | null;
  } | null;
  next_action?: { type: string; redirect_to_url?: { url?: string | null } | null } | null;
  metadata?: Record<string, string> | null;
}

const STATUSES: readonly string[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
] satisfies IntentStatus[];

const statusOf = (status: string): IntentStatus =>
  STATUSES.includes(status) ? (status as IntentStatus) : 'processing';

/** The card of a PaymentMethod written whole; null for an id (not expanded) or another kind of method. */
const cardOf = (method: string | StripePaymentMethodObject | null | undefined): PaymentIntentState['card'] =>
  typeof method === 'object' && method?.card ? { brand: method.card.brand, last4: method.card.last4 } : null;

/** A Stripe PaymentIntent as the port's state. */
export function intentStateOf(intent: StripeIntentObject): PaymentIntentState {
  const error = intent.last_payment_error;
  return {
    id: intent.id,
    status: statusOf(intent.status),
    amount: intent.amount,
    currency: intent.currency,
    amount_capturable: intent.amount_capturable,
    amount_received: intent.amount_received,
    client_secret: intent.client_secret ?? '',
    last_error: error
      ? { code: error.code ?? 'unknown', decline_code: error.decline_code ?? null, message: error.message ?? '' }
      : null,
    next_action: intent.next_action
      ? { type: intent.next_action.type, redirect_url: intent.next_action.redirect_to_url?.url ?? null }
      : null,
    card: cardOf(intent.payment_method) ?? cardOf(error?.payment_method),
    metadata: { ...(intent.metadata ?? {}) },
  };
}

/** How to write an intent's PaymentMethod: its id (none before a confirm), and whether the request expanded it. */
export interface PaymentMethodRendering {
  id: string | null;
  expand: boolean;
}

/**
 * The port's state as Stripe writes the PaymentIntent (webhook bodies, the fake's answers). As at
 * Stripe, a declined attempt's PaymentMethod is written whole in `last_payment_error`, and the
 * intent's own `payment_method` is then null; otherwise it is the id unless the request expanded it.
 */
export function stripeIntentObject(
  state: PaymentIntentState,
  created: number,
  paymentMethod: PaymentMethodRendering = { id: null, expand: false },
): StripeIntentObject {
  const method =
    state.card && paymentMethod.id !== null
      ? { id: paymentMethod.id, object: 'payment_method' as const, type: 'card', card: { ...state.card } }
      : null;
  return {
    id: state.id,
    object: 'payment_intent',
    status: state.status,
    amount: state.amount,
    currency: state.currency,
    amount_capturable: state.amount_capturable,
    amount_received: state.amount_received,
    client_secret: state.client_secret,
    capture_method: 'manual',
    created,
    payment_method: state.last_error || !method ? null : paymentMethod.expand ? method : method.id,
    last_payment_error: state.last_error ? { ...state.last_error, payment_method: method } : null,
    next_action: state.next_action
      ? state.next_action.redirect_url === null
        ? { type: state.next_action.type }
        : { type: state.next_action.type, redirect_to_url: { url: state.next_action.redirect_url } }
      : null,
    metadata: { ...state.metadata },
  };
}

/** A Stripe event (already verified) as the port's event: the intent of `payment_intent.*` events. */
export function webhookEventOf(event: { id: string; type: string; data?: { object?: unknown } }): PaymentWebhookEvent {
  const object = event.data?.object as { object?: unknown } | undefined;
  const isIntent = event.type.startsWith('payment_intent.') && object?.object === 'payment_intent';
  return { id: event.id, type: event.type, intent: isIntent ? intentStateOf(object as StripeIntentObject) : null };
}

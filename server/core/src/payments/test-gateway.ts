import { stripeTestPaymentOutcome } from '@holiday-peak-hub/contract/fixtures';
import { MemoryTables } from '../platform/memory-tables.ts';
import { randomToken } from '../platform/random.ts';
import {
  PaymentIdempotencyError,
  PaymentIntentNotFoundError,
  PaymentIntentStateError,
  PaymentRequestRefusedError,
  WebhookSignatureError,
} from './errors.ts';
import type {
  CreateIntentInput,
  PaymentGateway,
  PaymentIntentState,
  PaymentWebhookEvent,
  RefundState,
} from './gateway.ts';
import { stripeIntentObject, webhookEventOf } from './stripe-shapes.ts';
import { ProviderScenario, type TestGatewayScenario } from './test-gateway-scenario.ts';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.ts';

/** An event as Stripe sends it to a webhook (what `signedWebhook` signs). */
export interface TestGatewayEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  livemode: false;
  data: { object: Record<string, unknown> };
}

export interface TestPaymentGateway extends PaymentGateway {
  /** The secret its webhooks are signed with (`whsec_…`). */
  readonly webhookSecret: string;
  /** The customer's 3-D Secure answer for an intent in `requires_action`: authorized, or a failure. */
  authenticate(intentId: string, outcome: 'succeed' | 'fail'): Promise<PaymentIntentState>;
  /** The events its changes raised, oldest first (one per change, as Stripe sends them). */
  events(): readonly TestGatewayEvent[];
  /** An event's body and `Stripe-Signature` header, signed now, for posting to a webhook. */
  signedWebhook(event: TestGatewayEvent): Promise<{ body: string; signature: string }>;
  readonly scenario: TestGatewayScenario;
}

export interface TestPaymentGatewayOptions {
  clock: () => Date;
  /** Default: a random `whsec_…`. */
  webhookSecret?: string;
  /**
   * Where its intents, keys and events are kept (tables `payments.*`). The mocks pass their store's,
   * so a reset or a state restored after a reload keeps the orders and their payments together.
   */
  tables?: MemoryTables;
}

interface IntentRecord {
  state: PaymentIntentState;
  created: number;
  refunded: number;
  /** The id of the PaymentMethod the last confirm attached (a card number gets one, as Stripe.js would make). */
  paymentMethod: string | null;
}

const copy = (state: PaymentIntentState): PaymentIntentState => structuredClone(state);

/**
 * Stripe's test mode in process, with manual capture: the embedded default's gateway and the mocks'.
 * Each call settles in one synchronous step after its (optional) delay, so parallel calls see one
 * another's changes as Stripe's serialized writes do: one capture, one intent per key, refunds
 * never beyond the captured amount. Test cards and their outcomes are the contract's fixture.
 */
class InProcessTestGateway implements TestPaymentGateway {
  readonly webhookSecret: string;
  readonly #clock: () => Date;
  readonly #intents: Map<string, IntentRecord>;
  readonly #intentKeys: Map<string, { fingerprint: string; id: string }>;
  readonly #refundKeys: Map<string, { fingerprint: string; refund: RefundState }>;
  readonly #events: Map<string, TestGatewayEvent>;

  constructor(options: TestPaymentGatewayOptions) {
    this.#clock = options.clock;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomToken(32)}`;
    const tables = options.tables ?? new MemoryTables();
    this.#intents = tables.table('payments.intents');
    this.#intentKeys = tables.table('payments.intent-keys');
    this.#refundKeys = tables.table('payments.refund-keys');
    this.#events = tables.table('payments.events');
  }

  readonly scenario = new ProviderScenario();

  async createIntent(input: CreateIntentInput): Promise<PaymentIntentState> {
    await this.#network();
    const currency = input.currency.toLowerCase();
    const fingerprint = JSON.stringify([input.amount, currency, input.orderId, input.email]);
    const known = this.#intentKeys.get(input.idempotencyKey);
    if (known) {
      if (known.fingerprint !== fingerprint) throw new PaymentIdempotencyError();
      return copy(this.#record(known.id).state);
    }
    if (!Number.isInteger(input.amount) || input.amount < 1) {
      throw new PaymentRequestRefusedError('The amount must be a positive integer of minor units', {
        amount: input.amount,
      });
    }
    const id = `pi_${randomToken(24)}`;
    const state: PaymentIntentState = {
      id,
      status: 'requires_payment_method',
      amount: input.amount,
      currency,
      amount_capturable: 0,
      amount_received: 0,
      client_secret: `${id}_secret_${randomToken(25)}`,
      last_error: null,
      next_action: null,
      card: null,
      metadata: { order_id: input.orderId },
    };
    this.#intents.set(id, { state, created: this.#seconds(), refunded: 0, paymentMethod: null });
    this.#intentKeys.set(input.idempotencyKey, { fingerprint, id });
    return this.#changed(id, 'payment_intent.created');
  }

  async retrieve(intentId: string): Promise<PaymentIntentState | undefined> {
    await this.#network();
    const record = this.#intents.get(intentId);
    return record ? copy(record.state) : undefined;
  }

  async confirm(intentId: string, paymentMethod: string): Promise<PaymentIntentState> {
    await this.#network();
    const record = this.#record(intentId);
    const { status } = record.state;
    if (status !== 'requires_payment_method' && status !== 'requires_confirmation' && status !== 'requires_action') {
      throw new PaymentIntentStateError(intentId, status, 'confirmed');
    }
    const outcome = stripeTestPaymentOutcome(paymentMethod);
    if (!outcome) {
      throw new PaymentRequestRefusedError(`No such PaymentMethod: '${paymentMethod}'`, {
        payment_method: paymentMethod,
      });
    }
    // Attached whatever the outcome (Stripe shows the card of a declined attempt too); a number gets a PaymentMethod.
    record.paymentMethod = paymentMethod.startsWith('pm_') ? paymentMethod : `pm_${randomToken(24)}`;
    record.state.card = { ...outcome.card };
    if (outcome.outcome === 'authorized') return this.#authorize(record);
    if (outcome.outcome === 'authentication_required') {
      const next_action = { type: 'use_stripe_sdk', redirect_url: null };
      Object.assign(record.state, { status: 'requires_action', last_error: null, next_action });
      return this.#changed(intentId, 'payment_intent.requires_action');
    }
    const { code, decline_code, message } = outcome;
    return this.#fail(record, { code, decline_code, message });
  }

  async authenticate(intentId: string, outcome: 'succeed' | 'fail'): Promise<PaymentIntentState> {
    await this.#network();
    const record = this.#record(intentId);
    if (record.state.status !== 'requires_action') {
      throw new PaymentIntentStateError(intentId, record.state.status, 'authenticated');
    }
    if (outcome === 'succeed') return this.#authorize(record);
    return this.#fail(record, {
      code: 'payment_intent_authentication_failure',
      decline_code: null,
      message: 'We are unable to authenticate your payment method. Please choose a different payment method.',
    });
  }

  async capture(intentId: string): Promise<PaymentIntentState> {
    await this.#network();
    const record = this.#record(intentId);
    if (record.state.status === 'succeeded') return copy(record.state);
    if (record.state.status !== 'requires_capture') {
      throw new PaymentIntentStateError(intentId, record.state.status, 'captured');
    }
    Object.assign(record.state, { status: 'succeeded', amount_received: record.state.amount, amount_capturable: 0 });
    return this.#changed(intentId, 'payment_intent.succeeded');
  }

  async cancel(intentId: string): Promise<PaymentIntentState> {
    await this.#network();
    const record = this.#record(intentId);
    if (record.state.status === 'canceled') return copy(record.state);
    if (record.state.status === 'succeeded') throw new PaymentIntentStateError(intentId, 'succeeded', 'canceled');
    Object.assign(record.state, { status: 'canceled', amount_capturable: 0, next_action: null });
    return this.#changed(intentId, 'payment_intent.canceled');
  }

  async refund(intentId: string, amount: number, idempotencyKey: string): Promise<RefundState> {
    await this.#network();
    const fingerprint = JSON.stringify([intentId, amount]);
    const known = this.#refundKeys.get(idempotencyKey);
    if (known) {
      if (known.fingerprint !== fingerprint) throw new PaymentIdempotencyError();
      return { ...known.refund };
    }
    const record = this.#record(intentId);
    if (record.state.status !== 'succeeded')
      throw new PaymentIntentStateError(intentId, record.state.status, 'refunded');
    const refundable = record.state.amount_received - record.refunded;
    if (!Number.isInteger(amount) || amount < 1 || amount > refundable) {
      throw new PaymentRequestRefusedError(`A refund must be a positive amount up to ${refundable}`, {
        intent_id: intentId,
        requested: amount,
        refundable,
      });
    }
    record.refunded += amount;
    const refund: RefundState = { id: `re_${randomToken(24)}`, amount, status: 'succeeded' };
    this.#refundKeys.set(idempotencyKey, { fingerprint, refund });
    this.#recordEvent('refund.created', {
      ...refund,
      object: 'refund',
      payment_intent: intentId,
      currency: record.state.currency,
    });
    return { ...refund };
  }

  async parseWebhook(rawBody: string, signature: string): Promise<PaymentWebhookEvent> {
    await verifyWebhookSignature(rawBody, signature, this.webhookSecret, this.#seconds());
    let event: unknown;
    try {
      event = JSON.parse(rawBody);
    } catch {
      throw new WebhookSignatureError('The webhook body is not a Stripe event');
    }
    const { id, type } = (event ?? {}) as { id?: unknown; type?: unknown };
    if (typeof id !== 'string' || typeof type !== 'string') {
      throw new WebhookSignatureError('The webhook body is not a Stripe event');
    }
    return webhookEventOf(event as { id: string; type: string });
  }

  events(): readonly TestGatewayEvent[] {
    return structuredClone([...this.#events.values()]);
  }

  async signedWebhook(event: TestGatewayEvent): Promise<{ body: string; signature: string }> {
    const body = JSON.stringify(event);
    return { body, signature: await signWebhookPayload(body, this.webhookSecret, this.#seconds()) };
  }

  #authorize(record: IntentRecord): PaymentIntentState {
    Object.assign(record.state, {
      status: 'requires_capture',
      amount_capturable: record.state.amount,
      last_error: null,
      next_action: null,
    });
    return this.#changed(record.state.id, 'payment_intent.amount_capturable_updated');
  }

  #fail(record: IntentRecord, lastError: PaymentIntentState['last_error']): PaymentIntentState {
    Object.assign(record.state, { status: 'requires_payment_method', last_error: lastError, next_action: null });
    return this.#changed(record.state.id, 'payment_intent.payment_failed');
  }

  /** Records the intent's change as its event and answers a copy of its state. */
  #changed(intentId: string, type: string): PaymentIntentState {
    const record = this.#record(intentId);
    const method = { id: record.paymentMethod ?? null, expand: false }; // Stripe's webhooks never expand it
    this.#recordEvent(type, { ...stripeIntentObject(record.state, record.created, method) });
    return copy(record.state);
  }

  #recordEvent(type: string, object: Record<string, unknown>): void {
    const event: TestGatewayEvent = {
      id: `evt_${randomToken(24)}`,
      object: 'event',
      type,
      created: this.#seconds(),
      livemode: false,
      data: { object },
    };
    this.#events.set(event.id, structuredClone(event));
  }

  #record(intentId: string): IntentRecord {
    const record = this.#intents.get(intentId);
    if (!record) throw new PaymentIntentNotFoundError(intentId);
    return record;
  }

  #seconds(): number {
    return Math.floor(this.#clock().getTime() / 1000);
  }

  #network(): Promise<void> {
    return this.scenario.network();
  }
}

/** Stripe's test mode in process (manual capture, test cards, signed webhooks, outage switches). */
export function createTestPaymentGateway(options: TestPaymentGatewayOptions): TestPaymentGateway {
  return new InProcessTestGateway(options);
}

import { STRIPE_TEST_PAYMENT_METHODS } from '@holiday-peak-hub/contract/fixtures';
import { OrderSchema, type DomainEvent } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PaymentGateway } from '../../payments/gateway.ts';
import { AppError } from '../../pipeline/errors.ts';
import type { Caller } from '../../pipeline/handler.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import { applyEvent } from '../../platform/events/consumer.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { orderSagaConsumer } from '../saga/order-saga.ts';
import { toOrder } from '../mapping.ts';
import { createPaymentHandlers } from './handlers.ts';
import { createPaymentStateRecorder } from './payment-state.ts';
import { MemoryProcessedWebhooks } from './processed-webhooks.ts';

/** The payment operations on the in-memory orders, with Stripe's test mode in process. */

const customer: Caller = { role: 'customer', userId: 'usr_a', email: 'a@example.com', issuer: 't', sessionId: 's1' };
const other: Caller = { role: 'customer', userId: 'usr_b', email: 'b@example.com', issuer: 't', sessionId: 's2' };
const staff: Caller = { role: 'staff', userId: 'usr_s', email: 's@example.com', issuer: 't', sessionId: 's3' };
const http = { ip: '203.0.113.9', userAgent: 'vitest' } as Exchange;

let w: OrdersWorld;
let captures: number;
const setup = () => {
  const g = w.gateway;
  // The test gateway, counting captures.
  const gateway: PaymentGateway = {
    createIntent: (input) => g.createIntent(input),
    retrieve: (id) => g.retrieve(id),
    confirm: (id, pm) => g.confirm(id, pm),
    capture: (id) => ((captures += 1), g.capture(id)),
    cancel: (id) => g.cancel(id),
    refund: (id, amount, key) => g.refund(id, amount, key),
    parseWebhook: (body, signature) => g.parseWebhook(body, signature),
  };
  const deps = { orders: w.repos.orders, clock: () => w.now, eventSource: 'test', logger: w.logger };
  const record = createPaymentStateRecorder(deps);
  return {
    record,
    handlers: createPaymentHandlers({ ...deps, gateway, record, webhooks: new MemoryProcessedWebhooks(() => w.now) }),
    saga: orderSagaConsumer({ ...deps, gateway }),
  };
};
let s: ReturnType<typeof setup>;

beforeEach(() => {
  w = ordersWorld();
  captures = 0;
  s = setup();
});

async function place(caller = customer, amount = 40) {
  await w.add(caller, await w.product(0, amount), 1);
  await w.ship(caller, 'standard');
  return w.placement.place(caller, { shipping_address: address() }, { requestId: 'req-place' });
}

const call = <K extends keyof typeof s.handlers>(
  op: K,
  caller: Caller,
  input: unknown,
  extra: Partial<Exchange> = {},
) => s.handlers[op]({ input, caller, requestId: 'req-pay', http: { ...http, ...extra } } as never);
const confirm = (orderId: string, pm: string, caller = customer) =>
  call('confirmPayment', caller, { body: { order_id: orderId, payment_method: pm }, headers: {} });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const ofType = (type: string, events: readonly DomainEvent[] = w.events) => events.filter((e) => e.event_type === type);
const webhookOf = async (type: string, nth = -1) => {
  const event = w.gateway
    .events()
    .filter((e) => e.type === type)
    .at(nth)!;
  const { body, signature } = await w.gateway.signedWebhook(event);
  return { id: event.id, deliver: () => deliver(body, signature) };
};
const deliver = (body: string, signature: string) =>
  call(
    'receivePaymentWebhook',
    staff,
    { headers: { 'stripe-signature': signature }, body: JSON.parse(body) as unknown },
    {
      rawBody: body,
    },
  );

describe('confirming a payment with each test card', () => {
  const methods = Object.keys(STRIPE_TEST_PAYMENT_METHODS).filter((pm) => pm.startsWith('pm_'));

  it.each(methods)('%s', async (pm) => {
    const { order } = await place();
    const outcome = STRIPE_TEST_PAYMENT_METHODS[pm]!;
    const answer = confirm(order.id, pm);
    const stored = async () => (await w.repos.orders.get(order.id))!;
    if (outcome.outcome === 'declined') {
      const err = await failure(answer);
      expect([err.status, err.code, err.details.decline_code]).toEqual([402, 'PAYMENT_DECLINED', outcome.decline_code]);
      expect((await stored()).payment.status).toBe('awaiting_payment');
      expect((await stored()).payment_error).toMatchObject({ decline_code: outcome.decline_code });
      // The gateway shows the declined card; the order records a card only once one is accepted.
      expect((await w.gateway.retrieve(order.payment.intent_id!))?.card).toEqual(outcome.card);
      expect((await stored()).payment.card).toBeNull();
      // The webhook of the same decline, arriving after the confirm recorded it, adds nothing.
      await (await webhookOf('payment_intent.payment_failed')).deliver();
      expect(ofType('PaymentFailed').map((e) => [e.correlation_id, (e.data as { code: string }).code])).toEqual([
        [order.id, outcome.code],
      ]);
      expect(ofType('PaymentAuthorized')).toHaveLength(0);
    } else if (outcome.outcome === 'authentication_required') {
      await expect(answer).resolves.toMatchObject({ status: 200, body: { status: 'requires_action' } });
      expect((await stored()).payment.status).toBe('requires_action');
      expect(ofType('PaymentAuthorized').length + ofType('PaymentFailed').length).toBe(0);
    } else {
      await expect(answer).resolves.toMatchObject({
        status: 200,
        body: { status: 'requires_capture', order_id: order.id, amount: order.totals.total, next_action: null },
      });
      expect((await stored()).payment).toMatchObject({
        status: 'authorized',
        amount_authorized: order.totals.total,
        card: outcome.card,
      });
      await (await webhookOf('payment_intent.amount_capturable_updated')).deliver();
      expect(ofType('PaymentAuthorized').map((e) => e.correlation_id)).toEqual([order.id]);
    }
  });

  it('an order read after paying with pm_card_visa names the card, still after the webhook and the capture', async () => {
    const { order } = await place();
    const read = async () => OrderSchema.parse(toOrder(await w.reads.get(customer, order.id))).payment;
    expect((await read()).card).toBeNull();
    await confirm(order.id, 'pm_card_visa');
    expect(await read()).toMatchObject({ status: 'authorized', card: { brand: 'visa', last4: '4242' } });
    // The webhook names the PaymentMethod by id only (no card): the card recorded stays.
    await (await webhookOf('payment_intent.amount_capturable_updated')).deliver();
    await expect(applyEvent(s.saga, ofType('PaymentAuthorized')[0]!)).resolves.toBe('applied');
    expect(await read()).toMatchObject({ status: 'captured', card: { brand: 'visa', last4: '4242' } });
    expect(captures).toBe(1);
  });

  it('answers 404 for another session’s order, 409 once the order no longer awaits payment, 400 for an unknown card', async () => {
    const { order } = await place();
    expect((await failure(confirm(order.id, 'pm_card_visa', other))).status).toBe(404);
    expect((await failure(confirm('ord_00000000000000000000', 'pm_card_visa'))).status).toBe(404);
    expect((await failure(confirm(order.id, 'pm_card_unknown'))).status).toBe(400);
    await w.cancellation.cancel(customer, order.id, undefined);
    expect((await failure(confirm(order.id, 'pm_card_visa'))).status).toBe(409);
    const intent = call('createPaymentIntent', customer, { body: { order_id: order.id } });
    expect((await failure(intent)).status).toBe(409);
  });

  it('create-intent answers the order’s own intent every time, to its owner only', async () => {
    const { order, intent } = await place();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call('createPaymentIntent', customer, { body: { order_id: order.id } })),
    );
    expect(new Set(answers.map((a) => (a.body as { intent_id: string }).intent_id))).toEqual(new Set([intent.id]));
    expect(answers[0]!.body).toMatchObject({ client_secret: intent.client_secret, amount: order.totals.total });
    expect((await failure(call('createPaymentIntent', other, { body: { order_id: order.id } }))).status).toBe(404);
    expect(w.gateway.events().filter((e) => e.type === 'payment_intent.created')).toHaveLength(1);
  });
});

describe('the webhook', () => {
  it('refuses a bad signature with 400 WEBHOOK_SIGNATURE_INVALID, changing nothing', async () => {
    const { order } = await place();
    await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa');
    const event = w.gateway.events().at(-1)!;
    const { body, signature } = await w.gateway.signedWebhook(event);
    const tampered = body.replace('"requires_capture"', '"succeeded"');
    for (const [raw, header] of [
      [tampered, signature],
      [body, 't=1,v1=00'],
      [body, 'garbage'],
    ] as const) {
      const err = await failure(deliver(raw, header));
      expect([err.status, err.code]).toEqual([400, 'WEBHOOK_SIGNATURE_INVALID']);
    }
    expect((await w.repos.orders.get(order.id))!.payment.status).toBe('awaiting_payment');
  });

  it('applies an event id once: a redelivered old decline after a newer one adds nothing', async () => {
    const { order } = await place();
    const intentId = order.payment.intent_id!;
    await w.gateway.confirm(intentId, 'pm_card_chargeDeclined');
    const first = await webhookOf('payment_intent.payment_failed');
    await w.gateway.confirm(intentId, 'pm_card_chargeDeclinedInsufficientFunds');
    const second = await webhookOf('payment_intent.payment_failed');
    await Promise.all([first.deliver(), first.deliver(), first.deliver()]);
    await second.deliver();
    await expect(first.deliver()).resolves.toEqual({ status: 200, body: { received: true } });
    await second.deliver();
    expect(
      ofType('PaymentFailed').map((e) => [(e.data as { decline_code: string }).decline_code, e.causation_id]),
    ).toEqual([
      ['generic_decline', first.id],
      ['insufficient_funds', second.id],
    ]);
  });

  it('acknowledges events of unknown orders and other types, and never creates an order', async () => {
    const { order } = await place();
    const before = (await w.repos.orders.listForStaff({}, { limit: 10 })).items.length;
    await w.repos.orders.delete(order, (await w.repos.orders.get(order.id))!._etag);
    await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa');
    await w.gateway.capture(order.payment.intent_id!);
    await w.gateway.refund(order.payment.intent_id!, 100, 'r1');
    for (const event of w.gateway.events()) {
      const { body, signature } = await w.gateway.signedWebhook(event);
      await expect(deliver(body, signature)).resolves.toEqual({ status: 200, body: { received: true } });
    }
    expect((await w.repos.orders.listForStaff({}, { limit: 10 })).items.length).toBe(before - 1);
    expect(ofType('PaymentAuthorized')).toHaveLength(0);
  });

  it('races the confirm: 10 confirm recordings and 10 deliveries of one state make one authorization, one capture, paid once', async () => {
    const { order } = await place();
    const state = await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa');
    const webhook = await webhookOf('payment_intent.amount_capturable_updated');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? s.record(order.id, state, null) : webhook.deliver())),
    );
    expect(outcomes).toHaveLength(20);
    const authorized = ofType('PaymentAuthorized');
    expect(authorized).toHaveLength(1);
    // The SAGA captures once; the event redelivered (in parallel, then again) changes nothing.
    await expect(applyEvent(s.saga, authorized[0]!)).resolves.toBe('applied');
    expect(captures).toBe(1);
    const again = await Promise.all([1, 2, 3].map(() => applyEvent(s.saga, authorized[0]!)));
    expect(again).toEqual(['already-applied', 'already-applied', 'already-applied']);
    expect(captures).toBe(1);
    expect(w.gateway.events().filter((e) => e.type === 'payment_intent.succeeded')).toHaveLength(1);
    expect(ofType('PaymentProcessed')).toHaveLength(1);
    const stored = (await w.repos.orders.get(order.id))!;
    expect(stored.status_history.map((h) => h.status)).toEqual(['pending_payment', 'paid']);
    expect(stored.payment).toMatchObject({ status: 'captured', amount_captured: order.totals.total });
    // A later delivery of the authorization changes nothing.
    await webhook.deliver();
    await s.record(order.id, state, null);
    expect((await w.repos.orders.get(order.id))!.payment.status).toBe('captured');
    expect(ofType('PaymentAuthorized')).toHaveLength(1);
  });
});

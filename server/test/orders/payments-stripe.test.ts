/**
 * Placing and paying over HTTP with the server in Stripe mode: the real `stripe` client against the
 * local Stripe fake, whose call counters show what reached "Stripe". One Idempotency-Key makes one
 * order and one PaymentIntent under 50 parallel calls; a double click makes one order; a webhook
 * racing the confirm call captures once; declines, then a good card; 3-D Secure.
 */
import { randomUUID } from 'node:crypto';
import type { Order } from '@holiday-peak-hub/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../cart/cart-fixtures.ts';
import type { StripeFake } from '../support/stripe-fake.ts';
import type { TestServer } from '../support/test-server.ts';
import {
  confirm,
  orderWhen,
  place,
  placed,
  shopper,
  startStripeServer,
  stockOf,
  tallyCodes,
  WEBHOOK_SECRET,
} from './order-fixtures.ts';

let server: TestServer;
let fake: StripeFake;

beforeAll(async () => {
  ({ server, fake } = await startStripeServer());
});
afterAll(async () => {
  await server.close();
  await fake.close();
});
afterEach(() => fake.slow(0));

const statuses = (order: Order) => order.status_history.map((change) => change.status);

describe('Idempotency-Key on POST /api/orders', () => {
  it('50 parallel placements with one key: one order, one PaymentIntent at Stripe; the rest replays or 409 IN_USE', async () => {
    const product = await makeProduct(server, { stock: 20 });
    const token = await shopper(server, product, { quantity: 2 });
    const key = randomUUID();
    const email = 'same-key@example.com';
    const createsBefore = fake.calls('create');
    const answers = await Promise.all(Array.from({ length: 50 }, () => place(server, token, { key, email })));
    const counts = tallyCodes(answers);
    console.info('50 parallel POST /api/orders, one Idempotency-Key:', counts);
    expect(Object.keys(counts).sort()).toEqual(
      Object.keys(counts).length === 1 ? ['201'] : ['201', '409 IDEMPOTENCY_KEY_IN_USE'],
    );
    const created = answers.filter((a) => a.status === 201);
    const first = created.find((a) => a.headers.get('idempotent-replayed') === null)!;
    expect(created.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    for (const replay of created) expect(replay.body).toEqual(first.body);
    expect(fake.calls('create') - createsBefore).toBe(1);
    expect(await stockOf(server, product.id)).toBe(18);
    // After it finished: every call with the key replays it.
    const later = await Promise.all(Array.from({ length: 5 }, () => place(server, token, { key, email })));
    for (const replay of later) {
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
    }
    const reused = await place(server, token, { key, email: 'another@example.com' });
    expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(fake.calls('create') - createsBefore).toBe(1);
  });

  it('a double click with two keys on one cart: one order, the other a 409 CONFLICT naming it', async () => {
    const product = await makeProduct(server, { stock: 20 });
    for (let round = 0; round < 3; round += 1) {
      const token = await shopper(server, product);
      fake.slow(100); // a slow Stripe keeps the first placement running while the second arrives
      const answers = await Promise.all([place(server, token), place(server, token)]);
      fake.slow(0);
      expect(tallyCodes(answers)).toEqual({ 201: 1, '409 CONFLICT': 1 });
      const order = answers.find((a) => a.status === 201)!.body.order;
      const conflict = answers.find((a) => a.status === 409)!;
      expect(conflict.body.error.details).toMatchObject({ order_id: order.id });
    }
    expect(await stockOf(server, product.id)).toBe(17);
  });
});

describe('the webhook racing the confirm call', () => {
  it('confirm while the signed amount_capturable_updated webhook is posted 5 times: one capture, processing', async () => {
    for (let round = 0; round < 3; round += 1) {
      const product = await makeProduct(server, { stock: 5 });
      const token = await shopper(server, product);
      const { order, payment } = await placed(server, token);
      const capturesBefore = fake.calls('capture');
      const webhooks = async () => {
        // The event exists once the fake authorized the card, while its answer is still on its way to the server.
        let event;
        while (
          !(event = fake.gateway
            .events()
            .find(
              (e) => e.type === 'payment_intent.amount_capturable_updated' && e.data.object.id === payment.intent_id,
            ))
        ) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        const body = JSON.stringify(event);
        return Promise.all(
          Array.from({ length: 5 }, () =>
            fake.sendWebhook(`${server.baseUrl}/api/payments/webhook`, body, WEBHOOK_SECRET),
          ),
        );
      };
      const [confirmed, posted] = await Promise.all([confirm(server, token, order.id), webhooks()]);
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.status).toBe('requires_capture');
      expect(posted.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
      const done = await orderWhen(server, order.id, (o) => o.status === 'processing');
      expect(statuses(done)).toEqual(['pending_payment', 'paid', 'processing']);
      expect(done.payment).toMatchObject({ status: 'captured', amount_captured: order.totals.total });
      expect(done.shipment.tracking_number).not.toBeNull();
      // Let anything late run, then count: exactly one capture reached Stripe.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.calls('capture') - capturesBefore).toBe(1);
      expect((await fake.gateway.retrieve(payment.intent_id))!.status).toBe('succeeded');
    }
  });

  it('refuses a webhook with a wrong signature (400) and changes nothing', async () => {
    const res = await fake.sendWebhook(
      `${server.baseUrl}/api/payments/webhook`,
      JSON.stringify({ id: 'evt_forged', type: 'payment_intent.amount_capturable_updated' }),
      'whsec_not_ours',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });
});

describe('cards', () => {
  it('a declined card is a 402 PAYMENT_DECLINED with the decline code; the order waits, and a good card pays it', async () => {
    const product = await makeProduct(server, { stock: 5 });
    const token = await shopper(server, product);
    const { order } = await placed(server, token);
    const declined = await confirm(server, token, order.id, 'pm_card_chargeDeclined');
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect(JSON.stringify(declined.body.error.details)).toContain('generic_decline');
    const waiting = await orderWhen(server, order.id, (o) => o.status === 'pending_payment');
    expect(waiting.payment).toMatchObject({ status: 'awaiting_payment', card: null });
    const paid = await confirm(server, token, order.id, 'pm_card_visa');
    expect([paid.status, paid.body.status]).toEqual([200, 'requires_capture']);
    const done = await orderWhen(server, order.id, (o) => o.status === 'processing');
    expect(statuses(done)).toEqual(['pending_payment', 'paid', 'processing']);
    expect(done.payment).toMatchObject({
      status: 'captured',
      amount_captured: order.totals.total,
      card: { brand: 'visa', last4: '4242' },
    });
  });

  it('a card asking for 3-D Secure answers requires_action with next_action; the order stays unpaid', async () => {
    const product = await makeProduct(server, { stock: 5 });
    const token = await shopper(server, product);
    const { order } = await placed(server, token);
    const action = await confirm(server, token, order.id, 'pm_card_authenticationRequired');
    expect(action.status).toBe(200);
    expect(action.body).toMatchObject({ status: 'requires_action', order_id: order.id });
    expect(action.body.next_action).not.toBeNull();
    const read = await orderWhen(server, order.id, (o) => o.payment.status === 'requires_action');
    expect(read.status).toBe('pending_payment');
  });
});

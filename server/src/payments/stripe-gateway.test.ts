import {
  intentStateOf,
  PaymentIdempotencyError,
  PaymentIntentNotFoundError,
  PaymentIntentStateError,
  PaymentProviderUnavailableError,
  PaymentRequestRefusedError,
  WebhookSignatureError,
} from '@holiday-peak-hub/core';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStripeFake, type StripeFake } from '../../test/support/stripe-fake.ts';
import { createStripeGateway } from './stripe-gateway.ts';

const WEBHOOK_SECRET = 'whsec_fake_endpoint';
let fake: StripeFake;
beforeAll(async () => {
  fake = await startStripeFake();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.slow(0);
  fake.unavailable(false);
});

const gatewayWith = (stripeOptions = {}) =>
  createStripeGateway({
    secretKey: 'sk_test_fake',
    webhookSecret: WEBHOOK_SECRET,
    stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0, ...stripeOptions },
  });
let orders = 0;
const input = (amount = 12_345) => {
  orders += 1;
  return {
    amount,
    currency: 'USD',
    orderId: `order-${orders}`,
    email: 'ada@example.com',
    idempotencyKey: `order-${orders}`,
  };
};

describe('Stripe gateway: intents', () => {
  it('creates a manual-capture card intent with the order id, receipt email and our idempotency key', async () => {
    const request = input();
    const intent = await gatewayWith().createIntent(request);
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      amount: 12_345,
      currency: 'usd',
      metadata: { order_id: request.orderId },
    });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(fake.bodies('create').at(-1)).toEqual({
      params: {
        amount: '12345',
        currency: 'usd',
        capture_method: 'manual',
        'allowed_payment_method_types[0]': 'card',
        'metadata[order_id]': request.orderId,
        receipt_email: 'ada@example.com',
      },
      idempotencyKey: request.orderId,
    });
  });

  it('answers the same intent for the same key (one intent for 20 parallel calls), refuses other parameters', async () => {
    const gateway = gatewayWith();
    const request = input();
    const answers = await Promise.all(Array.from({ length: 20 }, () => gateway.createIntent(request)));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(fake.gateway.events().filter((e) => e.data.object.id === answers[0]?.id)).toHaveLength(1);
    await expect(gateway.createIntent({ ...request, amount: 1 })).rejects.toBeInstanceOf(PaymentIdempotencyError);
  });

  it('reaches another API base given as a URL (STRIPE_API_BASE)', async () => {
    const gateway = createStripeGateway({
      secretKey: 'sk_test_fake',
      webhookSecret: WEBHOOK_SECRET,
      apiBase: fake.url,
    });
    const before = fake.calls('create');
    expect((await gateway.createIntent(input())).status).toBe('requires_payment_method');
    expect(fake.calls('create')).toBe(before + 1);
  });

  it('retrieves an intent, and undefined for an unknown one', async () => {
    const gateway = gatewayWith();
    const intent = await gateway.createIntent(input());
    expect(await gateway.retrieve(intent.id)).toEqual(intent);
    expect(await gateway.retrieve('pi_unknown')).toBeUndefined();
    await expect(gateway.capture('pi_unknown')).rejects.toBeInstanceOf(PaymentIntentNotFoundError);
  });
});

describe('Stripe gateway: confirmation', () => {
  it('authorizes with pm_card_visa, its card read from the expanded payment_method', async () => {
    const gateway = gatewayWith();
    const intent = await gateway.createIntent(input());
    expect(await gateway.confirm(intent.id, 'pm_card_visa')).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 12_345,
      last_error: null,
      card: { brand: 'visa', last4: '4242' },
    });
    expect(fake.bodies('confirm').at(-1)?.params).toEqual({
      payment_method: 'pm_card_visa',
      'expand[0]': 'payment_method',
    });
    // Unexpanded (as webhooks write it), payment_method is the id: no card to read.
    const plain = await new Stripe('sk_test_fake', fake.stripeOptions).paymentIntents.retrieve(intent.id);
    expect([plain.payment_method, intentStateOf(plain).card]).toEqual(['pm_card_visa', null]);
    const expanded = await gateway.retrieve(intent.id);
    expect([expanded?.card, fake.bodies('retrieve').at(-1)?.params]).toEqual([
      { brand: 'visa', last4: '4242' },
      { 'expand[0]': 'payment_method' },
    ]);
  });

  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ])('answers a 402 card error for %s as the declined state', async (method, declineCode) => {
    const gateway = gatewayWith();
    const intent = await gateway.createIntent(input());
    expect(await gateway.confirm(intent.id, method)).toMatchObject({
      status: 'requires_payment_method',
      last_error: { code: 'card_declined', decline_code: declineCode },
      card: { brand: 'visa' }, // the failed attempt's, from last_payment_error.payment_method
    });
  });

  it('answers requires_action with use_stripe_sdk for a 3-D Secure card, authorized once authenticated', async () => {
    const gateway = gatewayWith();
    const intent = await gateway.createIntent(input());
    expect(await gateway.confirm(intent.id, 'pm_card_authenticationRequired')).toMatchObject({
      status: 'requires_action',
      next_action: { type: 'use_stripe_sdk', redirect_url: null },
    });
    await fake.gateway.authenticate(intent.id, 'succeed');
    expect((await gateway.retrieve(intent.id))?.status).toBe('requires_capture');
  });

  it('refuses an unknown payment method and a second confirmation', async () => {
    const gateway = gatewayWith();
    const intent = await gateway.createIntent(input());
    await expect(gateway.confirm(intent.id, 'pm_made_up')).rejects.toBeInstanceOf(PaymentRequestRefusedError);
    await gateway.confirm(intent.id, 'pm_card_visa');
    await expect(gateway.confirm(intent.id, 'pm_card_visa')).rejects.toBeInstanceOf(PaymentIntentStateError);
  });
});

describe('Stripe gateway: capture, cancel, refunds', () => {
  async function authorized(amount = 12_345) {
    const gateway = gatewayWith();
    const intent = await gateway.createIntent(input(amount));
    await gateway.confirm(intent.id, 'pm_card_visa');
    return { gateway, intent };
  }

  it('captures, and a second capture answers the captured intent', async () => {
    const { gateway, intent } = await authorized();
    const captured = await gateway.capture(intent.id);
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 12_345, amount_capturable: 0 });
    expect([captured.card?.last4, fake.bodies('capture').at(-1)?.params]).toEqual([
      '4242',
      { 'expand[0]': 'payment_method' },
    ]);
    // Stripe refuses a second capture (400 unexpected state): the adapter reads the intent and answers it.
    const reads = fake.calls('retrieve');
    expect(await gateway.capture(intent.id)).toEqual(captured);
    expect(fake.calls('retrieve')).toBe(reads + 1);
    await expect(gateway.cancel(intent.id)).rejects.toBeInstanceOf(PaymentIntentStateError);
  });

  it('captures once for 20 parallel captures', async () => {
    const { gateway, intent } = await authorized();
    const answers = await Promise.all(Array.from({ length: 20 }, () => gateway.capture(intent.id)));
    for (const answer of answers) expect(answer.status).toBe('succeeded');
    const captures = fake.gateway
      .events()
      .filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === intent.id);
    expect(captures).toHaveLength(1);
  });

  it('cancels an authorization, idempotently, and refuses to capture it then', async () => {
    const { gateway, intent } = await authorized();
    const canceled = await gateway.cancel(intent.id);
    expect(canceled).toMatchObject({ status: 'canceled', amount_capturable: 0, card: { last4: '4242' } });
    expect(await gateway.cancel(intent.id)).toEqual(canceled);
    await expect(gateway.capture(intent.id)).rejects.toBeInstanceOf(PaymentIntentStateError);
  });

  it('refunds partially then fully, by key, never beyond the captured amount', async () => {
    const { gateway, intent } = await authorized(10_000);
    await gateway.capture(intent.id);
    const part = await gateway.refund(intent.id, 2_500, `${intent.id}-r1`);
    expect(part).toMatchObject({ amount: 2_500, status: 'succeeded' });
    expect(fake.bodies('refund').at(-1)).toEqual({
      params: { payment_intent: intent.id, amount: '2500' },
      idempotencyKey: `${intent.id}-r1`,
    });
    expect(await gateway.refund(intent.id, 2_500, `${intent.id}-r1`)).toEqual(part);
    await expect(gateway.refund(intent.id, 7_501, `${intent.id}-r2`)).rejects.toBeInstanceOf(
      PaymentRequestRefusedError,
    );
    expect(await gateway.refund(intent.id, 7_500, `${intent.id}-r3`)).toMatchObject({ amount: 7_500 });
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => gateway.refund(intent.id, 1, `${intent.id}-more-${i}`)),
    );
    expect(settled.every((s) => s.status === 'rejected' && s.reason instanceof PaymentRequestRefusedError)).toBe(true);
  });
});

describe('Stripe gateway: outages', () => {
  it('retries a 503 with the same idempotency key, then answers PaymentProviderUnavailableError', async () => {
    fake.unavailable(true);
    const before = fake.calls('create');
    const gateway = gatewayWith({ maxNetworkRetries: 2 });
    await expect(gateway.createIntent(input())).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    expect(fake.calls('create') - before).toBe(3);
    expect(
      new Set(
        fake
          .bodies('create')
          .slice(-3)
          .map((b) => b.idempotencyKey),
      ).size,
    ).toBe(1);
  });

  it('a timeout is PaymentProviderUnavailableError', async () => {
    const gateway = gatewayWith({ timeout: 200 });
    const intent = await gateway.createIntent(input());
    fake.slow(1_000);
    const started = Date.now();
    await expect(gateway.confirm(intent.id, 'pm_card_visa')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe('Stripe gateway: webhooks', () => {
  async function event() {
    const intent = await gatewayWith().createIntent(input());
    const created = fake.gateway.events().find((e) => e.data.object.id === intent.id);
    return { intent, payload: JSON.stringify(created) };
  }

  it('accepts a body signed with the endpoint secret, with its intent', async () => {
    const { intent, payload } = await event();
    const parsed = await gatewayWith().parseWebhook(payload, fake.signature(payload, WEBHOOK_SECRET));
    expect(parsed).toMatchObject({ type: 'payment_intent.created', intent });
    expect(parsed.id).toMatch(/^evt_/);
  });

  it('refuses another secret, a tampered body, an old signature and a missing header', async () => {
    const { payload } = await event();
    const gateway = gatewayWith();
    const signed = fake.signature(payload, WEBHOOK_SECRET);
    await expect(gateway.parseWebhook(payload, fake.signature(payload, 'whsec_other'))).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    await expect(gateway.parseWebhook(payload.replace('12345', '1'), signed)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    const old = fake.signature(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 400);
    await expect(gateway.parseWebhook(payload, old)).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(gateway.parseWebhook(payload, '')).rejects.toBeInstanceOf(WebhookSignatureError);
  });

  it('the fake posts signed webhooks the gateway accepts', async () => {
    const { intent, payload } = await event();
    const gateway = gatewayWith();
    const { createServer } = await import('node:http');
    const seen: Promise<unknown>[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += String(chunk)));
      req.on('end', () => {
        seen.push(gateway.parseWebhook(body, String(req.headers['stripe-signature'])));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as { port: number };
    const answer = await fake.sendWebhook(`http://127.0.0.1:${port}/webhook`, payload, WEBHOOK_SECRET);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    expect(answer.status).toBe(200);
    expect(await seen[0]).toMatchObject({ type: 'payment_intent.created', intent: { id: intent.id } });
  });
});

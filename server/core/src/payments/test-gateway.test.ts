import { STRIPE_TEST_PAYMENT_METHODS } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import {
  PaymentIdempotencyError,
  PaymentIntentNotFoundError,
  PaymentIntentStateError,
  PaymentProviderUnavailableError,
  PaymentRequestRefusedError,
  WebhookSignatureError,
} from './errors.ts';
import { createTestPaymentGateway } from './test-gateway.ts';
import { signWebhookPayload } from './webhook-signature.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const gatewayAt = (now: () => Date = () => NOW) =>
  createTestPaymentGateway({ clock: now, webhookSecret: 'whsec_unit' });
const input = (key = 'order-1', amount = 12_345) => ({
  amount,
  currency: 'USD',
  orderId: key,
  email: 'ada@example.com',
  idempotencyKey: key,
});

async function authorized(gateway = gatewayAt(), amount = 12_345) {
  const intent = await gateway.createIntent(input('order-1', amount));
  await gateway.confirm(intent.id, 'pm_card_visa');
  return { gateway, intent };
}

describe('in-process test gateway: intents', () => {
  it('creates a manual-capture intent waiting for a payment method, with a client secret', async () => {
    const intent = await gatewayAt().createIntent(input());
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      amount: 12_345,
      currency: 'usd',
      amount_capturable: 0,
      amount_received: 0,
      last_error: null,
      next_action: null,
      metadata: { order_id: 'order-1' },
    });
    expect(intent.id).toMatch(/^pi_[a-z0-9]{24}$/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_[a-z0-9]+$`));
  });

  it('answers the same intent for the same key, refuses the key with other parameters', async () => {
    const gateway = gatewayAt();
    const first = await gateway.createIntent(input());
    expect(await gateway.createIntent(input())).toEqual(first);
    await expect(gateway.createIntent(input('order-1', 999))).rejects.toBeInstanceOf(PaymentIdempotencyError);
    await expect(gateway.createIntent(input('order-2', 0))).rejects.toBeInstanceOf(PaymentRequestRefusedError);
  });

  it('creates one intent for 20 parallel calls with one key', async () => {
    const gateway = gatewayAt();
    gateway.scenario.delay(5);
    const answers = await Promise.all(Array.from({ length: 20 }, () => gateway.createIntent(input())));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(gateway.events().filter((e) => e.type === 'payment_intent.created')).toHaveLength(1);
  });

  it('retrieves an intent, and undefined for one it does not know', async () => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    expect(await gateway.retrieve(intent.id)).toEqual(intent);
    expect(await gateway.retrieve('pi_unknown')).toBeUndefined();
    await expect(gateway.capture('pi_unknown')).rejects.toBeInstanceOf(PaymentIntentNotFoundError);
  });
});

describe('in-process test gateway: confirmation with test cards', () => {
  it.each(['pm_card_visa', '4242424242424242'])('%s authorizes the whole amount', async (method) => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    const state = await gateway.confirm(intent.id, method);
    expect(state).toMatchObject({ status: 'requires_capture', amount_capturable: 12_345, last_error: null });
    expect(state.card).toEqual({ brand: 'visa', last4: '4242' });
  });

  it.each(Object.entries(STRIPE_TEST_PAYMENT_METHODS))(
    '%s shows its card, whatever the outcome',
    async (method, pm) => {
      const gateway = gatewayAt();
      const intent = await gateway.createIntent(input());
      expect(intent.card).toBeNull();
      expect((await gateway.confirm(intent.id, method)).card).toEqual(pm.card);
      expect((await gateway.retrieve(intent.id))?.card).toEqual(pm.card);
    },
  );

  it('shows the brands and last four digits Stripe documents', async () => {
    const gateway = gatewayAt();
    const cards = [];
    for (const method of [
      'pm_card_mastercard',
      'pm_card_amex',
      '6011111111111117',
      '378282246310005',
      '4000000000009995',
    ]) {
      const intent = await gateway.createIntent(input(method));
      cards.push((await gateway.confirm(intent.id, method)).card);
    }
    expect(cards).toEqual([
      { brand: 'mastercard', last4: '4444' },
      { brand: 'amex', last4: '8431' },
      { brand: 'discover', last4: '1117' },
      { brand: 'amex', last4: '0005' },
      { brand: 'visa', last4: '9995' },
    ]);
  });

  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['4000000000000002', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['4000000000009995', 'insufficient_funds'],
  ])('%s is declined (%s) as a state, and another card may follow', async (method, declineCode) => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    const state = await gateway.confirm(intent.id, method);
    expect(state).toMatchObject({
      status: 'requires_payment_method',
      amount_capturable: 0,
      last_error: { code: 'card_declined', decline_code: declineCode },
    });
    expect(state.card?.brand).toBe('visa');
    expect(await gateway.confirm(intent.id, 'pm_card_mastercard')).toMatchObject({
      status: 'requires_capture',
      card: { brand: 'mastercard', last4: '4444' },
    });
  });

  it.each(['pm_card_authenticationRequired', '4000002500003155'])('%s asks for 3-D Secure', async (method) => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    const state = await gateway.confirm(intent.id, method);
    expect(state).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect(await gateway.authenticate(intent.id, 'succeed')).toMatchObject({
      status: 'requires_capture',
      next_action: null,
    });
  });

  it('a failed 3-D Secure answers requires_payment_method with the authentication failure', async () => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    await gateway.confirm(intent.id, 'pm_card_authenticationRequired');
    const state = await gateway.authenticate(intent.id, 'fail');
    expect(state).toMatchObject({
      status: 'requires_payment_method',
      last_error: { code: 'payment_intent_authentication_failure', decline_code: null },
    });
    await expect(gateway.authenticate(intent.id, 'succeed')).rejects.toBeInstanceOf(PaymentIntentStateError);
  });

  it('refuses an unknown payment method, and a second confirmation of an authorized intent', async () => {
    const { gateway, intent } = await authorized();
    await expect(gateway.confirm(intent.id, 'pm_card_visa')).rejects.toBeInstanceOf(PaymentIntentStateError);
    const other = await gateway.createIntent(input('order-2'));
    await expect(gateway.confirm(other.id, 'pm_made_up')).rejects.toBeInstanceOf(PaymentRequestRefusedError);
  });
});

describe('in-process test gateway: capture, cancel, refunds', () => {
  it('captures once for 20 parallel captures, each answering the captured intent', async () => {
    const { gateway, intent } = await authorized();
    gateway.scenario.delay(5);
    const answers = await Promise.all(Array.from({ length: 20 }, () => gateway.capture(intent.id)));
    for (const answer of answers) expect(answer).toMatchObject({ status: 'succeeded', amount_received: 12_345 });
    expect(gateway.events().filter((e) => e.type === 'payment_intent.succeeded')).toHaveLength(1);
  });

  it('refuses to capture an unauthorized intent, and to cancel a captured one', async () => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    await expect(gateway.capture(intent.id)).rejects.toBeInstanceOf(PaymentIntentStateError);
    await gateway.confirm(intent.id, 'pm_card_visa');
    await gateway.capture(intent.id);
    await expect(gateway.cancel(intent.id)).rejects.toBeInstanceOf(PaymentIntentStateError);
  });

  it('cancels an authorization (idempotently), which then cannot be captured', async () => {
    const { gateway, intent } = await authorized();
    const canceled = await gateway.cancel(intent.id);
    expect(canceled).toMatchObject({ status: 'canceled', amount_capturable: 0 });
    expect(await gateway.cancel(intent.id)).toEqual(canceled);
    await expect(gateway.capture(intent.id)).rejects.toBeInstanceOf(PaymentIntentStateError);
  });

  it('refunds partially then the rest, by key, and never beyond the captured amount', async () => {
    const { gateway, intent } = await authorized();
    await expect(gateway.refund(intent.id, 100, 'r-0')).rejects.toBeInstanceOf(PaymentIntentStateError);
    await gateway.capture(intent.id);
    const part = await gateway.refund(intent.id, 2_345, 'r-1');
    expect(part).toMatchObject({ amount: 2_345, status: 'succeeded' });
    expect(part.id).toMatch(/^re_/);
    expect(await gateway.refund(intent.id, 2_345, 'r-1')).toEqual(part);
    await expect(gateway.refund(intent.id, 10_001, 'r-2')).rejects.toBeInstanceOf(PaymentRequestRefusedError);
    await expect(gateway.refund(intent.id, 5, 'r-1')).rejects.toBeInstanceOf(PaymentIdempotencyError);
    expect(await gateway.refund(intent.id, 10_000, 'r-3')).toMatchObject({ amount: 10_000 });
    await expect(gateway.refund(intent.id, 1, 'r-4')).rejects.toBeInstanceOf(PaymentRequestRefusedError);
  });

  it('20 parallel partial refunds never exceed what was captured', async () => {
    const { gateway, intent } = await authorized(gatewayAt(), 10_000);
    await gateway.capture(intent.id);
    gateway.scenario.delay(5);
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => gateway.refund(intent.id, 1_500, `refund-${i}`)),
    );
    const refunded = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.amount] : []));
    expect(refunded).toHaveLength(6);
    expect(refunded.reduce((a, b) => a + b, 0)).toBe(9_000);
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(PaymentRequestRefusedError);
  });
});

describe('in-process test gateway: webhooks and outages', () => {
  it('signs its events so that parseWebhook accepts them, with the intent as a state (its card not expanded)', async () => {
    const { gateway, intent } = await authorized();
    const event = gateway.events().find((e) => e.type === 'payment_intent.amount_capturable_updated');
    if (!event) throw new Error('no authorization event');
    expect(event.data.object.payment_method).toBe('pm_card_visa');
    const { body, signature } = await gateway.signedWebhook(event);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const parsed = await gateway.parseWebhook(body, signature);
    const state = await gateway.retrieve(intent.id);
    expect(state?.card).toEqual({ brand: 'visa', last4: '4242' });
    expect(parsed).toEqual({ id: event.id, type: event.type, intent: { ...state, card: null } });
  });

  it("a decline's event writes the failed attempt's card whole in last_payment_error, as Stripe does", async () => {
    const gateway = gatewayAt();
    const intent = await gateway.createIntent(input());
    await gateway.confirm(intent.id, '4000000000000002');
    const event = gateway.events().find((e) => e.type === 'payment_intent.payment_failed')!;
    expect(event.data.object).toMatchObject({
      payment_method: null,
      last_payment_error: { payment_method: { object: 'payment_method', card: { brand: 'visa', last4: '0002' } } },
    });
    expect((event.data.object.last_payment_error as { payment_method: { id: string } }).payment_method.id).toMatch(
      /^pm_/,
    );
    const { body, signature } = await gateway.signedWebhook(event);
    expect((await gateway.parseWebhook(body, signature)).intent?.card).toEqual({ brand: 'visa', last4: '0002' });
  });

  it('refuses a tampered body, another secret, a malformed header and an old signature', async () => {
    let now = NOW;
    const gateway = gatewayAt(() => now);
    await gateway.createIntent(input());
    const [event] = gateway.events();
    if (!event) throw new Error('no event');
    const { body, signature } = await gateway.signedWebhook(event);
    const reject = (b: string, s: string) => expect(gateway.parseWebhook(b, s)).rejects.toThrow(WebhookSignatureError);
    await reject(body.replace('12345', '1'), signature);
    await reject(body, await signWebhookPayload(body, 'whsec_other', Math.floor(NOW.getTime() / 1000)));
    await reject(body, 'v1=abc');
    await reject(body, '');
    now = new Date(NOW.getTime() + 301_000);
    await reject(body, signature);
  });

  it('answers a refund event with no intent', async () => {
    const { gateway, intent } = await authorized();
    await gateway.capture(intent.id);
    await gateway.refund(intent.id, 45, 'r');
    const event = gateway.events().at(-1);
    if (!event) throw new Error('no event');
    const { body, signature } = await gateway.signedWebhook(event);
    expect(await gateway.parseWebhook(body, signature)).toEqual({ id: event.id, type: 'refund.created', intent: null });
  });

  it('fails as an outage would when told to, then answers again; a delay only slows', async () => {
    const gateway = gatewayAt();
    gateway.scenario.failNext(2);
    await expect(gateway.createIntent(input())).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    await expect(gateway.createIntent(input())).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    const intent = await gateway.createIntent(input());
    gateway.scenario.unavailable(true);
    await expect(gateway.retrieve(intent.id)).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    gateway.scenario.reset();
    gateway.scenario.delay(50);
    const started = Date.now();
    expect(await gateway.retrieve(intent.id)).toEqual(intent);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

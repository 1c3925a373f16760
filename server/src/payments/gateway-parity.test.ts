/**
 * The in-process test mode (embedded default, mocks) and the Stripe adapter (over the local fake,
 * through the real `stripe` client) answer the same: the same steps on each, the same statuses,
 * amounts, cards, errors and webhook events, with only ids and client secrets differing.
 */
import {
  createTestPaymentGateway,
  type PaymentGateway,
  type PaymentIntentState,
  type TestPaymentGateway,
} from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeFake, type StripeFake } from '../../test/support/stripe-fake.ts';
import { createStripeGateway } from './stripe-gateway.ts';

interface Subject {
  gateway: PaymentGateway;
  /** Where its intents live (the fake's test mode for Stripe): 3-D Secure answers, events, outages. */
  provider: TestPaymentGateway;
  down(value: boolean): void;
  sign(payload: string): Promise<string>;
}

const SECRET = 'whsec_parity';
let fake: StripeFake;
const subjects: Record<'in-process' | 'stripe', Subject> = {} as never;

beforeAll(async () => {
  fake = await startStripeFake();
  const local = createTestPaymentGateway({ clock: () => new Date(), webhookSecret: SECRET });
  subjects['in-process'] = {
    gateway: local,
    provider: local,
    down: (value) => local.scenario.unavailable(value),
    sign: async (payload) => (await local.signedWebhook(JSON.parse(payload) as never)).signature,
  };
  subjects.stripe = {
    gateway: createStripeGateway({
      secretKey: 'sk_test_fake',
      webhookSecret: SECRET,
      stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 },
    }),
    provider: fake.gateway,
    down: (value) => fake.unavailable(value),
    sign: (payload) => Promise.resolve(fake.signature(payload, SECRET)),
  };
});
afterAll(() => fake.close());

/** A state without what differs by nature (ids, secrets). */
const shape = ({ id: _id, client_secret: _secret, ...rest }: PaymentIntentState) => rest;
/** What a step answered: a state's shape, a refund's amount and status, or the error's class, code and status. */
async function outcome(step: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await step();
    if (value === undefined) return 'undefined';
    if (typeof value === 'object' && value !== null && 'client_secret' in value) {
      return shape(value as PaymentIntentState);
    }
    const refund = value as { amount: number; status: string };
    return { amount: refund.amount, status: refund.status };
  } catch (err) {
    const { name, code, status } = err as { name: string; code?: string; status?: number };
    return { error: name, code, status };
  }
}

/** Each step in one word: a status, a refund's amount, an error code, or a plain value. */
const brief = (step: unknown): unknown => {
  if (typeof step !== 'object' || step === null) return step;
  const answer = step as Partial<PaymentIntentState> & { error?: string; code?: string };
  if (answer.error !== undefined) return answer.code;
  if (answer.amount_received !== undefined) {
    const decline = answer.last_error?.decline_code;
    return decline ? `${answer.status} (${decline})` : answer.status;
  }
  return answer.status === undefined ? step : `refund ${answer.amount} ${answer.status}`;
};

type Script = (s: Subject, key: string) => Promise<unknown[]>;
/** A state's card in one word: `visa 4242`, or null. */
const cardOf = (state: PaymentIntentState | undefined) => state?.card && `${state.card.brand} ${state.card.last4}`;
let runs = 0;
const create = (s: Subject, key: string, amount = 10_000) =>
  s.gateway.createIntent({ amount, currency: 'usd', orderId: key, email: 'ada@example.com', idempotencyKey: key });

const scripts: Record<string, Script> = {
  'authorize, capture twice, refund part, the rest, then one cent more': async (s, key) => {
    const { id } = await create(s, key);
    return [
      await outcome(() => s.gateway.confirm(id, 'pm_card_visa')),
      await outcome(() => s.gateway.capture(id)),
      await outcome(() => s.gateway.capture(id)),
      await outcome(() => s.gateway.refund(id, 4_000, `${key}-r1`)),
      await outcome(() => s.gateway.refund(id, 4_000, `${key}-r1`)),
      await outcome(() => s.gateway.refund(id, 6_000, `${key}-r2`)),
      await outcome(() => s.gateway.refund(id, 1, `${key}-r3`)),
      await outcome(() => s.gateway.cancel(id)),
    ];
  },
  'declined, insufficient funds, then a good card, then cancel twice and capture': async (s, key) => {
    const { id } = await create(s, key);
    return [
      await outcome(() => s.gateway.confirm(id, 'pm_card_chargeDeclined')),
      await outcome(() => s.gateway.confirm(id, 'pm_card_chargeDeclinedInsufficientFunds')),
      await outcome(() => s.gateway.capture(id)),
      await outcome(() => s.gateway.confirm(id, 'pm_card_visa')),
      await outcome(() => s.gateway.cancel(id)),
      await outcome(() => s.gateway.cancel(id)),
      await outcome(() => s.gateway.capture(id)),
      await outcome(() => s.gateway.refund(id, 1, `${key}-r`)),
    ];
  },
  '3-D Secure required, then authenticated; another fails it': async (s, key) => {
    const { id } = await create(s, key);
    const other = await create(s, `${key}-other`);
    const steps = [await outcome(() => s.gateway.confirm(id, 'pm_card_authenticationRequired'))];
    await s.provider.authenticate(id, 'succeed');
    await s.gateway.confirm(other.id, 'pm_card_authenticationRequired');
    await s.provider.authenticate(other.id, 'fail');
    steps.push(await outcome(() => s.gateway.retrieve(id)), await outcome(() => s.gateway.retrieve(other.id)));
    return steps;
  },
  'the same key twice, then with another amount; unknown ids and methods': async (s, key) => {
    const first = await create(s, key);
    const again = await create(s, key);
    return [
      first.id === again.id,
      await outcome(() => create(s, key, 5)),
      await outcome(() => s.gateway.confirm(first.id, 'pm_made_up')),
      await outcome(() => s.gateway.retrieve('pi_unknown')),
      await outcome(() => s.gateway.cancel('pi_unknown')),
    ];
  },
  'the card of each confirm (a declined one too) on every answer; webhooks name it by id only': async (s, key) => {
    const { id } = await create(s, key);
    const other = await create(s, `${key}-other`);
    const steps = [cardOf(await s.gateway.retrieve(id))];
    steps.push(cardOf(await s.gateway.confirm(id, 'pm_card_chargeDeclined')), cardOf(await s.gateway.retrieve(id)));
    steps.push(cardOf(await s.gateway.confirm(id, 'pm_card_mastercard')), cardOf(await s.gateway.retrieve(id)));
    steps.push(cardOf(await s.gateway.capture(id)), cardOf(await s.gateway.capture(id)));
    steps.push(cardOf(await s.gateway.confirm(other.id, 'pm_card_amex')), cardOf(await s.gateway.cancel(other.id)));
    steps.push(cardOf(await s.gateway.cancel(other.id)));
    const event = JSON.stringify(s.provider.events().findLast((e) => e.data.object.id === id));
    steps.push(cardOf((await s.gateway.parseWebhook(event, await s.sign(event))).intent ?? undefined));
    return steps;
  },
  'an outage': async (s, key) => {
    s.down(true);
    try {
      return [await outcome(() => create(s, key)), await outcome(() => s.gateway.retrieve('pi_unknown'))];
    } finally {
      s.down(false);
    }
  },
  'webhooks: an authorization event, and a tampered one': async (s, key) => {
    const { id } = await create(s, key);
    await s.gateway.confirm(id, 'pm_card_visa');
    const event = s.provider.events().findLast((e) => e.data.object.id === id);
    const payload = JSON.stringify(event);
    const signature = await s.sign(payload);
    const parsed = await s.gateway.parseWebhook(payload, signature);
    return [
      parsed.type,
      parsed.intent && shape(parsed.intent),
      await outcome(() => s.gateway.parseWebhook(payload.replace('10000', '1'), signature)),
    ];
  },
};

const expected: Record<string, unknown[]> = {
  'authorize, capture twice, refund part, the rest, then one cent more': [
    'requires_capture',
    'succeeded',
    'succeeded',
    'refund 4000 succeeded',
    'refund 4000 succeeded',
    'refund 6000 succeeded',
    'UNPROCESSABLE_ENTITY',
    'CONFLICT',
  ],
  'declined, insufficient funds, then a good card, then cancel twice and capture': [
    'requires_payment_method (generic_decline)',
    'requires_payment_method (insufficient_funds)',
    'CONFLICT',
    'requires_capture',
    'canceled',
    'canceled',
    'CONFLICT',
    'CONFLICT',
  ],
  '3-D Secure required, then authenticated; another fails it': [
    'requires_action',
    'requires_capture',
    'requires_payment_method',
  ],
  'the same key twice, then with another amount; unknown ids and methods': [
    true,
    'IDEMPOTENCY_KEY_REUSED',
    'UNPROCESSABLE_ENTITY',
    'undefined',
    'RESOURCE_NOT_FOUND',
  ],
  'the card of each confirm (a declined one too) on every answer; webhooks name it by id only': [
    null,
    'visa 0002',
    'visa 0002',
    'mastercard 4444',
    'mastercard 4444',
    'mastercard 4444',
    'mastercard 4444',
    'amex 8431',
    'amex 8431',
    'amex 8431',
    null,
  ],
  'an outage': ['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
  'webhooks: an authorization event, and a tampered one': [
    'payment_intent.amount_capturable_updated',
    'requires_capture',
    'WEBHOOK_SIGNATURE_INVALID',
  ],
};

describe('payment gateways: in process and Stripe answer the same', () => {
  for (const [name, script] of Object.entries(scripts)) {
    it(name, async () => {
      runs += 1;
      const local = await script(subjects['in-process'], `parity-${runs}`);
      const stripe = await script(subjects.stripe, `parity-${runs}`);
      expect(stripe).toEqual(local);
      expect(local.map(brief)).toEqual(expected[name]);
    });
  }
});

import { describe, expect, it } from 'vitest';
import type { IntentStatus, PaymentIntentState } from '../../payments/gateway.ts';
import type { OrderDocument } from '../documents.ts';
import { applyIntentState, paymentStatusOf } from './payment-state.ts';

/** The payment state transition alone: the status mapping, never backwards, one event per change. */

const context = { source: 'test', correlationId: 'ord_x', causationId: null, now: new Date('2026-11-20T12:00:00Z') };

const order = (status: OrderDocument['payment']['status']): OrderDocument =>
  ({
    id: 'ord_aaaaaaaaaaaaaaaaaaaa',
    order_number: 'HPH-2026-000001',
    placement: 'placed',
    status: 'pending_payment',
    totals: { subtotal: 100, discount: 0, tax: 0, shipping: 0, total: 100, currency: 'USD' },
    payment: {
      status,
      intent_id: 'pi_1',
      card: null,
      amount_authorized: 0,
      amount_captured: 0,
      amount_refunded: 0,
    },
  }) as OrderDocument;

const intent = (status: IntentStatus, extra: Partial<PaymentIntentState> = {}): PaymentIntentState => ({
  id: 'pi_1',
  status,
  amount: 10_000,
  currency: 'usd',
  amount_capturable: status === 'requires_capture' ? 10_000 : 0,
  amount_received: status === 'succeeded' ? 10_000 : 0,
  client_secret: 'pi_1_secret',
  last_error: null,
  next_action: null,
  card: null,
  metadata: { order_id: 'ord_aaaaaaaaaaaaaaaaaaaa' },
  ...extra,
});

describe('recording an intent state on its order', () => {
  it('maps intent statuses to payment statuses', () => {
    expect(
      (
        [
          'requires_payment_method',
          'requires_confirmation',
          'requires_action',
          'processing',
          'requires_capture',
          'succeeded',
          'canceled',
        ] as const
      ).map(paymentStatusOf),
    ).toEqual([
      'awaiting_payment',
      'awaiting_payment',
      'requires_action',
      undefined,
      'authorized',
      'captured',
      'voided',
    ]);
  });

  it('records no card for a decline (the attempt names it), the card of the authorization instead', () => {
    const declined = intent('requires_payment_method', {
      last_error: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
      card: { brand: 'visa', last4: '0002' },
    });
    const failed = applyIntentState(order('awaiting_payment'), declined, context)!;
    expect(failed.doc.payment).toMatchObject({ status: 'awaiting_payment', card: null });
    const card = { brand: 'mastercard', last4: '4444' };
    const paid = applyIntentState(failed.doc, intent('requires_capture', { card }), context)!;
    expect(paid.doc.payment).toMatchObject({ status: 'authorized', card });
  });

  it('authorizes once, with the amount and the card when the intent names one', () => {
    const card = { brand: 'visa', last4: '4242' };
    const next = applyIntentState(order('awaiting_payment'), intent('requires_capture', { card }), context)!;
    expect(next.doc.payment).toMatchObject({ status: 'authorized', amount_authorized: 100, card });
    expect(next.events.map((e) => e.event_type)).toEqual(['PaymentAuthorized']);
    expect(applyIntentState(next.doc, intent('requires_capture'), context)).toBeUndefined();
  });

  it("fills in the card a webhook could not name (the confirm's answer came second), without an event", () => {
    const fromWebhook = applyIntentState(order('awaiting_payment'), intent('requires_capture'), context)!;
    expect(fromWebhook.doc.payment.card).toBeNull();
    const card = { brand: 'visa', last4: '4242' };
    const fromConfirm = applyIntentState(fromWebhook.doc, intent('requires_capture', { card }), context)!;
    expect(fromConfirm.doc.payment).toMatchObject({ status: 'authorized', card });
    expect(fromConfirm.events).toEqual([]);
    expect(applyIntentState(fromConfirm.doc, intent('requires_capture', { card }), context)).toBeUndefined();
    expect(applyIntentState(order('voided'), intent('requires_capture', { card }), context)).toBeUndefined();
  });

  it('never moves backwards: a late state after a later one changes nothing', () => {
    for (const [current, late] of [
      ['captured', 'requires_capture'],
      ['authorized', 'requires_payment_method'],
      ['authorized', 'requires_action'],
      ['voided', 'requires_capture'],
      ['refunded', 'succeeded'],
      ['partially_refunded', 'requires_capture'],
    ] as const) {
      expect(applyIntentState(order(current), intent(late), context), `${current} ← ${late}`).toBeUndefined();
    }
  });

  it('records a capture whose authorization was never reported as both (the SAGA then completes it)', () => {
    const next = applyIntentState(order('awaiting_payment'), intent('succeeded'), context)!;
    expect(next.doc.payment).toMatchObject({ status: 'captured', amount_authorized: 100, amount_captured: 100 });
    expect(next.events.map((e) => e.event_type)).toEqual(['PaymentAuthorized']);
  });

  it('emits PaymentFailed once per decline, and ignores another intent and orders still being placed', () => {
    const declined = intent('requires_payment_method', {
      last_error: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
    });
    const first = applyIntentState(order('awaiting_payment'), declined, context)!;
    expect(first.events.map((e) => e.event_type)).toEqual(['PaymentFailed']);
    expect(applyIntentState(first.doc, declined, context)).toBeUndefined();
    expect(applyIntentState(order('awaiting_payment'), { ...declined, id: 'pi_other' }, context)).toBeUndefined();
    expect(applyIntentState({ ...order('awaiting_payment'), placement: 'placing' }, declined, context)).toBeUndefined();
  });
});

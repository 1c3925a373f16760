import { toMinor } from '@holiday-peak-hub/contract';
import type { Caller } from '../pipeline/handler.ts';
import { describe, expect, it } from 'vitest';
import { address, ordersWorld } from './orders-test-kit.ts';

/**
 * A placement retried after an attempt that failed late (its order could not be saved once the
 * payment was prepared): the failed attempt cancels its intent, and the retry must not get that
 * dead intent back from the provider's idempotency replay.
 */

const guest: Caller = { role: 'guest', userId: 'gst_r', email: null, issuer: 'test', sessionId: 's1' };
const ctx = { requestId: 'req-retry' };

/** A guest's cart ready to place, whose first placement fails at the order's save; its intent made by then. */
async function failedOnce() {
  const w = ordersWorld();
  const product = await w.product(0, 25, 10);
  await w.add(guest, product, 1);
  await w.ship(guest, 'standard');
  const replace = w.repos.orders.replace.bind(w.repos.orders);
  let failures = 1;
  w.repos.orders.replace = (...args) => (failures-- > 0 ? Promise.reject(new Error('storage down')) : replace(...args));
  await expect(
    w.placement.place(guest, { email: 'first@example.com', shipping_address: address() }, ctx),
  ).rejects.toThrow('storage down');
  const created = w.gateway.events().filter((e) => e.type === 'payment_intent.created');
  expect(created).toHaveLength(1);
  const cancelled = created[0]!.data.object.id as string;
  expect((await w.gateway.retrieve(cancelled))?.status).toBe('canceled');
  expect(await w.stockOf(product)).toBe(10);
  return { w, product, cancelled };
}

describe('placing again after a late failure', () => {
  it('gives the same request a payable intent of its own, not the cancelled one', async () => {
    const { w, product, cancelled } = await failedOnce();
    const { intent } = await w.placement.place(guest, { email: 'first@example.com', shipping_address: address() }, ctx);
    expect(intent.id).not.toBe(cancelled);
    expect(intent.status).toBe('requires_payment_method');
    expect((await w.gateway.confirm(intent.id, 'pm_card_visa')).status).toBe('requires_capture');
    expect(await w.stockOf(product)).toBe(9);
  });

  it('places with the email and total of the retry (a typo fixed, a price changed meanwhile)', async () => {
    const { w, product, cancelled } = await failedOnce();
    await w.product(0, 27, 10);
    const { order, intent } = await w.placement.place(
      guest,
      { email: 'second@example.com', shipping_address: address() },
      ctx,
    );
    expect(intent.id).not.toBe(cancelled);
    expect(intent.amount).toBe(toMinor(order.totals.total));
    expect(order.email).toBe('second@example.com');
    expect((await w.gateway.confirm(intent.id, 'pm_card_visa')).status).toBe('requires_capture');
    expect(await w.stockOf(product)).toBe(9);
  });
});

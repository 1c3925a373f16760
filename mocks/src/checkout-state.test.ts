import { OrderSchema, PaymentIntentViewSchema, type OrderPlaced } from '@holiday-peak-hub/contract';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { confirmPayment, fillCart, orderReaching, placeOrder, stockedVariant } from './checkout-support.ts';
import { createMockApi, type MockApi } from './create-handlers.ts';
import { BASE_URL, call, json } from './test-support.ts';
import { createMockStore } from './wiring/mock-store.ts';
import type { StateStorage } from './wiring/persistence.ts';

/*
 * The payment provider's intents live in the store's tables with the orders: a reset forgets
 * both, and a state saved in Web Storage brings both back after a reload.
 */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Web Storage in a Map (what `localStorage` is to the mocks). */
function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

/** A page (re)loaded: a fresh store and handlers over the saved state, as in a browser. */
function loadPage(storage?: StateStorage): MockApi {
  const api = createMockApi({
    baseUrl: BASE_URL,
    store: createMockStore(),
    ...(storage ? { persist: { storage } } : {}),
  });
  server.resetHandlers(...api.handlers);
  return api;
}

async function placeUnpaid(api: MockApi): Promise<OrderPlaced> {
  await fillCart('customer', stockedVariant(api.store));
  const placed = await placeOrder('customer');
  if (placed.status !== 201) throw new Error(`placeOrder: ${placed.status} ${await placed.text()}`);
  return json<OrderPlaced>(placed);
}

describe('orders and their payments kept together', () => {
  it('after a reload the saved order is paid with its own intent and goes on to processing', async () => {
    const storage = memoryStorage();
    const before = loadPage(storage);
    const { order, payment } = await placeUnpaid(before);
    expect(storage.data.get('holiday-peak-hub-mocks')).toContain(payment.intent_id);

    const after = loadPage(storage);
    expect(after.store.payments).not.toBe(before.store.payments);
    const intent = await call('post', '/api/payments/create-intent', {
      token: 'customer',
      body: { order_id: order.id },
    });
    expect(PaymentIntentViewSchema.parse(await intent.json())).toMatchObject({
      intent_id: payment.intent_id,
      client_secret: payment.client_secret,
    });
    const confirmed = await confirmPayment('customer', order.id);
    expect(confirmed.status).toBe(200);
    expect(PaymentIntentViewSchema.parse(await confirmed.json()).intent_id).toBe(payment.intent_id);
    expect((await orderReaching('customer', order.id, 'processing')).status).toBe('processing');
  });

  it('a scenario control saves its change too (an expired order stays expired after a reload)', async () => {
    const storage = memoryStorage();
    const api = loadPage(storage);
    const { order } = await placeUnpaid(api);
    expect(await api.scenarios.checkout.expireUnpaidOrders({ now: true })).toMatchObject({ expired: 1 });
    loadPage(storage);
    const reloaded = OrderSchema.parse(await json(await call('get', `/api/orders/${order.id}`, { token: 'customer' })));
    expect(reloaded.status).toBe('cancelled');
  });

  it('a state saved before the intents were kept (version 1) is ignored: the demo state starts', async () => {
    const storage = memoryStorage();
    const { order } = await placeUnpaid(loadPage(storage));
    const saved = JSON.parse(storage.data.get('holiday-peak-hub-mocks') ?? '{}') as { version: number };
    storage.setItem('holiday-peak-hub-mocks', JSON.stringify({ ...saved, version: 1 }));
    loadPage(storage);
    expect((await call('get', `/api/orders/${order.id}`, { token: 'customer' })).status).toBe(404);
  });

  it('store.reset() forgets the orders and their intents alike', async () => {
    const api = loadPage();
    const { payment } = await placeUnpaid(api);
    expect(await api.store.payments.retrieve(payment.intent_id)).toBeDefined();
    api.store.reset();
    expect(await api.store.payments.retrieve(payment.intent_id)).toBeUndefined();
    expect(api.store.payments.events()).toEqual([]);
    expect((await placeUnpaid(api)).payment.intent_id).not.toBe(payment.intent_id);
  });

  it('an order whose intent the provider lost: confirm is a 404 naming it; create-intent makes a new one that pays', async () => {
    const api = loadPage();
    const { order, payment } = await placeUnpaid(api);
    // A provider that forgot everything (its intents, keys and events), as a gateway in memory would on a reload.
    for (const name of ['payments.intents', 'payments.intent-keys', 'payments.events'])
      api.store.tables.table(name).clear();
    const lost = await confirmPayment('customer', order.id);
    expect(lost.status).toBe(404);
    expect((await json<{ error: { code: string; details: unknown } }>(lost)).error).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      details: { intent_id: payment.intent_id },
    });
    const fresh = PaymentIntentViewSchema.parse(
      await json(
        await call('post', '/api/payments/create-intent', { token: 'customer', body: { order_id: order.id } }),
      ),
    );
    expect(fresh.intent_id).not.toBe(payment.intent_id);
    expect((await confirmPayment('customer', order.id)).status).toBe(200);
    expect((await orderReaching('customer', order.id, 'processing')).status).toBe('processing');
  });
});

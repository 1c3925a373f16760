import { MutationObserver, QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { createHolidayPeakClient } from './index.ts';
import {
  getCartOptions,
  getOrderOptions,
  getProductOptions,
  invalidateAfter,
  listMyOrdersInfiniteOptions,
  listMyOrdersOptions,
  placeOrderMutation,
  staffListOrdersOptions,
  withInvalidation,
} from './query.ts';

/** A fetch answering every GET with `{}` and writes per `write`, counting the calls per path. */
function fakeApi(write: () => Response = () => Response.json({ order: { id: 'ord_1' } }, { status: 201 })) {
  const calls = new Map<string, number>();
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    const path = `${request.method} ${new URL(request.url).pathname}`;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    return Promise.resolve(request.method === 'GET' ? Response.json({ items: [], next_cursor: null }) : write());
  };
  return { fetch, count: (path: string) => calls.get(path) ?? 0 };
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
afterEach(() => queryClient.clear());

function setUp(baseUrl = 'http://api.test', write?: () => Response) {
  const api = fakeApi(write);
  const client = createHolidayPeakClient({ baseUrl, getToken: () => 'token', fetch: api.fetch });
  const keys = {
    cart: getCartOptions({ client }).queryKey,
    order: getOrderOptions({ client, path: { id: 'ord_1' } }).queryKey,
    mine: listMyOrdersOptions({ client, query: { limit: 5 } }).queryKey,
    mineInfinite: listMyOrdersInfiniteOptions({ client }).queryKey,
    staff: staffListOrdersOptions({ client }).queryKey,
    product: getProductOptions({ client, path: { id: 'p1' } }).queryKey,
  };
  return { api, client, keys };
}

async function fill(keys: Record<string, QueryKey>): Promise<void> {
  for (const key of Object.values(keys)) await queryClient.fetchQuery({ queryKey: key, queryFn: () => ({}) });
}

const invalidated = (keys: Record<string, QueryKey>) =>
  Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated]));

describe('invalidateAfter', () => {
  it('placeOrder: the cart and every orders query, infinite ones too; nothing else', async () => {
    const { keys } = setUp();
    await fill(keys);
    await invalidateAfter(queryClient, 'placeOrder');
    expect(invalidated(keys)).toEqual({
      cart: true,
      order: true,
      mine: true,
      mineInfinite: true,
      staff: true,
      product: false,
    });
  });

  it('cancelOrder and confirmPayment: the orders, not the cart; addCartItem: the cart, not the orders', async () => {
    const { keys } = setUp();
    for (const operation of ['cancelOrder', 'confirmPayment'] as const) {
      await fill(keys);
      await invalidateAfter(queryClient, operation);
      expect(invalidated(keys)).toEqual({
        cart: false,
        order: true,
        mine: true,
        mineInfinite: true,
        staff: true,
        product: false,
      });
      queryClient.clear();
    }
    await fill(keys);
    await invalidateAfter(queryClient, 'addCartItem');
    expect(invalidated(keys)).toMatchObject({ cart: true, order: false, mine: false, staff: false });
  });

  it('with baseUrl, leaves the queries of another API alone', async () => {
    const ours = setUp('http://api.test');
    const theirs = setUp('http://other.test');
    await fill(ours.keys);
    await fill(theirs.keys);
    await invalidateAfter(queryClient, 'placeOrder', { baseUrl: ours.client.getConfig().baseUrl });
    expect(invalidated(ours.keys)).toMatchObject({ cart: true, mine: true });
    expect(invalidated(theirs.keys)).toMatchObject({ cart: false, mine: false });
  });

  it('makes an observed query fetch again', async () => {
    const { api, client } = setUp();
    const observer = new QueryObserver(queryClient, getCartOptions({ client }));
    const unsubscribe = observer.subscribe(() => undefined);
    await expect.poll(() => observer.getCurrentResult().isSuccess).toBe(true);
    expect(api.count('GET /api/cart')).toBe(1);
    await invalidateAfter(queryClient, 'chooseShipping');
    expect(api.count('GET /api/cart')).toBe(2);
    unsubscribe();
  });
});

describe('withInvalidation', () => {
  it('invalidates after a placed order, after the options own onSettled', async () => {
    const { api, client, keys } = setUp();
    await fill(keys);
    const settled: string[] = [];
    const options = withInvalidation(queryClient, 'placeOrder', {
      ...placeOrderMutation({ client }),
      onSettled: () => {
        settled.push(`cart invalidated: ${String(queryClient.getQueryState(keys.cart)?.isInvalidated)}`);
      },
    });
    const body = { shipping_address: { name: 'J', line1: '1', city: 'SF', postal_code: '94105', country: 'US' } };
    const placed = await new MutationObserver(queryClient, options).mutate({ body });
    expect(placed).toEqual({ order: { id: 'ord_1' } });
    expect(api.count('POST /api/orders')).toBe(1);
    expect(settled).toEqual(['cart invalidated: false']);
    expect(invalidated(keys)).toMatchObject({ cart: true, mine: true, product: false });
  });

  it('invalidates after a refused order too (the cart may have new issues)', async () => {
    const refused = () =>
      Response.json(
        { error: { code: 'INSUFFICIENT_STOCK', message: 'short', details: {}, timestamp: '', request_id: 'r' } },
        { status: 409 },
      );
    const { client, keys } = setUp('http://api.test', refused);
    await fill(keys);
    const options = withInvalidation(queryClient, 'placeOrder', placeOrderMutation({ client }));
    const body = { shipping_address: { name: 'J', line1: '1', city: 'SF', postal_code: '94105', country: 'US' } };
    await expect(new MutationObserver(queryClient, options).mutate({ body })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
    });
    expect(invalidated(keys)).toMatchObject({ cart: true, order: true });
  });
});

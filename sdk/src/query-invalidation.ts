import type { Query, QueryClient, UseMutationOptions } from '@tanstack/react-query';
import type * as queries from './gen/@tanstack/react-query.gen.js';
import type * as operations from './gen/sdk.gen.js';

/** The `_id` of a generated query key: `getCart` for `getCartQueryKey`, `listMyOrders` for `listMyOrdersInfiniteQueryKey`. */
export type QueryId = keyof typeof queries extends infer K
  ? K extends `${infer Id}InfiniteQueryKey`
    ? Id
    : K extends `${infer Id}QueryKey`
      ? Id
      : never
  : never;

const CART: readonly QueryId[] = ['getCart', 'listShippingOptions'];
const ORDERS: readonly QueryId[] = ['getOrder', 'getOrderTracking', 'listMyOrders', 'staffListOrders'];

/**
 * What each write changes, as the queries to fetch again: a placed order empties the cart and lists a new order; a
 * payment or cancellation moves an order's status; every cart write re-prices the cart and its shipping options.
 */
export const INVALIDATED_BY = {
  placeOrder: [...CART, ...ORDERS],
  cancelOrder: ORDERS,
  confirmPayment: ORDERS,
  createPaymentIntent: ORDERS,
  refundPayment: ORDERS,
  recordShipmentEvent: ORDERS,
  addCartItem: CART,
  updateCartItem: CART,
  removeCartItem: CART,
  clearCart: CART,
  mergeCart: CART,
  applyPromoCode: CART,
  removePromoCode: CART,
  chooseShipping: CART,
} as const satisfies Partial<Record<keyof typeof operations, readonly QueryId[]>>;

export type InvalidatingOperation = keyof typeof INVALIDATED_BY;

function keyOf(query: Query): { _id?: unknown; baseUrl?: unknown } | undefined {
  const first: unknown = query.queryKey[0];
  return typeof first === 'object' && first !== null ? first : undefined;
}

/**
 * Marks the queries a write of `operation` changed as stale (their active observers fetch again), whatever their
 * parameters, infinite or not. `baseUrl` keeps the queries of other APIs (a client's `getConfig().baseUrl`).
 */
export function invalidateAfter(
  queryClient: QueryClient,
  operation: InvalidatingOperation,
  options: { baseUrl?: string } = {},
): Promise<void> {
  const ids: ReadonlySet<unknown> = new Set(INVALIDATED_BY[operation]);
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const key = keyOf(query);
      if (!key || !ids.has(key._id)) return false;
      return options.baseUrl === undefined || key.baseUrl === options.baseUrl;
    },
  });
}

/**
 * A generated mutation's options (`placeOrderMutation({ client })`) that also invalidate, once the write settled
 * (succeeded or failed: a refused order may still have changed the cart's issues), after your own `onSettled`:
 * `useMutation(withInvalidation(queryClient, 'placeOrder', placeOrderMutation({ client })))`.
 */
export function withInvalidation<TData, TError, TVariables, TContext>(
  queryClient: QueryClient,
  operation: InvalidatingOperation,
  mutation: UseMutationOptions<TData, TError, TVariables, TContext>,
  options: { baseUrl?: string } = {},
): UseMutationOptions<TData, TError, TVariables, TContext> {
  return {
    ...mutation,
    onSettled: async (...args) => {
      await mutation.onSettled?.(...args);
      await invalidateAfter(queryClient, operation, options);
    },
  };
}

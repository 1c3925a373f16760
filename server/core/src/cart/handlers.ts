import type { cartOperations } from '@holiday-peak-hub/contract';
import type { HandlersFor } from '../pipeline/handler.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import type { CartMerge } from './cart-merge.ts';
import type { CartAnswer, CartService } from './cart-service.ts';

export type CartOperationId = (typeof cartOperations)[number]['operationId'];

const answered = ({ cart, version }: CartAnswer) => ({
  status: 200 as const,
  body: cart,
  headers: { ETag: httpEtag(version) },
});
const written = (requestId: string, ifMatch: string | undefined) => ({ requestId, ifMatch });

/** The cart's handlers: every answer is the whole cart, priced now, with its version as ETag. */
export function createCartHandlers(carts: CartService, merges: CartMerge): HandlersFor<CartOperationId> {
  return {
    getCart: async ({ caller }) => answered(await carts.get(caller)),
    addCartItem: async ({ input: { headers, body }, caller, requestId }) =>
      answered(await carts.add(caller, body, written(requestId, headers['if-match']))),
    updateCartItem: async ({ input: { params, headers, body }, caller, requestId }) =>
      answered(await carts.update(caller, params.id, body.quantity, written(requestId, headers['if-match']))),
    removeCartItem: async ({ input: { params, headers }, caller, requestId }) =>
      answered(await carts.remove(caller, params.id, written(requestId, headers['if-match']))),
    clearCart: async ({ input: { headers }, caller, requestId }) =>
      answered(await carts.clear(caller, written(requestId, headers['if-match']))),
    mergeCart: async ({ input: { headers, body }, caller, requestId }) =>
      answered(await merges.merge(caller, body.guest_token, written(requestId, headers['if-match']))),
    applyPromoCode: async ({ input: { headers, body }, caller, requestId }) =>
      answered(await carts.applyPromo(caller, body.code, written(requestId, headers['if-match']))),
    removePromoCode: async ({ input: { headers }, caller, requestId }) =>
      answered(await carts.removePromo(caller, written(requestId, headers['if-match']))),
    listShippingOptions: async ({ input: { query }, caller }) => ({
      status: 200,
      body: await carts.shippingOptions(caller, query.country, query.postal_code),
    }),
    chooseShipping: async ({ input: { headers, body }, caller, requestId }) =>
      answered(await carts.chooseShipping(caller, body, written(requestId, headers['if-match']))),
  };
}

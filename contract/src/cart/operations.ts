import * as z from 'zod';
import { ETAG_HEADER, IfMatchHeadersSchema } from '../common/headers.ts';
import { ACCOUNT_HOLDERS, SESSION_HOLDERS } from '../common/roles.ts';
import { defineOperation } from '../operation.ts';
import type { Operation } from '../operation.ts';
import { CartItemAddSchema, CartItemUpdateSchema, CartLineIdSchema, CartMergeSchema, CartSchema } from './schemas.ts';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './limits.ts';
import { applyPromoCode, chooseShipping, listShippingOptions, removePromoCode } from './checkout-operations.ts';

const TAGS = ['Cart'] as const;
const cartAnswer = (description: string) => ({
  200: { description, schema: CartSchema, headers: { ETag: ETAG_HEADER } },
});
const lineParams = z.strictObject({ id: CartLineIdSchema });
const IF_MATCH =
  ' Send the `ETag` of your last cart answer in `If-Match` to refuse the change (412) when the cart changed since; without it, concurrent changes all apply.';

export const getCart = defineOperation({
  operationId: 'getCart',
  method: 'get',
  path: '/api/cart',
  tags: TAGS,
  summary: 'Your cart',
  description:
    "The caller's cart (a guest session's or an account's), priced from the catalog as it is now. Lines whose product is gone or short of stock are kept and flagged in `issues`. A cart never written answers empty.",
  access: SESSION_HOLDERS,
  responses: cartAnswer('The cart.'),
  errors: [],
});

export const addCartItem = defineOperation({
  operationId: 'addCartItem',
  method: 'post',
  path: '/api/cart/items',
  tags: TAGS,
  summary: 'Add to your cart',
  description: `Adds units of a variant of an active product. A variant already in the cart has its quantity increased. Refused (422) when the product or variant does not exist or is not for sale, when the line would hold more than ${MAX_LINE_QUANTITY} units or more than are in stock, or when the cart already holds ${MAX_CART_LINES} lines.${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { headers: IfMatchHeadersSchema, body: CartItemAddSchema },
  responses: cartAnswer('The cart after the change.'),
  errors: ['PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
});

export const updateCartItem = defineOperation({
  operationId: 'updateCartItem',
  method: 'put',
  path: '/api/cart/items/{id}',
  tags: TAGS,
  summary: 'Change a quantity',
  description: `Sets the quantity of a line of your cart (absolute). Refused (422) when the product is no longer for sale or has fewer units in stock.${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { params: lineParams, headers: IfMatchHeadersSchema, body: CartItemUpdateSchema },
  responses: cartAnswer('The cart after the change.'),
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
});

export const removeCartItem = defineOperation({
  operationId: 'removeCartItem',
  method: 'delete',
  path: '/api/cart/items/{id}',
  tags: TAGS,
  summary: 'Remove a line',
  description: `Removes a line of your cart; a line that is not in your cart is a 404.${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { params: lineParams, headers: IfMatchHeadersSchema },
  responses: cartAnswer('The cart after the change.'),
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
});

export const clearCart = defineOperation({
  operationId: 'clearCart',
  method: 'delete',
  path: '/api/cart',
  tags: TAGS,
  summary: 'Empty your cart',
  description: `Removes every line (repeating the call is harmless).${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { headers: IfMatchHeadersSchema },
  responses: cartAnswer('The empty cart.'),
  errors: ['PRECONDITION_FAILED'],
  concurrency: 'if-match',
});

export const mergeCart = defineOperation({
  operationId: 'mergeCart',
  method: 'post',
  path: '/api/cart/merge',
  tags: TAGS,
  summary: 'Merge a guest cart into yours',
  description: `After signing in: the lines of the guest session's cart join your cart (the quantities of a variant in both are summed, capped by the stock and by ${MAX_LINE_QUANTITY}; lines beyond ${MAX_CART_LINES} are dropped) and the guest cart is deleted. Prove you held the guest session with its access token in \`guest_token\` (verified like any token: ours, live, role \`guest\`); another kind of token, or an expired or ended one, is a 422. Merging again changes nothing.${IF_MATCH}`,
  access: ACCOUNT_HOLDERS,
  request: { headers: IfMatchHeadersSchema, body: CartMergeSchema },
  responses: cartAnswer('Your cart after the merge.'),
  errors: ['PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
});

/** The cart operations, checkout steps included. Carts publish no domain events (the design document lists none). */
export const cartOperations = [
  getCart,
  addCartItem,
  updateCartItem,
  removeCartItem,
  clearCart,
  mergeCart,
  applyPromoCode,
  removePromoCode,
  listShippingOptions,
  chooseShipping,
] as const satisfies readonly Operation<never>[];

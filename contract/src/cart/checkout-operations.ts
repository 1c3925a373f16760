import { ETAG_HEADER, IfMatchHeadersSchema } from '../common/headers.ts';
import { SESSION_HOLDERS } from '../common/roles.ts';
import { defineOperation } from '../operation.ts';
import { CartPromoApplySchema, CartSchema } from './schemas.ts';

/* Checkout steps on the caller's cart: the promo code. Each answers the whole cart, priced now. */

const TAGS = ['Checkout'] as const;
const cartAnswer = (description: string) => ({
  200: { description, schema: CartSchema, headers: { ETag: ETAG_HEADER } },
});
const IF_MATCH =
  ' Send the `ETag` of your last cart answer in `If-Match` to refuse the change (412) when the cart changed since.';

export const applyPromoCode = defineOperation({
  operationId: 'applyPromoCode',
  method: 'post',
  path: '/api/checkout/promo',
  tags: TAGS,
  summary: 'Apply a promo code to your cart',
  description: `Evaluates the code (any case) against your cart as priced now and, when it applies, keeps it on the cart (replacing a code applied before): \`totals.discount\` shows what it takes off. A code that does not apply is a 422 with the reason's code (\`PROMO_CODE_INVALID\`, \`PROMO_CODE_NOT_YET_VALID\`, \`PROMO_CODE_EXPIRED\`, \`PROMO_USAGE_LIMIT_REACHED\`, \`PROMO_CUSTOMER_LIMIT_REACHED\`, \`PROMO_MINIMUM_NOT_MET\`, \`PROMO_NOT_APPLICABLE\`) and changes nothing. The code is checked again at every read: one that stops applying stays on the cart with \`promo_issue\` and no discount. No use is counted until the order is placed.${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { headers: IfMatchHeadersSchema, body: CartPromoApplySchema },
  responses: cartAnswer('The cart with the code applied.'),
  errors: [
    'PRECONDITION_FAILED',
    'PROMO_CODE_INVALID',
    'PROMO_CODE_NOT_YET_VALID',
    'PROMO_CODE_EXPIRED',
    'PROMO_USAGE_LIMIT_REACHED',
    'PROMO_CUSTOMER_LIMIT_REACHED',
    'PROMO_MINIMUM_NOT_MET',
    'PROMO_NOT_APPLICABLE',
  ],
  concurrency: 'if-match',
});

export const removePromoCode = defineOperation({
  operationId: 'removePromoCode',
  method: 'delete',
  path: '/api/checkout/promo',
  tags: TAGS,
  summary: 'Remove the promo code from your cart',
  description: `Takes the promo code off your cart (repeating the call is harmless).${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { headers: IfMatchHeadersSchema },
  responses: cartAnswer('The cart without a promo code.'),
  errors: ['PRECONDITION_FAILED'],
  concurrency: 'if-match',
});

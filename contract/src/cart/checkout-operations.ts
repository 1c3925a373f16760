import { PROMO_REFUSAL_CODES } from '../common/errors.ts';
import { ETAG_HEADER, IfMatchHeadersSchema } from '../common/headers.ts';
import { SESSION_HOLDERS } from '../common/roles.ts';
import { defineOperation } from '../operation.ts';
import { CartPromoApplySchema, CartSchema } from './schemas.ts';
import { ShippingChoiceSchema, ShippingDestinationSchema, ShippingOptionListSchema } from './shipping.ts';

/* Checkout steps on the caller's cart: the promo code and shipping. Each answers the whole cart, priced now. */

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
  errors: ['PRECONDITION_FAILED', ...PROMO_REFUSAL_CODES],
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

const RATES =
  'Shipped to US, CA, MX, GB, DE and FR: standard and express everywhere, overnight in the US; standard is free in the US from a subtotal of 100 USD. Any other country is a 422 (`details.reason: "unsupported_country"`).';

export const listShippingOptions = defineOperation({
  operationId: 'listShippingOptions',
  method: 'get',
  path: '/api/checkout/shipping-options',
  tags: TAGS,
  summary: 'Shipping options for your cart',
  description: `The options for your cart to a destination (\`country\`, \`postal_code\`): carrier, service level, price for your cart now, and estimated delivery dates (now plus business days). ${RATES}`,
  access: SESSION_HOLDERS,
  request: { query: ShippingDestinationSchema },
  responses: { 200: { description: 'The options, cheapest first.', schema: ShippingOptionListSchema } },
  errors: ['UNPROCESSABLE_ENTITY'],
});

export const chooseShipping = defineOperation({
  operationId: 'chooseShipping',
  method: 'put',
  path: '/api/checkout/shipping',
  tags: TAGS,
  summary: 'Choose a shipping option',
  description: `Keeps the destination and an option of \`GET /api/checkout/shipping-options\` on your cart: its price joins \`totals.shipping\` (repriced at every read; 0 while a free-shipping code applies). An option not offered to the destination is a 422 (\`details.reason: "unsupported_country"\` or \`"unknown_option"\`).${IF_MATCH}`,
  access: SESSION_HOLDERS,
  request: { headers: IfMatchHeadersSchema, body: ShippingChoiceSchema },
  responses: cartAnswer('The cart with its shipping.'),
  errors: ['PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
});

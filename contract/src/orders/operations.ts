import * as z from 'zod';
import { LOCATION_HEADER } from '../common/headers.ts';
import { PROMO_REFUSAL_CODES } from '../common/errors.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../common/paging.ts';
import { ACCOUNT_HOLDERS, SESSION_HOLDERS } from '../common/roles.ts';
import { EmailSchema } from '../identity/schemas/account.ts';
import { defineOperation } from '../operation.ts';
import {
  OrderCancelSchema,
  OrderPlacedSchema,
  OrderPlaceSchema,
  OrderRefSchema,
  OrderSchema,
  OrderStatusSchema,
  OrderSummarySchema,
  OrderTrackingSchema,
  ShipmentEventSchema,
} from './schemas.ts';

/* Orders: placing the cart, reading and tracking an order, cancelling it; staff lists and shipment events. */

const TAGS = ['Orders'] as const;
const STAFF = ['staff'] as const;
const orderParams = z.strictObject({ id: OrderRefSchema });
const ANYONE_WITH_EMAIL =
  'Open to its owner (the account, or the guest session that placed it), to staff, and to anyone who sends the email the order was placed with in `email`: a wrong email answers exactly as a missing order (404). Rate limited per client IP, like sign-in: poll it every few seconds at most.';
const readQuery = z.strictObject({
  email: EmailSchema.optional().meta({
    description: "The order's email: lets anyone without the owner's session read it.",
  }),
});

export const OrderPageSchema = pageOf(OrderSummarySchema, 'OrderPage');

export const placeOrder = defineOperation({
  operationId: 'placeOrder',
  method: 'post',
  path: '/api/orders',
  tags: TAGS,
  summary: 'Place your cart as an order',
  description:
    "Turns your cart as it is now into an order: its lines at today's prices, its promo code (counted now, once) and its shipping option. Stock is reserved for every line (a variant short of stock refuses the whole order with 409 `INSUFFICIENT_STOCK`, nothing reserved), the order gets its number (`HPH-YYYY-NNNNNN`), a payment is prepared for the total and the cart is emptied. Pay with the answer's `payment.client_secret` (Stripe.js) or `POST /api/payments/confirm`; an order not paid within 30 minutes is cancelled. A cart with a line no longer for sale (or priced in another currency), without a shipping option, or a `shipping_address` in another country or postal code than the option was chosen for is refused (422); a line short of stock is the 409 above. Guests must send `email`. One cart makes one order: a second placement of the same cart (another tab, a double click with another key) is a 409 `CONFLICT` naming the order.",
  access: SESSION_HOLDERS,
  request: { body: OrderPlaceSchema },
  responses: {
    201: {
      description: 'The order, and its payment to confirm.',
      schema: OrderPlacedSchema,
      headers: { Location: LOCATION_HEADER },
    },
  },
  errors: ['UNPROCESSABLE_ENTITY', 'INSUFFICIENT_STOCK', 'CONFLICT', ...PROMO_REFUSAL_CODES],
  idempotency: 'required',
  publishes: ['OrderCreated', 'InventoryReserved'],
});

export const getOrder = defineOperation({
  operationId: 'getOrder',
  method: 'get',
  path: '/api/orders/{id}',
  tags: TAGS,
  summary: 'An order',
  description: `The order with its lines, totals, payment, shipment and status history. ${ANYONE_WITH_EMAIL}`,
  access: 'public',
  optionalAuth: true,
  request: { params: orderParams, query: readQuery },
  responses: { 200: { description: 'The order.', schema: OrderSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
  rateLimited: true,
});

export const getOrderTracking = defineOperation({
  operationId: 'getOrderTracking',
  method: 'get',
  path: '/api/orders/{id}/tracking',
  tags: TAGS,
  summary: 'Track an order',
  description: `The order's status timeline and its shipment's carrier events (page 4). ${ANYONE_WITH_EMAIL}`,
  access: 'public',
  optionalAuth: true,
  request: { params: orderParams, query: readQuery },
  responses: { 200: { description: 'Where the order is.', schema: OrderTrackingSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
  rateLimited: true,
});

export const listMyOrders = defineOperation({
  operationId: 'listMyOrders',
  method: 'get',
  path: '/api/users/me/orders',
  tags: TAGS,
  summary: 'Your orders',
  description:
    "Your orders, newest first, including those you placed as a guest with your account's email before signing up (linked once the email is verified).",
  access: ACCOUNT_HOLDERS,
  request: {
    query: z.strictObject({ status: OrderStatusSchema.optional(), limit: LimitQuerySchema, cursor: CursorQuerySchema }),
  },
  responses: { 200: { description: 'A page of your orders.', schema: OrderPageSchema } },
  errors: [],
});

export const cancelOrder = defineOperation({
  operationId: 'cancelOrder',
  method: 'post',
  path: '/api/orders/{id}/cancel',
  tags: TAGS,
  summary: 'Cancel an order',
  description:
    'Cancels an order that has not shipped: its stock and promo use are given back, and its payment is voided (not yet captured) or refunded in full. Its owner or staff may cancel; once shipped it is a 409 `ORDER_NOT_CANCELLABLE` (returns come with the staff tools). Cancelling a cancelled order answers it as it is.',
  access: SESSION_HOLDERS,
  request: { params: orderParams, body: OrderCancelSchema },
  responses: { 200: { description: 'The cancelled order.', schema: OrderSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'ORDER_NOT_CANCELLABLE'],
  publishes: ['OrderCancelled', 'InventoryReleased', 'PaymentVoided', 'RefundProcessed', 'OrderStatusChanged'],
});

export const staffListOrders = defineOperation({
  operationId: 'staffListOrders',
  method: 'get',
  path: '/api/staff/orders',
  tags: TAGS,
  summary: 'All orders',
  description: 'Every order, newest first, optionally of one status or one email.',
  access: STAFF,
  request: {
    query: z.strictObject({
      status: OrderStatusSchema.optional(),
      email: EmailSchema.optional(),
      limit: LimitQuerySchema,
      cursor: CursorQuerySchema,
    }),
  },
  responses: { 200: { description: 'A page of orders.', schema: OrderPageSchema } },
  errors: [],
});

export const recordShipmentEvent = defineOperation({
  operationId: 'recordShipmentEvent',
  method: 'post',
  path: '/api/staff/orders/{id}/shipment-events',
  tags: TAGS,
  summary: "Record a carrier's shipment event",
  description:
    "Adds a carrier event to a processing or shipped order's shipment (what a carrier integration posts): `picked_up` moves the order to `shipped`, `delivered` to `delivered`. Events must follow the shipment's course (409 `CONFLICT` otherwise).",
  access: STAFF,
  request: { params: orderParams, body: ShipmentEventSchema.omit({ at: true }).meta({ id: 'ShipmentEventInput' }) },
  responses: { 200: { description: 'The order.', schema: OrderSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT'],
  publishes: ['ShipmentStatusUpdated', 'OrderStatusChanged'],
});

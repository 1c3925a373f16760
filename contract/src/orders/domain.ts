import type { Operation } from '../operation.ts';
import type { OrderEventType } from '../events/orders.ts';
import { defineDomain } from '../domain.ts';
import {
  cancelOrder,
  getOrder,
  getOrderTracking,
  listMyOrders,
  placeOrder,
  recordShipmentEvent,
  staffListOrders,
} from './operations.ts';
import { confirmPayment, createPaymentIntent, receivePaymentWebhook, refundPayment } from './payment-operations.ts';

/** The order and payment operations, in the order of the OpenAPI document. */
export const orderOperations = [
  placeOrder,
  getOrder,
  getOrderTracking,
  cancelOrder,
  listMyOrders,
  staffListOrders,
  recordShipmentEvent,
  createPaymentIntent,
  confirmPayment,
  refundPayment,
  receivePaymentWebhook,
] as const satisfies readonly Operation<OrderEventType>[];

export const ordersDomain = defineDomain({
  name: 'orders',
  tags: [
    {
      name: 'Orders',
      description:
        'Placing the cart as an order (page 7), reading and tracking it (page 4), cancelling it; staff see every order.',
    },
    {
      name: 'Payments',
      description:
        "An order's payment (Stripe PaymentIntents, held when confirmed and captured once stock is confirmed), refunds, and Stripe's webhook.",
    },
  ],
  operations: orderOperations,
});

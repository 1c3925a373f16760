import type {
  cancelOrder,
  getOrder,
  getOrderTracking,
  listMyOrders,
  placeOrder,
  recordShipmentEvent,
  staffListOrders,
} from '@holiday-peak-hub/contract';
import type { HandlersFor } from '../pipeline/handler.ts';
import { toOrder, toOrderSummary, toPaymentIntentView } from './mapping.ts';
import type { OrderCancellation } from './order-cancel.ts';
import type { OrderPlacement } from './order-placement.ts';
import type { OrderReads } from './order-reads.ts';
import type { ShipmentEvents } from './shipment-events.ts';

type OrderOperation =
  | typeof placeOrder
  | typeof getOrder
  | typeof getOrderTracking
  | typeof cancelOrder
  | typeof listMyOrders
  | typeof staffListOrders
  | typeof recordShipmentEvent;

/** The order operations (the payment operations have their own handlers). */
export type OrderOperationId = OrderOperation['operationId'];

/** One typed handler per order operation. */
export type OrderHandlers = HandlersFor<OrderOperationId>;

export interface OrderServices {
  placement: OrderPlacement;
  reads: OrderReads;
  cancellation: OrderCancellation;
  shipments: ShipmentEvents;
}

const page = <T, R>(result: { items: T[]; nextCursor: string | null }, view: (item: T) => R) => ({
  items: result.items.map(view),
  next_cursor: result.nextCursor,
});

/** The order operations: read the validated input, call a service, shape the answer. */
export function createOrderHandlers(services: OrderServices): OrderHandlers {
  const { placement, reads, cancellation, shipments } = services;
  return {
    placeOrder: async ({ input: { body }, caller, requestId, http }) => {
      const { order, intent } = await placement.place(caller, body, {
        requestId,
        ip: http.ip,
        userAgent: http.userAgent,
      });
      return {
        status: 201,
        body: { order: toOrder(order), payment: toPaymentIntentView(order.id, intent) },
        headers: { Location: `/api/orders/${order.id}` },
      };
    },

    getOrder: async ({ input: { params, query }, caller }) => ({
      status: 200,
      body: toOrder(await reads.get(caller, params.id, query.email)),
    }),

    getOrderTracking: async ({ input: { params, query }, caller }) => ({
      status: 200,
      body: await reads.tracking(caller, params.id, query.email),
    }),

    cancelOrder: async ({ input: { params, body }, caller }) => ({
      status: 200,
      body: toOrder(await cancellation.cancel(caller, params.id, body.reason)),
    }),

    listMyOrders: async ({ input: { query }, caller }) => {
      const { status, limit, cursor } = query;
      return { status: 200, body: page(await reads.listMine(caller, status, { limit, cursor }), toOrderSummary) };
    },

    staffListOrders: async ({ input: { query } }) => {
      const { status, email, limit, cursor } = query;
      return {
        status: 200,
        body: page(await reads.listForStaff({ status, email }, { limit, cursor }), toOrderSummary),
      };
    },

    recordShipmentEvent: async ({ input: { params, body } }) => ({
      status: 200,
      body: toOrder(await shipments.record(params.id, body)),
    }),
  };
}

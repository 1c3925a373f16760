import * as z from 'zod';
import { eventEnvelope } from './envelope.ts';
import { CurrencySchema } from '../common/money.ts';
import { ProductIdSchema, VariantIdSchema } from '../catalog/ids.ts';
import { CartAmountSchema } from '../cart/schemas.ts';
import { ShippingServiceLevelSchema } from '../cart/shipping.ts';
import { PromoCodeSchema } from '../promotions/schemas.ts';
import {
  OrderIdSchema,
  OrderNumberSchema,
  OrderStatusSchema,
  OrderTotalsSchema,
  ShipmentEventSchema,
} from '../orders/schemas.ts';

/*
 * The order SAGA's events (design document, "Event Hubs Topics"): one hub per family, every event
 * partitioned by its order, so one order's events of a family arrive in order. They carry ids,
 * quantities and amounts, never the shopper's personal data; `correlation_id` is the order's id
 * for every event of its SAGA and `causation_id` the event that caused it.
 */

const order = { order_id: OrderIdSchema, order_number: OrderNumberSchema };
const units = z.array(
  z.strictObject({ product_id: ProductIdSchema, variant_id: VariantIdSchema, quantity: z.int().min(1) }),
);
const money = { amount: CartAmountSchema, currency: CurrencySchema };

export const OrderCreatedSchema = eventEnvelope(
  'OrderCreated',
  z.strictObject({
    ...order,
    customer_id: z.union([z.string(), z.null()]),
    items: z.array(
      z.strictObject({
        product_id: ProductIdSchema,
        variant_id: VariantIdSchema,
        quantity: z.int().min(1),
        unit_price: CartAmountSchema,
      }),
    ),
    totals: OrderTotalsSchema,
    promo_code: z.union([PromoCodeSchema, z.null()]),
  }),
  'An order was placed: its stock is reserved and its payment is awaited.',
);
export const OrderStatusChangedSchema = eventEnvelope(
  'OrderStatusChanged',
  z.strictObject({ ...order, from: OrderStatusSchema, to: OrderStatusSchema, reason: z.union([z.string(), z.null()]) }),
  "An order's status changed (the status history's newest entry).",
);
export const OrderCancelledSchema = eventEnvelope(
  'OrderCancelled',
  z.strictObject({ ...order, previous_status: OrderStatusSchema, reason: z.string() }),
  'An order was cancelled (by the shopper, staff, or because it was not paid in time); its stock and promo use were given back.',
);

export const InventoryReservedSchema = eventEnvelope(
  'InventoryReserved',
  z.strictObject({ ...order, items: units }),
  "An order's units were taken from stock (a conditional decrement per variant) when it was placed.",
);
export const InventoryReleasedSchema = eventEnvelope(
  'InventoryReleased',
  z.strictObject({ ...order, items: units, reason: z.string() }),
  "An order's reserved units went back to stock (cancelled, or not paid in time).",
);

export const PaymentAuthorizedSchema = eventEnvelope(
  'PaymentAuthorized',
  z.strictObject({ ...order, intent_id: z.string(), ...money }),
  "The order's amount is held on the card: the SAGA captures it, its stock being reserved.",
);
export const PaymentProcessedSchema = eventEnvelope(
  'PaymentProcessed',
  z.strictObject({ ...order, intent_id: z.string(), ...money }),
  "The order's payment was captured (charged).",
);
export const PaymentFailedSchema = eventEnvelope(
  'PaymentFailed',
  z.strictObject({
    ...order,
    intent_id: z.string(),
    code: z.string(),
    decline_code: z.union([z.string(), z.null()]),
  }),
  'A card was declined for the order; the order keeps waiting for another card until it expires.',
);
export const PaymentVoidedSchema = eventEnvelope(
  'PaymentVoided',
  z.strictObject({ ...order, intent_id: z.string(), reason: z.string() }),
  "The order's payment hold was cancelled: nothing was charged.",
);
export const RefundProcessedSchema = eventEnvelope(
  'RefundProcessed',
  z.strictObject({ ...order, intent_id: z.string(), refund_id: z.string(), ...money, reason: z.string() }),
  'Money was given back for the order (all or part of what was captured).',
);

export const ShipmentScheduledSchema = eventEnvelope(
  'ShipmentScheduled',
  z.strictObject({
    ...order,
    carrier: z.string(),
    service_level: ShippingServiceLevelSchema,
    tracking_number: z.string(),
    estimated_delivery: z.strictObject({ earliest: z.iso.date(), latest: z.iso.date() }),
  }),
  'A shipment was scheduled for a paid order: the order is processing.',
);
export const ShipmentStatusUpdatedSchema = eventEnvelope(
  'ShipmentStatusUpdated',
  z.strictObject({ ...order, tracking_number: z.string(), event: ShipmentEventSchema }),
  "The carrier reported a step of the order's shipment.",
);

const byOrder = <T extends string, S>(topic: T, schema: S) => ({ topic, key: 'order_id', schema }) as const;

/** The order SAGA's events by type, on the design document's four hubs. */
export const ORDER_EVENTS = {
  OrderCreated: byOrder('order-events', OrderCreatedSchema),
  OrderStatusChanged: byOrder('order-events', OrderStatusChangedSchema),
  OrderCancelled: byOrder('order-events', OrderCancelledSchema),
  InventoryReserved: byOrder('inventory-events', InventoryReservedSchema),
  InventoryReleased: byOrder('inventory-events', InventoryReleasedSchema),
  PaymentAuthorized: byOrder('payment-events', PaymentAuthorizedSchema),
  PaymentProcessed: byOrder('payment-events', PaymentProcessedSchema),
  PaymentFailed: byOrder('payment-events', PaymentFailedSchema),
  PaymentVoided: byOrder('payment-events', PaymentVoidedSchema),
  RefundProcessed: byOrder('payment-events', RefundProcessedSchema),
  ShipmentScheduled: byOrder('shipping-events', ShipmentScheduledSchema),
  ShipmentStatusUpdated: byOrder('shipping-events', ShipmentStatusUpdatedSchema),
} as const;

export type OrderEventType = keyof typeof ORDER_EVENTS;

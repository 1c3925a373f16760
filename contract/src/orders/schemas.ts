import * as z from 'zod';
import { CurrencySchema } from '../common/money.ts';
import { ProductIdSchema, VariantIdSchema } from '../catalog/ids.ts';
import { ProductImageSchema } from '../catalog/schemas.ts';
import { CartAmountSchema, CartQuantitySchema } from '../cart/schemas.ts';
import { ShippingServiceLevelSchema } from '../cart/shipping.ts';
import { EmailSchema } from '../identity/schemas/account.ts';
import { AddressFieldsSchema } from '../identity/schemas/address.ts';
import { PromoCodeSchema } from '../promotions/schemas.ts';

const Timestamp = z.iso.datetime();

export const OrderIdSchema = z
  .string()
  .regex(/^ord_[a-z0-9]{20}$/, 'not an order id (expected ord_ and 20 lower-case letters or digits)')
  .meta({ id: 'OrderId', example: 'ord_7k2m9q4x1w8e7r6t5y3u' });

export const OrderNumberSchema = z
  .string()
  .regex(/^HPH-\d{4}-\d{6,9}$/, 'not an order number (expected HPH-YYYY-NNNNNN)')
  .meta({
    id: 'OrderNumber',
    description: 'What the shopper sees and quotes: unique; six digits (more in a year past 999,999 orders).',
    example: 'HPH-2026-001234',
  });

/** An order as a path names it: its id, or the number the shopper was given. */
export const OrderRefSchema = z
  .union([OrderIdSchema, OrderNumberSchema])
  .meta({ description: 'The order id (`ord_…`) or its number (`HPH-YYYY-NNNNNN`).' });

export const ORDER_STATUSES = ['pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'cancelled'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES).meta({
  id: 'OrderStatus',
  description:
    '`pending_payment`: placed, stock reserved, waiting for the card. `paid`: the payment was captured. `processing`: a shipment is scheduled. `shipped`, `delivered`: on its way, arrived. `cancelled`: by the shopper, staff, or because it was not paid in time; stock and promo use are given back and the payment voided or refunded.',
});
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const PAYMENT_STATUSES = [
  'awaiting_payment',
  'requires_action',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES).meta({
  id: 'PaymentStatus',
  description:
    '`awaiting_payment`: no card accepted yet (a declined card leaves it here). `requires_action`: the bank asks the shopper to authenticate (3-D Secure). `authorized`: the amount is held on the card. `captured`: charged. `partially_refunded`, `refunded`: money given back. `voided`: the hold was cancelled, nothing charged.',
});
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const OrderLineSchema = z
  .strictObject({
    product_id: ProductIdSchema,
    variant_id: VariantIdSchema,
    sku: z.string(),
    name: z.string(),
    variant_name: z.string(),
    image: z.union([ProductImageSchema, z.null()]),
    quantity: CartQuantitySchema,
    unit_price: CartAmountSchema.meta({ description: 'The price when the order was placed.' }),
    line_total: CartAmountSchema.meta({ description: 'unit_price × quantity, exactly.' }),
  })
  .meta({ id: 'OrderLine', description: 'A line as it was bought: prices and names are kept as they were.' });

export const OrderTotalsSchema = z
  .strictObject({
    subtotal: CartAmountSchema,
    discount: CartAmountSchema,
    tax: CartAmountSchema,
    shipping: CartAmountSchema,
    total: CartAmountSchema.meta({ description: 'subtotal − discount + tax + shipping, exactly: what is charged.' }),
    currency: CurrencySchema,
  })
  .meta({ id: 'OrderTotals', description: 'Fixed when the order is placed; computed in integer minor units.' });

export const OrderPaymentSchema = z
  .strictObject({
    status: PaymentStatusSchema,
    intent_id: z.union([z.string(), z.null()]).meta({ description: "The payment provider's PaymentIntent id." }),
    card: z
      .union([z.strictObject({ brand: z.string(), last4: z.string() }), z.null()])
      .meta({ description: 'The card that paid, once one was accepted.' }),
    amount_authorized: CartAmountSchema,
    amount_captured: CartAmountSchema,
    amount_refunded: CartAmountSchema,
  })
  .meta({ id: 'OrderPayment' });

export const ShipmentEventSchema = z
  .strictObject({
    status: z.enum(['label_created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered']),
    description: z.string(),
    location: z.union([z.string(), z.null()]),
    at: Timestamp,
  })
  .meta({ id: 'ShipmentEvent' });

export const OrderShipmentSchema = z
  .strictObject({
    carrier: z.string(),
    service_level: ShippingServiceLevelSchema,
    tracking_number: z.union([z.string(), z.null()]).meta({ description: 'Once a shipment is scheduled.' }),
    estimated_delivery: z.strictObject({ earliest: z.iso.date(), latest: z.iso.date() }),
    events: z.array(ShipmentEventSchema).meta({ description: "The carrier's events, oldest first." }),
  })
  .meta({ id: 'OrderShipment' });

export const StatusChangeSchema = z
  .strictObject({
    status: OrderStatusSchema,
    at: Timestamp,
    reason: z.union([z.string(), z.null()]).meta({
      description: 'Why, when it is not the normal course (`payment_expired`, `cancelled_by_customer`, …).',
    }),
  })
  .meta({ id: 'StatusChange' });

export const OrderSchema = z
  .strictObject({
    id: OrderIdSchema,
    order_number: OrderNumberSchema,
    status: OrderStatusSchema,
    email: z.union([EmailSchema, z.null()]).meta({ description: 'Null once the account was erased.' }),
    customer_id: z
      .union([z.string(), z.null()])
      .meta({ description: "The account the order belongs to; null for a guest's order not linked to an account." }),
    items: z.array(OrderLineSchema).min(1),
    totals: OrderTotalsSchema,
    promo_code: z.union([PromoCodeSchema, z.null()]),
    shipping_address: z.union([AddressFieldsSchema, z.null()]).meta({ description: 'Null once erased.' }),
    shipment: OrderShipmentSchema,
    payment: OrderPaymentSchema,
    status_history: z
      .array(StatusChangeSchema)
      .min(1)
      .meta({ description: 'Every status the order took, oldest first.' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof OrderSchema>;

export const OrderSummarySchema = OrderSchema.pick({
  id: true,
  order_number: true,
  status: true,
  totals: true,
  created_at: true,
})
  .extend({ item_count: z.int().min(1) })
  .meta({ id: 'OrderSummary' });

export const OrderPlaceSchema = z
  .strictObject({
    email: EmailSchema.optional().meta({
      description: "Required for guests (receipts and tracking go there); customers' orders use the account's email.",
    }),
    shipping_address: AddressFieldsSchema.meta({
      description: 'Where to deliver: its country and postal code must be those the shipping option was chosen for.',
    }),
  })
  .meta({
    id: 'OrderPlace',
    description:
      'Places your cart as it is now (lines, promo code, shipping option): nothing about prices or quantities is sent.',
  });

export const PaymentIntentViewSchema = z
  .strictObject({
    intent_id: z.string(),
    order_id: OrderIdSchema,
    client_secret: z.string().meta({ description: 'For Stripe.js `confirmCardPayment`; never log it.' }),
    status: z.enum([
      'requires_payment_method',
      'requires_confirmation',
      'requires_action',
      'processing',
      'requires_capture',
      'canceled',
      'succeeded',
    ]),
    amount: CartAmountSchema,
    currency: CurrencySchema,
    next_action: z
      .union([z.strictObject({ type: z.string(), redirect_url: z.union([z.string(), z.null()]) }), z.null()])
      .meta({ description: 'With `requires_action`: what Stripe.js must do (3-D Secure).' }),
    last_error: z
      .union([
        z.strictObject({ code: z.string(), decline_code: z.union([z.string(), z.null()]), message: z.string() }),
        z.null(),
      ])
      .meta({ description: 'Why the last card was declined.' }),
  })
  .meta({ id: 'PaymentIntentView', description: "The order's payment as the provider holds it." });

export const OrderPlacedSchema = z
  .strictObject({ order: OrderSchema, payment: PaymentIntentViewSchema })
  .meta({ id: 'OrderPlaced' });

export const OrderTrackingSchema = z
  .strictObject({
    order_number: OrderNumberSchema,
    status: OrderStatusSchema,
    status_history: z.array(StatusChangeSchema),
    shipment: OrderShipmentSchema,
  })
  .meta({ id: 'OrderTracking' });

export const OrderCancelSchema = z
  .strictObject({
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'OrderCancel' });

export type OrderLine = z.infer<typeof OrderLineSchema>;
export type OrderTotals = z.infer<typeof OrderTotalsSchema>;
export type OrderPayment = z.infer<typeof OrderPaymentSchema>;
export type OrderShipment = z.infer<typeof OrderShipmentSchema>;
export type OrderPlace = z.infer<typeof OrderPlaceSchema>;
export type OrderPlaced = z.infer<typeof OrderPlacedSchema>;
export type PaymentIntentView = z.infer<typeof PaymentIntentViewSchema>;
export type OrderTracking = z.infer<typeof OrderTrackingSchema>;
export type OrderSummary = z.infer<typeof OrderSummarySchema>;
export type StatusChange = z.infer<typeof StatusChangeSchema>;

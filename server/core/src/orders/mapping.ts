import {
  fromMinor,
  type Order,
  type OrderSummary,
  type OrderTracking,
  type PaymentIntentView,
} from '@holiday-peak-hub/contract';
import type { PaymentIntentState } from '../payments/gateway.ts';
import type { OrderDocument } from './documents.ts';

/** A stored order as the API shows it: the contract's fields only (owner, locks and states stay inside). */
export function toOrder(doc: OrderDocument): Order {
  return {
    id: doc.id,
    order_number: doc.order_number,
    status: doc.status,
    email: doc.email,
    customer_id: doc.customer_id,
    items: doc.items.map((line) => ({
      product_id: line.product_id,
      variant_id: line.variant_id,
      sku: line.sku,
      name: line.name,
      variant_name: line.variant_name,
      image: line.image,
      quantity: line.quantity,
      unit_price: line.unit_price,
      line_total: line.line_total,
    })),
    totals: { ...doc.totals },
    promo_code: doc.promo_code,
    shipping_address: doc.shipping_address && { ...doc.shipping_address },
    shipment: {
      ...doc.shipment,
      estimated_delivery: { ...doc.shipment.estimated_delivery },
      events: doc.shipment.events.map((event) => ({ ...event })),
    },
    payment: { ...doc.payment, card: doc.payment.card && { ...doc.payment.card } },
    status_history: doc.status_history.map((change) => ({ ...change })),
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}

/** One row of an order list. */
export function toOrderSummary(doc: OrderDocument): OrderSummary {
  return {
    id: doc.id,
    order_number: doc.order_number,
    status: doc.status,
    totals: { ...doc.totals },
    created_at: doc.created_at,
    item_count: doc.items.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/** Where an order is: its status timeline and its shipment. */
export function toOrderTracking(doc: OrderDocument): OrderTracking {
  const { status_history, shipment } = toOrder(doc);
  return { order_number: doc.order_number, status: doc.status, status_history, shipment };
}

/** An order's PaymentIntent as the shopper confirms it (amount in major units, currency upper-case). */
export function toPaymentIntentView(orderId: string, intent: PaymentIntentState): PaymentIntentView {
  return {
    intent_id: intent.id,
    order_id: orderId,
    client_secret: intent.client_secret,
    status: intent.status,
    amount: fromMinor(intent.amount),
    currency: intent.currency.toUpperCase(),
    next_action: intent.next_action && { type: intent.next_action.type, redirect_url: intent.next_action.redirect_url },
    last_error: intent.last_error && {
      code: intent.last_error.code,
      decline_code: intent.last_error.decline_code,
      message: intent.last_error.message,
    },
  };
}

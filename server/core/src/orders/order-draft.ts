import type { DomainEvent, OrderPlace } from '@holiday-peak-hub/contract';
import type { StockLine } from '../catalog/stock-reservations.ts';
import { createEvent, type EventContext } from '../platform/events/create-event.ts';
import type { PaymentIntentState } from '../payments/gateway.ts';
import { PAYMENT_WINDOW_MS, type OrderDocument } from './documents.ts';
import type { PlaceableCart } from './placement-checks.ts';

/** Who places an order, from where. */
export interface PlacementFacts {
  id: string;
  orderNumber: string;
  cartVersion: string;
  /** The session that places it. */
  userId: string;
  /** The account, or null for a guest. */
  customerId: string | null;
  email: string;
  promoCustomerKey: string | null;
  ip: string | null;
  userAgent: string | null;
}

/**
 * The order as its placement starts (`placing`: it reads as missing): the cart's lines, names and
 * prices frozen as priced now, its totals (the cart's one minor-unit computation: tax is its
 * estimate), the chosen option's carrier and dates. Its stock and promo states say what the
 * placement takes; a failed placement deletes the document.
 */
export function placingDocument(
  cart: PlaceableCart,
  body: OrderPlace,
  facts: PlacementFacts,
  now: Date,
): OrderDocument {
  const at = now.toISOString();
  const { option } = cart.shipping;
  return {
    id: facts.id,
    order_id: facts.id,
    doc_type: 'order',
    order_number: facts.orderNumber,
    status: 'pending_payment',
    email: facts.email,
    email_key: facts.email.toLowerCase(),
    customer_id: facts.customerId,
    user_id: facts.userId,
    items: cart.items.map((line) => ({
      product_id: line.product_id,
      variant_id: line.variant_id,
      sku: line.sku!,
      name: line.name!,
      variant_name: line.variant_name!,
      image: line.image,
      quantity: line.quantity,
      unit_price: line.unit_price!,
      line_total: line.line_total!,
    })),
    totals: {
      subtotal: cart.totals.subtotal,
      discount: cart.totals.discount,
      tax: cart.totals.tax_estimate,
      shipping: cart.totals.shipping,
      total: cart.totals.total_estimate,
      currency: cart.totals.currency,
    },
    promo_code: cart.promo_code,
    shipping_address: { ...body.shipping_address },
    shipment: {
      carrier: option.carrier,
      service_level: option.service_level,
      tracking_number: null,
      estimated_delivery: { ...option.estimated_delivery },
      events: [],
    },
    payment: {
      status: 'awaiting_payment',
      intent_id: null,
      card: null,
      amount_authorized: 0,
      amount_captured: 0,
      amount_refunded: 0,
    },
    status_history: [{ status: 'pending_payment', at, reason: null }],
    placement: 'placing',
    cart_version: facts.cartVersion,
    promo_customer_key: facts.promoCustomerKey,
    stock_state: 'reserved',
    promo_state: cart.promo_code === null ? 'none' : 'redeemed',
    pay_by: new Date(now.getTime() + PAYMENT_WINDOW_MS).toISOString(),
    ip_address: facts.ip,
    user_agent: facts.userAgent,
    created_at: at,
    updated_at: at,
  };
}

/** The units an order holds in stock. */
export const stockLinesOf = (doc: Pick<OrderDocument, 'items'>): StockLine[] =>
  doc.items.map(({ product_id, variant_id, quantity }) => ({ product_id, variant_id, quantity }));

/** The order once its placement completed: placed, with its payment intent, and its two events. */
export function placedDocument(
  doc: OrderDocument,
  intent: PaymentIntentState,
  context: EventContext,
): { doc: OrderDocument; events: DomainEvent[] } {
  const placed: OrderDocument = {
    ...doc,
    placement: 'placed',
    payment: { ...doc.payment, intent_id: intent.id },
    pay_by: new Date(context.now.getTime() + PAYMENT_WINDOW_MS).toISOString(),
  };
  const order = { order_id: doc.id, order_number: doc.order_number };
  const events = [
    createEvent(
      'OrderCreated',
      {
        ...order,
        customer_id: doc.customer_id,
        items: doc.items.map(({ product_id, variant_id, quantity, unit_price }) => ({
          product_id,
          variant_id,
          quantity,
          unit_price,
        })),
        totals: doc.totals,
        promo_code: doc.promo_code,
      },
      context,
    ),
    createEvent('InventoryReserved', { ...order, items: stockLinesOf(doc) }, context),
  ];
  return { doc: placed, events };
}

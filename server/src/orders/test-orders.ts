import { randomBytes } from 'node:crypto';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import type { OrderDocument } from '@holiday-peak-hub/core';

/** For tests: a fresh order id (`ord_` and 20 lower-case letters or digits). */
export function newOrderId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `ord_${[...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/** For tests: a placed, unpaid order created at `createdAt`, with these fields changed. */
export function testOrder(createdAt: Date, fields: Partial<OrderDocument> = {}): OrderDocument {
  const id = fields.id ?? newOrderId();
  const at = createdAt.toISOString();
  const email = fields.email === undefined ? 'jane@example.com' : fields.email;
  return {
    id,
    order_id: id,
    doc_type: 'order',
    order_number: 'HPH-2026-000001',
    status: 'pending_payment',
    email,
    email_key: email?.toLowerCase() ?? null,
    customer_id: null,
    user_id: 'guest-1',
    items: [
      {
        product_id: 'electronics-laptops.abcdefabcdef',
        variant_id: 'default',
        sku: 'SKU-1',
        name: 'Laptop',
        variant_name: 'Default',
        image: null,
        quantity: 1,
        unit_price: 1999,
        line_total: 1999,
      },
    ],
    totals: { subtotal: 1999, discount: 0, tax: 0, shipping: 500, total: 2499, currency: 'USD' },
    promo_code: null,
    shipping_address: {
      name: 'Jane Doe',
      line1: '123 Main St',
      line2: null,
      city: 'San Francisco',
      state: 'CA',
      postal_code: '94102',
      country: 'US',
      phone: null,
    },
    shipment: {
      carrier: 'UPS',
      service_level: 'standard',
      tracking_number: null,
      estimated_delivery: { earliest: '2026-11-20', latest: '2026-11-24' },
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
    created_at: at,
    updated_at: at,
    placement: 'placed',
    cart_version: 'cart-v1',
    promo_customer_key: null,
    stock_state: 'reserved',
    promo_state: 'none',
    pay_by: new Date(createdAt.getTime() + 30 * 60 * 1000).toISOString(),
    ip_address: null,
    user_agent: null,
    ...fields,
  };
}

/** For tests: an event about an order (the outbox does not look inside). */
export function testEvent(orderId: string, now: Date, type = 'OrderCreated'): DomainEvent {
  return {
    event_id: crypto.randomUUID(),
    event_type: type,
    event_version: '1.0',
    timestamp: now.toISOString(),
    source: 'orders-test',
    data: { order_id: orderId },
    correlation_id: orderId,
    causation_id: null,
  } as unknown as DomainEvent;
}

/** The fixture's clock: `minutes(n)` is n minutes after its start. */
const T0 = Date.parse('2026-11-01T00:00:00Z');
export const minutes = (n: number) => new Date(T0 + n * 60_000);

/** The fixture's ids in ascending order; inserted in reverse, a sort that forgot the id tie-break shows. */
export const fixtureId = (n: number) => `ord_${n.toString().padStart(20, '0')}`;

type Row = [n: number, minute: number, fields: Partial<OrderDocument>];
const A = { customer_id: 'cus-a', email: 'ann@example.com' };
const B = { customer_id: 'cus-b', email: 'bob@example.com' };
const GUEST = { customer_id: null, email: 'Guest@Example.com' };
const ROWS: Row[] = [
  // Customer A: ties on created_at (1, 2, 3 at minute 10), statuses mixed, one still placing.
  [1, 10, { ...A }],
  [2, 10, { ...A, status: 'paid' }],
  [3, 10, { ...A }],
  [4, 5, { ...A, status: 'cancelled' }],
  [5, 20, { ...A, status: 'paid' }],
  [6, 1, { ...A }],
  [7, 30, { ...A, placement: 'placing' }],
  [8, 15, { ...A, status: 'processing' }],
  // Customer B.
  [9, 10, { ...B }],
  [10, 12, { ...B, status: 'paid' }],
  // Guests with one email (one placing), and an order of that email already joined to an account.
  [11, 3, { ...GUEST }],
  [12, 8, { ...GUEST, status: 'paid' }],
  [13, 8, { ...GUEST }],
  [14, 40, { ...GUEST, placement: 'placing' }],
  [15, 2, { customer_id: 'cus-c', email: 'guest@example.com' }],
  [16, 9, { customer_id: null, email: 'other@example.com' }],
];

/** For the list tests: 16 orders of two customers and guests (ids `fixtureId(1..16)`, numbers HPH-2026-0000NN), in id order. */
export function listFixture(): OrderDocument[] {
  return ROWS.map(([n, minute, fields]) =>
    testOrder(minutes(minute), {
      id: fixtureId(n),
      order_number: `HPH-2026-${n.toString().padStart(6, '0')}`,
      ...fields,
    }),
  );
}

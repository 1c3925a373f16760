import type { DomainEvent, OrderStatus } from '@holiday-peak-hub/contract';
import type { StockReservations } from '../catalog/stock-reservations.ts';
import { ConflictError } from '../pipeline/errors.ts';
import { createEvent, type EventContext } from '../platform/events/create-event.ts';
import { retryOnConflict } from '../platform/write-context.ts';
import type { Logger } from '../ports/logger.ts';
import { withStatus, type OrderDocument, type StoredOrder } from './documents.ts';
import { stockLinesOf } from './order-draft.ts';
import { findOrder, orderNotFound } from './order-reads.ts';
import type { OrderRepository } from './ports.ts';

type ShipmentStep = OrderDocument['shipment']['events'][number]['status'];

/** A carrier's event as staff (or a carrier integration) records it. */
export interface ShipmentEventInput {
  status: ShipmentStep;
  description: string;
  location: string | null;
}

/** The course of a shipment: each event comes after the last one recorded. */
export const SHIPMENT_STEPS: readonly ShipmentStep[] = [
  'label_created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
];

/** Which events an order's status admits, and the status an event moves it to. */
const ADMITTED: Partial<Record<OrderStatus, readonly ShipmentStep[]>> = {
  processing: ['label_created', 'picked_up'],
  shipped: ['in_transit', 'out_for_delivery', 'delivered'],
};
const MOVES: Partial<Record<ShipmentStep, OrderStatus>> = { picked_up: 'shipped', delivered: 'delivered' };

export interface ShipmentEventDeps {
  orders: OrderRepository;
  /** The catalog's reservations: a shipped order's markers are committed. */
  stock: Pick<StockReservations, 'commit'>;
  clock: () => Date;
  eventSource: string;
  logger: Logger;
}

/**
 * `POST /api/staff/orders/{id}/shipment-events`: a carrier event added to a processing or shipped
 * order's shipment, in the shipment's course only (409 otherwise). `picked_up` ships the order (its
 * stock is then committed: the order's markers leave the products, its units stay taken),
 * `delivered` delivers it. One conditional replace per event; the one that shipped the order
 * commits its stock (a failure is logged: a left marker only means a later release would find it,
 * and a committed order is never released).
 */
export class ShipmentEvents {
  readonly #deps: ShipmentEventDeps;

  constructor(deps: ShipmentEventDeps) {
    this.#deps = deps;
  }

  async record(ref: string, input: ShipmentEventInput): Promise<StoredOrder> {
    const { orders, clock } = this.#deps;
    const found = await findOrder(orders, ref);
    if (!found) throw orderNotFound();
    const written = await retryOnConflict(async () => {
      const stored = await orders.get(found.id);
      if (!stored) throw orderNotFound();
      const { _etag, ...doc } = stored;
      const trackingNumber = checkAdmitted(doc, input.status);
      const now = clock();
      const event = { ...input, at: now.toISOString() };
      const to = MOVES[input.status];
      let next: OrderDocument = {
        ...doc,
        updated_at: event.at,
        shipment: { ...doc.shipment, events: [...doc.shipment.events, event] },
      };
      if (to !== undefined) next = withStatus(next, to, now);
      if (to === 'shipped') next = { ...next, stock_state: 'committed' };
      const context: EventContext = { source: this.#deps.eventSource, correlationId: doc.id, causationId: null, now };
      const order = { order_id: doc.id, order_number: doc.order_number };
      const events: DomainEvent[] = [
        createEvent('ShipmentStatusUpdated', { ...order, tracking_number: trackingNumber, event }, context),
      ];
      if (to !== undefined) {
        events.push(createEvent('OrderStatusChanged', { ...order, from: doc.status, to, reason: null }, context));
      }
      return orders.replace(next, events, _etag, now);
    });
    if (MOVES[input.status] === 'shipped') await this.#commit(written);
    return written;
  }

  async #commit(order: StoredOrder): Promise<void> {
    try {
      await this.#deps.stock.commit(stockLinesOf(order), { orderId: order.id });
    } catch (err) {
      this.#deps.logger.error({ err, order_id: order.id }, 'shipment: committing the stock failed');
    }
  }
}

/** The order's tracking number when it admits the event now; else the 409 saying why. */
function checkAdmitted(doc: OrderDocument, step: ShipmentStep): string {
  const admitted = ADMITTED[doc.status] ?? [];
  const last = doc.shipment.events.at(-1)?.status ?? null;
  const details = { status: doc.status, last_event: last, event: step };
  if (admitted.length === 0 || doc.shipment.tracking_number === null) {
    throw new ConflictError(`An order in status ${doc.status} has no shipment under way`, details);
  }
  const forward = last === null || SHIPMENT_STEPS.indexOf(step) > SHIPMENT_STEPS.indexOf(last);
  if (!admitted.includes(step) || !forward) {
    throw new ConflictError(`A ${step} event cannot follow ${last ?? 'nothing'} on a ${doc.status} order`, details);
  }
  return doc.shipment.tracking_number;
}

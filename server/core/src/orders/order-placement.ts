import { toMinor, type OrderPlace } from '@holiday-peak-hub/contract';
import type { CartService } from '../cart/cart-service.ts';
import { ownerOf } from '../cart/cart-writes.ts';
import type { CartRepository } from '../cart/ports.ts';
import type { StockReservations } from '../catalog/stock-reservations.ts';
import type { PaymentGateway, PaymentIntentState } from '../payments/gateway.ts';
import { ConflictError, InsufficientStockError, PreconditionFailedError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import type { EventContext } from '../platform/events/create-event.ts';
import type { Logger } from '../ports/logger.ts';
import type { RedemptionLedger } from '../promotions/ports.ts';
import type { OrderDocument, StoredOrder } from './documents.ts';
import { formatOrderNumber, intentKeyOf, orderIdOf } from './order-id.ts';
import { placedDocument, placingDocument, stockLinesOf } from './order-draft.ts';
import {
  checkPlaceable,
  checkPromo,
  orderEmailOf,
  promoCustomerKeyOf,
  redeemRefusalError,
} from './placement-checks.ts';
import type { OrderNumbers, OrderRepository } from './ports.ts';

export interface OrderPlacementDeps {
  orders: OrderRepository;
  numbers: OrderNumbers;
  /** The caller's cart as priced now, and its version (the cart's `CartService`). */
  cart: Pick<CartService, 'get'>;
  /** The carts' storage: the placed cart is removed if it is still the version placed. */
  carts: Pick<CartRepository, 'remove'>;
  stock: StockReservations;
  ledger: Pick<RedemptionLedger, 'redeem' | 'release'>;
  payments: PaymentGateway;
  clock: () => Date;
  eventSource: string;
  logger: Logger;
}

/** The request placing an order: its id, and where it came from (kept for fraud checks). */
export interface PlacementContext {
  requestId: string;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
}

export interface PlacedOrder {
  order: StoredOrder;
  /** The order's PaymentIntent, to confirm. */
  intent: PaymentIntentState;
}

/** The 409 of a second placement of one cart version: it names the order. */
const alreadyPlaced = (id: string, existing: OrderDocument | undefined) =>
  new ConflictError('This cart was already placed as an order', {
    order_id: id,
    order_number: existing?.order_number ?? null,
  });

/** What a failed placement gives back, newest first; each step runs even when another fails (logged). */
class Compensations {
  readonly #steps: { what: string; run: () => Promise<unknown>; onlyIfAllUndone: boolean }[] = [];
  readonly #logger: Logger;
  readonly #orderId: string;

  constructor(logger: Logger, orderId: string) {
    this.#logger = logger;
    this.#orderId = orderId;
  }

  /**
   * A step to undo, run last-in first-out. `onlyIfAllUndone`: run only when every later step was
   * undone (the placing document is deleted only then; else it stays for the sweeper, whose
   * clean-up of stale placements gives back what is still held, once).
   */
  push(what: string, run: () => Promise<unknown>, onlyIfAllUndone = false): void {
    this.#steps.push({ what, run, onlyIfAllUndone });
  }

  async run(): Promise<void> {
    let clean = true;
    for (const step of this.#steps.reverse()) {
      if (step.onlyIfAllUndone && !clean) {
        this.#logger.warn({ order_id: this.#orderId }, `order placement: left to the sweeper rather than ${step.what}`);
        continue;
      }
      try {
        await step.run();
      } catch (err) {
        clean = false;
        this.#logger.error({ err, order_id: this.#orderId }, `order placement: could not ${step.what}`);
      }
    }
  }
}

/**
 * `POST /api/orders`: the caller's cart as priced now becomes an order. Its id derives from the
 * cart's version, so creating its document (`placing`) is the lock of that version; then stock is
 * reserved, the promo use counted and the payment prepared, each given back if a later step fails
 * (and the document deleted: a failed placement leaves no order; if giving something back failed,
 * the document stays, hidden, for the sweeper's clean-up of stale placements to finish the job). Once all hold, one conditional
 * replace makes the order `placed` with its events, and the cart is removed.
 */
export class OrderPlacement {
  readonly #deps: OrderPlacementDeps;

  constructor(deps: OrderPlacementDeps) {
    this.#deps = deps;
  }

  async place(caller: Caller, body: OrderPlace, ctx: PlacementContext): Promise<PlacedOrder> {
    const { orders, numbers, stock, ledger, payments, clock, logger } = this.#deps;
    const userId = ownerOf(caller);
    const { cart: view, version } = await this.#deps.cart.get(caller);
    const cart = checkPlaceable(view, body);
    const email = orderEmailOf(caller, body);
    checkPromo(cart);
    const id = await orderIdOf(userId, version);
    const existing = await orders.get(id);
    if (existing) throw alreadyPlaced(id, existing);

    const now = clock();
    const year = now.getUTCFullYear();
    const customerId = caller.role === 'guest' ? null : userId;
    const promoCustomerKey = cart.promo_code === null ? null : await promoCustomerKeyOf(customerId, email);
    const draft = placingDocument(
      cart,
      body,
      {
        id,
        orderNumber: formatOrderNumber(year, await numbers.next(year)),
        cartVersion: version,
        userId,
        customerId,
        email,
        promoCustomerKey,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      now,
    );
    const placing = await this.#lock(draft, now);
    const undo = new Compensations(logger, id);
    undo.push('delete the placing order', () => orders.delete(draft, placing._etag), true);
    try {
      const lines = stockLinesOf(draft);
      const reserved = await stock.reserve(lines, { orderId: id });
      if (reserved.status === 'insufficient') {
        const { product_id, variant_id, requested, available } = reserved;
        throw new InsufficientStockError({ product_id, variant_id, requested, available });
      }
      undo.push('release stock', () => stock.release(lines, { orderId: id }));
      if (cart.promo_code !== null) {
        const redeemed = await ledger.redeem(cart.promo_code, id, promoCustomerKey!, clock());
        if (redeemed.status === 'refused') throw redeemRefusalError(cart.promo_code, redeemed.reason);
        undo.push('release the promo use', () => ledger.release(cart.promo_code!, id));
      }
      const intent = await payments.createIntent({
        amount: toMinor(draft.totals.total),
        currency: draft.totals.currency,
        orderId: id,
        email,
        idempotencyKey: intentKeyOf(draft),
      });
      undo.push('cancel the payment intent', () => payments.cancel(intent.id));
      const context: EventContext = { source: this.#deps.eventSource, correlationId: id, causationId: null, now };
      const placed = placedDocument(draft, intent, { ...context, now: clock() });
      const order = await orders.replace(placed.doc, placed.events, placing._etag, clock());
      await this.#dropCart(userId, version, id);
      return { order, intent };
    } catch (err) {
      await undo.run();
      throw err;
    }
  }

  /** Creates the placing document: a taken id is the same cart version placed already (409 naming it). */
  async #lock(doc: OrderDocument, now: Date): Promise<StoredOrder> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await this.#deps.orders.create(doc, [], now);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // The other placement may have failed and removed its document since: then this one may run.
        const other = await this.#deps.orders.get(doc.id);
        if (other || tries >= 3) throw alreadyPlaced(doc.id, other);
      }
    }
  }

  /** Removes the placed cart if it is still the version placed: a cart changed meanwhile stays. */
  async #dropCart(userId: string, version: string, orderId: string): Promise<void> {
    try {
      await this.#deps.carts.remove(userId, version);
    } catch (err) {
      if (err instanceof PreconditionFailedError) return;
      this.#deps.logger.warn({ err, order_id: orderId }, 'order placement: the placed cart could not be removed');
    }
  }
}

import type { Order, OrderStatus, PaymentStatus } from '@holiday-peak-hub/contract';
import type { Versioned } from '../catalog/documents.ts';

/**
 * How an order is stored, whatever the storage: the contract's fields, and what only the API
 * uses. On Cosmos DB the partition key is the order id (`/order_id`): every access path names one
 * order (its owner, staff, anonymous tracking with the email, the SAGA's consumers, the webhook
 * through the intent's metadata), so each is a point read; a customer's orders are an indexed
 * query on `customer_id`, and a guest's orders join an account by a patch of that field, never a move.
 */
export interface OrderDocument extends Order {
  /** Same as id. */
  order_id: string;
  doc_type: 'order';
  /** The session that placed it (the account's id, or the guest session's): its owner. */
  user_id: string;
  /** The order's email, lower-case, for lookups (null once erased). */
  email_key: string | null;
  /**
   * `placing` while its placement runs (stock, promo, payment): such an order is the placement's
   * lock and reads as missing; `placed` once the placement completed.
   */
  placement: 'placing' | 'placed';
  /** The cart version it was placed from (one cart version makes one order: its id derives from it). */
  cart_version: string;
  /** Whose promo use it holds (the ledger's customer key), when it used a code. */
  promo_customer_key: string | null;
  /**
   * Whether its units are taken from stock: `reserved` from placement, `released` once given back
   * (cancelled, expired), `committed` once shipped. Changed by conditional writes of the order, so
   * stock is released once.
   */
  stock_state: 'reserved' | 'released' | 'committed';
  /** Whether it holds a use of its promo code (given back once, like stock). */
  promo_state: 'none' | 'redeemed' | 'released';
  /** An unpaid order is cancelled after this instant (placement + 30 minutes). */
  pay_by: string;
  /**
   * The last card decline recorded (the intent's `last_error`): one decline, reported by the confirm
   * call and by the webhook, emits one `PaymentFailed`. Absent until a first decline.
   */
  payment_error?: { code: string; decline_code: string | null; message: string } | null;
  /**
   * What a cancellation (or expiry) still owes back, written in the same conditional replace that
   * cancelled it (`stock_state`/`promo_state` say `released` from then on: no one else gives them
   * back); each item is removed by a conditional write once done, and `null` (or absent) once all
   * are. The sweeper retries what a failure left (`listUnsettled`).
   */
  settlement?: OrderSettlement | null;
  /** Where it was placed from (design document: fraud checks); erased with the account. */
  ip_address: string | null;
  user_agent: string | null;
}

export type StoredOrder = Versioned<OrderDocument>;

/** What a cancelled order may still owe: its stock, its promo use, its payment voided or refunded. */
export type SettlementItem = 'stock' | 'promo' | 'payment';

export interface OrderSettlement {
  /** Still to do, in this order. */
  owed: SettlementItem[];
  /** The cancellation's reason, for the events of the payment's outcome. */
  reason: string;
  /**
   * The refund (minor units), fixed when the order was cancelled captured: every attempt sends this
   * amount with the key `cancel:<order id>`, so retries make one refund. `null`: the hold is voided.
   */
  refund: number | null;
  /** When the current attempt started: another one (a sweep) waits `SETTLE_LEASE_MS` after it. */
  attempt_at: string;
}

/** How long an attempt at a settlement holds it before a sweep may try again. */
export const SETTLE_LEASE_MS = 60 * 1000;

/** An unpaid order is cancelled after this long. */
export const PAYMENT_WINDOW_MS = 30 * 60 * 1000;

/** The statuses an order may move to from each status (cancellation included). */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** Statuses from which the shopper or staff may still cancel (nothing has left the warehouse). */
export const CANCELLABLE: readonly OrderStatus[] = ['pending_payment', 'paid', 'processing'];

/** Payment statuses in which money is held or taken. */
export const HOLDS_MONEY: readonly PaymentStatus[] = ['authorized', 'captured', 'partially_refunded'];

/**
 * The order moved to `to` at `at`, with the change appended to its history; throws when the
 * transition is not one of `ORDER_TRANSITIONS` (a caller's bug: services check first).
 */
export function withStatus<D extends OrderDocument>(
  doc: D,
  to: OrderStatus,
  at: Date,
  reason: string | null = null,
): D {
  if (!ORDER_TRANSITIONS[doc.status].includes(to)) {
    throw new Error(`order ${doc.id}: no transition from ${doc.status} to ${to}`);
  }
  const when = at.toISOString();
  return {
    ...doc,
    status: to,
    updated_at: when,
    status_history: [...doc.status_history, { status: to, at: when, reason }],
  };
}

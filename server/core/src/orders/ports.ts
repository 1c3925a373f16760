import type { DomainEvent, OrderStatus } from '@holiday-peak-hub/contract';
import type { PageInput, ResultPage } from '../catalog/page.ts';
import type { OrderDocument, StoredOrder } from './documents.ts';

/*
 * What the order services need from storage. The Cosmos DB adapters (server, container `orders`,
 * partition `/order_id`) and the in-memory ones (`memory/`) implement them with the same
 * semantics: a missing order reads as `undefined`; `create` of a taken id is a `ConflictError`;
 * `replace` of an order whose version is no longer `etag` is a `PreconditionFailedError`; every
 * write gives a new `_etag` and hands its events to the publisher once it succeeded (outbox).
 */

export interface StaffOrderFilter {
  status?: OrderStatus | undefined;
  /** Lower-case. */
  email?: string | undefined;
}

/** The most orders one of the sweeper's lists answers. */
export const MAX_UNPAID_BATCH = 1_000;

/** Every adapter's check of a sweeper list's `limit`: an integer from 1 to `MAX_UNPAID_BATCH`, else a RangeError. */
export function checkBatchLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_UNPAID_BATCH) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_UNPAID_BATCH}`);
  }
}

export interface OrderRepository {
  /** One point read by id. */
  get(id: string): Promise<StoredOrder | undefined>;
  /** By order number (`HPH-YYYY-NNNNNN`): one indexed query. */
  getByNumber(orderNumber: string): Promise<StoredOrder | undefined>;
  create(doc: OrderDocument, events: readonly DomainEvent[], now: Date): Promise<StoredOrder>;
  replace(doc: OrderDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<StoredOrder>;
  /** Removes an order that never completed its placement, if its version is still `etag`. */
  delete(doc: OrderDocument, etag: string): Promise<void>;
  /** An account's orders (`customer_id`), newest first (ties by id, descending). */
  listByCustomer(
    customerId: string,
    status: OrderStatus | undefined,
    page: PageInput,
  ): Promise<ResultPage<StoredOrder>>;
  /** Every order (or of one status or email), newest first (ties by id, descending). */
  listForStaff(filter: StaffOrderFilter, page: PageInput): Promise<ResultPage<StoredOrder>>;
  /**
   * Placed unpaid orders whose `pay_by` is before `now` and whose payment holds no money (see
   * `listHeldUnpaidBefore`), oldest deadline first (ties by id), at most `limit` (an integer from 1 to `MAX_UNPAID_BATCH`, else a RangeError).
   */
  listUnpaidBefore(now: Date, limit: number): Promise<StoredOrder[]>;
  /**
   * Placed `pending_payment` orders whose payment holds money (`HOLDS_MONEY`) last changed before
   * `before`, least recently changed first (ties by id), at most `limit` (as above): payments the
   * SAGA did not complete. Excluded from `listUnpaidBefore`, so they never fill its batch.
   */
  listHeldUnpaidBefore(before: Date, limit: number): Promise<StoredOrder[]>;
  /**
   * Orders with a settlement whose attempt started before `before`, oldest attempt first (ties by
   * id), at most `limit` (as above): what a failed cancellation or expiry still owes.
   */
  listUnsettled(before: Date, limit: number): Promise<StoredOrder[]>;
  /**
   * Orders still `placing` created before `before`, oldest first, at most `limit` (an integer from
   * 1 to `MAX_UNPAID_BATCH`, else a RangeError): placements a crash (or a lost undo) left behind.
   */
  listStalePlacements(before: Date, limit: number): Promise<StoredOrder[]>;
  /** Orders placed by guests (`customer_id` null) with this lower-case email. */
  listGuestOrdersOf(emailKey: string): Promise<StoredOrder[]>;
  /** Every order of an account (for erasure). */
  listAllOfCustomer(customerId: string): Promise<StoredOrder[]>;
}

/**
 * Order numbers: `next(year)` answers the next number of the year (1, 2, …), atomically under any
 * concurrency (one counter per year, incremented by one conditional write): never twice the same.
 */
export interface OrderNumbers {
  next(year: number): Promise<number>;
}

/** The order's storage. */
export interface OrderRepositories {
  orders: OrderRepository;
  numbers: OrderNumbers;
}

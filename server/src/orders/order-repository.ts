import type { Container, SqlParameter } from '@azure/cosmos';
import type { DomainEvent, OrderStatus } from '@holiday-peak-hub/contract';
import {
  checkBatchLimit,
  HOLDS_MONEY,
  type OrderDocument,
  type OrderRepository,
  type PageInput,
  type ResultPage,
  type StaffOrderFilter,
  type StoredOrder,
} from '@holiday-peak-hub/core';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryAll, queryPage } from '../platform/cosmos/query-page.ts';
import { asApiError } from '../platform/cosmos/write-errors.ts';
import type { OutboxDeps } from '../platform/events/outbox.ts';

/** Orders only: never the number counters beside them, nor a tombstone. */
const ORDERS = ["c.doc_type = 'order'", 'NOT IS_DEFINED(c.deleted_at)'];
/** The sweeper's: an order whose placement is still running is that placement's to finish or undo. */
const PLACED = "c.placement = 'placed'";
/** Payments holding money: such unpaid orders are the SAGA's (`listHeldUnpaidBefore`), not expired. */
const HOLDS = { name: '@holds', value: [...HOLDS_MONEY] };
/** Newest first, ties by id: each list's equality fields lead, as its composite index (containers.ts). */
const NEWEST = 'c.created_at DESC, c.id DESC';

interface Where {
  clauses: string[];
  parameters: SqlParameter[];
}

const sql = (where: Where, orderBy: string, top = '') => ({
  query: `SELECT ${top}* FROM c WHERE ${where.clauses.join(' AND ')} ORDER BY ${orderBy}`,
  parameters: where.parameters,
});

/**
 * Orders in the `orders` container, partitioned by order id (containers.ts): reads by id are point
 * reads, `create` of a taken id is the 409 that makes an order id (derived from a cart version) the
 * placement's lock, every replace is conditional on the version read, and events go out through
 * the outbox (published after the write; the relay republishes leftovers, source field `order_id`).
 * Lists are cross-partition queries on indexed fields, paged by continuation (`queryPage`). Like
 * `get`, the lists answer placing orders too (the services show placed ones only), except the
 * sweeper's `listUnpaidBefore` (and `listStalePlacements`, placing ones only).
 */
export class CosmosOrderRepository implements OrderRepository {
  readonly #store: DocumentStore<OrderDocument>;
  readonly #container: Container;
  readonly #cursors: CursorCodec;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    this.#store = new DocumentStore<OrderDocument>(container, outbox, {
      name: 'Order',
      conflict: 'Order already exists',
      partitionOf: (doc) => doc.id,
      detailsOf: (doc) => ({ order_id: doc.id }),
    });
    this.#container = container;
    this.#cursors = cursors;
  }

  /** Placing orders too (the service decides what they mean); tombstones read as missing. */
  async get(id: string): Promise<StoredOrder | undefined> {
    try {
      const { resource } = await this.#container.item(id, id).read<StoredOrder & { deleted_at?: string }>();
      return resource && resource.doc_type === 'order' && !resource.deleted_at ? resource : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async getByNumber(orderNumber: string): Promise<StoredOrder | undefined> {
    const [found] = await queryAll<StoredOrder>(this.#container, {
      query: `SELECT * FROM c WHERE ${[...ORDERS, 'c.order_number = @number'].join(' AND ')}`,
      parameters: [{ name: '@number', value: orderNumber }],
    });
    return found;
  }

  create(doc: OrderDocument, events: readonly DomainEvent[], now: Date): Promise<StoredOrder> {
    return this.#store.create(doc, events, now);
  }

  replace(doc: OrderDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<StoredOrder> {
    return this.#store.replace(doc, events, etag, now);
  }

  /** A conditional delete, with no events (a placement that failed left nothing to announce): 412 stale, 404 gone. */
  async delete(doc: OrderDocument, etag: string): Promise<void> {
    try {
      await this.#container.item(doc.id, doc.id).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      throw asApiError(err, { name: 'Order' }, { order_id: doc.id });
    }
  }

  listByCustomer(
    customerId: string,
    status: OrderStatus | undefined,
    page: PageInput,
  ): Promise<ResultPage<StoredOrder>> {
    const where: Where = {
      clauses: [...ORDERS, 'c.customer_id = @customer'],
      parameters: [{ name: '@customer', value: customerId }],
    };
    let orderBy = `c.customer_id ASC, ${NEWEST}`;
    if (status !== undefined) {
      where.clauses.push('c.status = @status');
      where.parameters.push({ name: '@status', value: status });
      orderBy = `c.customer_id ASC, c.status ASC, ${NEWEST}`;
    }
    return queryPage<StoredOrder>(
      this.#container,
      sql(where, orderBy),
      { ...page, shape: { op: 'listMyOrders', customer: customerId, status: status ?? null } },
      this.#cursors,
    );
  }

  /** By email (its orders are few) with the status as a filter; else by status; else every order. */
  listForStaff(filter: StaffOrderFilter, page: PageInput): Promise<ResultPage<StoredOrder>> {
    const where: Where = { clauses: [...ORDERS], parameters: [] };
    const leading: string[] = [];
    if (filter.email !== undefined) {
      where.clauses.push('c.email_key = @email');
      where.parameters.push({ name: '@email', value: filter.email });
      leading.push('c.email_key ASC');
    }
    if (filter.status !== undefined) {
      where.clauses.push('c.status = @status');
      where.parameters.push({ name: '@status', value: filter.status });
      if (leading.length === 0) leading.push('c.status ASC');
    }
    return queryPage<StoredOrder>(
      this.#container,
      sql(where, [...leading, NEWEST].join(', ')),
      {
        ...page,
        shape: { op: 'staffListOrders', status: filter.status ?? null, email: filter.email ?? null },
      },
      this.#cursors,
    );
  }

  /** Oldest deadline first (ties by id); `limit` is an integer from 1 to MAX_UNPAID_BATCH. */
  listUnpaidBefore(now: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const where: Where = {
      clauses: [
        ...ORDERS,
        "c.status = 'pending_payment'",
        PLACED,
        'c.pay_by < @now',
        'NOT ARRAY_CONTAINS(@holds, c.payment.status)',
      ],
      parameters: [{ name: '@now', value: now.toISOString() }, HOLDS],
    };
    const orderBy = 'c.status ASC, c.placement ASC, c.pay_by ASC, c.id ASC';
    return queryAll<StoredOrder>(this.#container, sql(where, orderBy, `TOP ${limit} `));
  }

  /** Least recently changed first: ORDER BY one field (no composite index); ties at the `limit` are the next sweep's. */
  listHeldUnpaidBefore(before: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const where: Where = {
      clauses: [
        ...ORDERS,
        "c.status = 'pending_payment'",
        PLACED,
        'ARRAY_CONTAINS(@holds, c.payment.status)',
        'c.updated_at < @before',
      ],
      parameters: [{ name: '@before', value: before.toISOString() }, HOLDS],
    };
    return queryAll<StoredOrder>(this.#container, sql(where, 'c.updated_at ASC', `TOP ${limit} `));
  }

  /** Oldest attempt first: ORDER BY one field (no composite index); a settled order's `null` never matches. */
  listUnsettled(before: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const where: Where = {
      clauses: [...ORDERS, 'c.settlement.attempt_at < @before'],
      parameters: [{ name: '@before', value: before.toISOString() }],
    };
    return queryAll<StoredOrder>(this.#container, sql(where, 'c.settlement.attempt_at ASC', `TOP ${limit} `));
  }

  /**
   * Oldest first: ORDER BY one field, which the range index of every path serves (no composite
   * index, so a database made before needs no change); ties at the `limit` are the next sweep's.
   */
  listStalePlacements(before: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const where: Where = {
      clauses: [...ORDERS, "c.placement = 'placing'", 'c.created_at < @before'],
      parameters: [{ name: '@before', value: before.toISOString() }],
    };
    return queryAll<StoredOrder>(this.#container, sql(where, 'c.created_at ASC', `TOP ${limit} `));
  }

  /** Newest first; placing ones too (joining an account must miss none). */
  listGuestOrdersOf(emailKey: string): Promise<StoredOrder[]> {
    const where: Where = {
      clauses: [...ORDERS, 'c.email_key = @email', 'IS_NULL(c.customer_id)'],
      parameters: [{ name: '@email', value: emailKey }],
    };
    return queryAll<StoredOrder>(this.#container, sql(where, `c.email_key ASC, ${NEWEST}`));
  }

  /** Newest first; placing ones too (erasure must miss none). */
  listAllOfCustomer(customerId: string): Promise<StoredOrder[]> {
    const where: Where = {
      clauses: [...ORDERS, 'c.customer_id = @customer'],
      parameters: [{ name: '@customer', value: customerId }],
    };
    return queryAll<StoredOrder>(this.#container, sql(where, `c.customer_id ASC, ${NEWEST}`));
  }
}

import type { DomainEvent, OrderStatus } from '@holiday-peak-hub/contract';
import type { PageInput, ResultPage } from '../../catalog/page.ts';
import {
  copy,
  MemoryDocumentStore,
  type DocumentTable,
  type MemoryStoreDeps,
} from '../../catalog/memory/memory-document-store.ts';
import { answer, pageOf } from '../../catalog/memory/memory-page.ts';
import { HOLDS_MONEY, type OrderDocument, type StoredOrder } from '../documents.ts';
import { checkBatchLimit, type OrderRepository, type StaffOrderFilter } from '../ports.ts';

/** The document store of orders, its queries opened to the repository. */
class OrderStore extends MemoryDocumentStore<OrderDocument> {
  one(id: string): StoredOrder | undefined {
    return this.read(id);
  }

  every(): StoredOrder[] {
    return this.all();
  }
}

/** Newest first, ties by id descending (as the Cosmos DB adapter's ORDER BY). */
const newestFirst = (a: OrderDocument, b: OrderDocument) =>
  a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** Orders in memory, with the semantics and the order of the Cosmos DB adapter. */
export class MemoryOrderRepository implements OrderRepository {
  readonly #store: OrderStore;

  constructor(deps: MemoryStoreDeps, table?: DocumentTable<OrderDocument>) {
    this.#store = new OrderStore(
      {
        name: 'Order',
        conflict: 'Order already exists',
        detailsOf: (doc) => ({ order_id: doc.id }),
      },
      deps,
      table,
    );
  }

  get(id: string): Promise<StoredOrder | undefined> {
    return answer(() => this.#store.one(id));
  }

  getByNumber(orderNumber: string): Promise<StoredOrder | undefined> {
    return answer(() => {
      const doc = this.#store.every().find((order) => order.order_number === orderNumber);
      return doc && copy(doc);
    });
  }

  create(doc: OrderDocument, events: readonly DomainEvent[], now: Date): Promise<StoredOrder> {
    return this.#store.create(doc, events, now);
  }

  replace(doc: OrderDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<StoredOrder> {
    return this.#store.replace(doc, events, etag, now);
  }

  delete(doc: OrderDocument, etag: string): Promise<void> {
    return this.#store.delete(doc, [], etag, new Date());
  }

  listByCustomer(
    customerId: string,
    status: OrderStatus | undefined,
    page: PageInput,
  ): Promise<ResultPage<StoredOrder>> {
    return this.#page(
      (doc) => doc.customer_id === customerId && (status === undefined || doc.status === status),
      page,
      { op: 'listMyOrders', customerId, status: status ?? null },
    );
  }

  listForStaff(filter: StaffOrderFilter, page: PageInput): Promise<ResultPage<StoredOrder>> {
    const { status, email } = filter;
    return this.#page(
      (doc) => (status === undefined || doc.status === status) && (email === undefined || doc.email_key === email),
      page,
      { op: 'staffListOrders', status: status ?? null, email: email ?? null },
    );
  }

  /** Placed orders only: a placing one may not hold what its states say yet (its placement removes it if it fails). */
  listUnpaidBefore(now: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const byDeadline = (a: OrderDocument, b: OrderDocument) =>
      a.pay_by !== b.pay_by ? (a.pay_by < b.pay_by ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return answer(() =>
      this.#store
        .every()
        .filter(
          (doc) =>
            doc.placement === 'placed' &&
            doc.status === 'pending_payment' &&
            doc.pay_by < now.toISOString() &&
            !HOLDS_MONEY.includes(doc.payment.status),
        )
        .sort(byDeadline)
        .slice(0, limit)
        .map(copy),
    );
  }

  listHeldUnpaidBefore(before: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const at = before.toISOString();
    return this.#oldest(
      (doc) =>
        doc.placement === 'placed' &&
        doc.status === 'pending_payment' &&
        HOLDS_MONEY.includes(doc.payment.status) &&
        doc.updated_at < at,
      (doc) => doc.updated_at,
      limit,
    );
  }

  listUnsettled(before: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const at = before.toISOString();
    return this.#oldest(
      (doc) => !!doc.settlement && doc.settlement.attempt_at < at,
      (doc) => doc.settlement!.attempt_at,
      limit,
    );
  }

  /** The first `limit` kept, by `key` ascending, ties by id. */
  #oldest(keep: (doc: OrderDocument) => boolean, key: (doc: OrderDocument) => string, limit: number) {
    const order = (a: OrderDocument, b: OrderDocument) =>
      key(a) !== key(b) ? (key(a) < key(b) ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return answer(() => this.#store.every().filter(keep).sort(order).slice(0, limit).map(copy));
  }

  /** Oldest first, ties by id (the Cosmos DB adapter orders by creation alone). */
  listStalePlacements(before: Date, limit: number): Promise<StoredOrder[]> {
    checkBatchLimit(limit);
    const oldestFirst = (a: OrderDocument, b: OrderDocument) =>
      a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return answer(() =>
      this.#store
        .every()
        .filter((doc) => doc.placement === 'placing' && doc.created_at < before.toISOString())
        .sort(oldestFirst)
        .slice(0, limit)
        .map(copy),
    );
  }

  listGuestOrdersOf(emailKey: string): Promise<StoredOrder[]> {
    return this.#all((doc) => doc.customer_id === null && doc.email_key === emailKey);
  }

  listAllOfCustomer(customerId: string): Promise<StoredOrder[]> {
    return this.#all((doc) => doc.customer_id === customerId);
  }

  #all(keep: (doc: OrderDocument) => boolean): Promise<StoredOrder[]> {
    return answer(() => this.#store.every().filter(keep).sort(newestFirst).map(copy));
  }

  #page(keep: (doc: OrderDocument) => boolean, page: PageInput, shape: unknown): Promise<ResultPage<StoredOrder>> {
    return answer(() => pageOf(this.#store.every().filter(keep).sort(newestFirst), page, shape, copy));
  }
}

import { roleSatisfies, type OrderStatus, type OrderTracking } from '@holiday-peak-hub/contract';
import type { PageInput, ResultPage } from '../catalog/page.ts';
import { NotFoundError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import type { OrderDocument, StoredOrder } from './documents.ts';
import { toOrderTracking } from './mapping.ts';
import { isOrderId } from './order-id.ts';
import type { OrderRepository, StaffOrderFilter } from './ports.ts';

/** The one answer for an order the caller may not see and for a missing one: nothing to enumerate. */
export const orderNotFound = (): NotFoundError => new NotFoundError('Order');

export const isStaff = (caller: Caller): boolean => roleSatisfies(caller.role, ['staff']);

/** The session that placed it, or the account it belongs to. */
export function isOwner(caller: Caller, doc: OrderDocument): boolean {
  if (caller.userId === null) return false;
  return doc.user_id === caller.userId || doc.customer_id === caller.userId;
}

/** An order by id or number, placed (a placement still running reads as missing). */
export async function findOrder(orders: OrderRepository, ref: string): Promise<StoredOrder | undefined> {
  const doc = isOrderId(ref) ? await orders.get(ref) : await orders.getByNumber(ref);
  return doc?.placement === 'placed' ? doc : undefined;
}

const placedOnly = (page: ResultPage<StoredOrder>): ResultPage<StoredOrder> => ({
  items: page.items.filter((doc) => doc.placement === 'placed'),
  nextCursor: page.nextCursor,
});

/**
 * Reading orders: its owner (the account, or the guest session that placed it), staff, and anyone
 * sending the order's email may read one; anyone else gets the 404 a missing order gets, word for
 * word, so ids, numbers and emails cannot be probed.
 */
export class OrderReads {
  readonly #orders: OrderRepository;

  constructor(orders: OrderRepository) {
    this.#orders = orders;
  }

  async get(caller: Caller, ref: string, email?: string): Promise<StoredOrder> {
    const doc = await findOrder(this.#orders, ref);
    const byEmail = email !== undefined && doc?.email_key != null && email.toLowerCase() === doc.email_key;
    if (!doc || !(isOwner(caller, doc) || isStaff(caller) || byEmail)) throw orderNotFound();
    return doc;
  }

  /** Where an order is, by the same rule as reading it. */
  async tracking(caller: Caller, ref: string, email?: string): Promise<OrderTracking> {
    return toOrderTracking(await this.get(caller, ref, email));
  }

  /** An account's orders (those it placed, and guest orders linked to it), newest first. */
  listMine(caller: Caller, status: OrderStatus | undefined, page: PageInput): Promise<ResultPage<StoredOrder>> {
    if (caller.userId === null) throw new Error('listing own orders without a subject');
    return this.#orders.listByCustomer(caller.userId, status, page).then(placedOnly);
  }

  listForStaff(filter: StaffOrderFilter, page: PageInput): Promise<ResultPage<StoredOrder>> {
    const email = filter.email?.toLowerCase();
    return this.#orders.listForStaff({ status: filter.status, email }, page).then(placedOnly);
  }
}

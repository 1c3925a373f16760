import { CONSUMER_GROUPS, type EventOf } from '@holiday-peak-hub/contract';
import type { Applied, EventConsumer } from '../../platform/events/consumer.ts';
import { retryOnConflict } from '../../platform/write-context.ts';
import type { Logger } from '../../ports/logger.ts';
import type { OrderDocument } from '../documents.ts';
import type { OrderRepository } from '../ports.ts';

/**
 * What linking orders reads of an account (the identity's user repository implements it): its
 * email and whether the owner proved it; undefined for an account that does not exist (any more).
 */
export interface AccountLookup {
  get(userId: string): Promise<{ email: string; email_verified: boolean } | undefined>;
}

export interface AccountOrdersDeps {
  orders: Pick<OrderRepository, 'get' | 'replace' | 'listGuestOrdersOf' | 'listAllOfCustomer'>;
  accounts: AccountLookup;
  clock: () => Date;
  logger: Logger;
}

/** Account changes after which the account's email may newly be a verified one. */
const EMAIL_FIELDS = ['email', 'email_verified'];

/** The order without what identifies its buyer; lines, totals, payment and history stay. */
function deidentified(doc: OrderDocument, now: Date): OrderDocument {
  return {
    ...doc,
    email: null,
    email_key: null,
    shipping_address: null,
    ip_address: null,
    user_agent: null,
    customer_id: null,
    updated_at: now.toISOString(),
  };
}

/**
 * Orders and accounts (consumer group `order-accounts`):
 *
 * - A guest's past orders join the account of the same email once that email is verified (at
 *   sign-up through a provider that vouches for it, or when the owner confirms it): `customer_id`
 *   is set, so they list among the account's orders. Never on an unverified email: anyone may
 *   sign up with someone else's address. The account is read, not taken from the event, so a
 *   late event acts on the account as it is now.
 * - An erased account's orders are de-identified (email, address, client metadata and the link to
 *   the account), keeping what the books need: lines, totals, payment and status history.
 *
 * Each order is written conditionally on the version read and only when it still needs the change,
 * so a redelivered event changes nothing.
 */
export function accountOrdersConsumer(deps: AccountOrdersDeps): EventConsumer {
  /** Applies `change` to one order, re-read at each try; false when it no longer needs it. */
  function update(orderId: string, change: (doc: OrderDocument, now: Date) => OrderDocument | undefined) {
    return retryOnConflict(async () => {
      const order = await deps.orders.get(orderId);
      const now = deps.clock();
      const next = order && change(order, now);
      if (!order || !next) return false;
      await deps.orders.replace(next, [], order._etag, now);
      return true;
    });
  }

  async function link(userId: string): Promise<Applied> {
    const account = await deps.accounts.get(userId);
    if (!account?.email_verified) return 'ignored';
    const emailKey = account.email.toLowerCase();
    let linked = 0;
    for (const order of await deps.orders.listGuestOrdersOf(emailKey)) {
      const changed = await update(order.id, (doc, now) =>
        doc.customer_id === null && doc.email_key === emailKey
          ? { ...doc, customer_id: userId, updated_at: now.toISOString() }
          : undefined,
      );
      if (changed) linked += 1;
    }
    if (linked > 0) deps.logger.info({ user_id: userId, orders: linked }, 'guest orders linked to the account');
    return linked > 0 ? 'applied' : 'already-applied';
  }

  async function erase(event: EventOf<'UserDeleted'>): Promise<Applied> {
    const userId = event.data.user_id;
    let erased = 0;
    for (const order of await deps.orders.listAllOfCustomer(userId)) {
      const changed = await update(order.id, (doc, now) =>
        doc.customer_id === userId ? deidentified(doc, now) : undefined,
      );
      if (changed) erased += 1;
    }
    return erased > 0 ? 'applied' : 'already-applied';
  }

  const { name, delivery } = CONSUMER_GROUPS['order-accounts'];
  return {
    name,
    delivery,
    handlers: {
      UserCreated: (event) => link(event.data.user_id),
      UserUpdated: (event) =>
        event.data.changed_fields.some((field) => EMAIL_FIELDS.includes(field))
          ? link(event.data.user_id)
          : Promise.resolve('ignored'),
      UserDeleted: erase,
    },
  };
}

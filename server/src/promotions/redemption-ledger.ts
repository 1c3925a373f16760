import type { Container, PatchRequestBody } from '@azure/cosmos';
import {
  ServiceUnavailableError,
  type PromotionDocument,
  type RedeemOutcome,
  type RedemptionLedger,
  type ReleaseOutcome,
} from '@holiday-peak-hub/core';
import { cosmosStatus, isNotFound } from '../platform/cosmos/cosmos-errors.ts';

/** One order's use of a code (id `order.<order id>`), in the code's partition. */
interface RedemptionRecord {
  id: string;
  code: string;
  doc_type: 'redemption';
  order_id: string;
  customer_id: string;
  /** `pending` while its redeem runs, `counted` once both counters hold it, `releasing` while released. */
  state: 'pending' | 'counted' | 'releasing';
  created_at: string;
}

/** How many uses of the code a customer holds (id `customer.<customer id>`), in the code's partition. */
interface CustomerUses {
  id: string;
  code: string;
  doc_type: 'customer_uses';
  customer_id: string;
  uses: number;
}

/** Deterministic ids: the same order or customer always names the same record. */
export const orderRecordId = (orderId: string) => `order.${encodeURIComponent(orderId)}`;
export const customerRecordId = (customerId: string) => `customer.${encodeURIComponent(customerId)}`;

/** While a duplicate redeem of one order waits for the first to finish: how often and how long it looks. */
const SETTLE_POLL_MS = 20;
const SETTLE_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function checkId(value: string, what: string): void {
  if (value.length === 0 || value.length > 200) throw new RangeError(`${what} must have 1 to 200 characters`);
}

/**
 * The redemption ledger on Cosmos DB, every step a single-document conditional write in the
 * code's partition (atomic per document on Cosmos DB and on the stand-in alike):
 *
 * 1. `create` of the order's record (`pending`): a 409 means this order already holds the code
 *    or is redeeming it right now; the call then waits for that one's outcome, so the same
 *    (code, order) counts once, whoever calls and how often;
 * 2. the customer's uses: `incr` patched with the filter predicate `c.uses < <limit>`;
 * 3. the promotion's counter: `incr` patched with `c.active = true and c.redemption_count <
 *    c.redemption_cap` (the total limit), so no interleaving ever counts past the limit;
 * 4. the record becomes `counted`.
 *
 * A refused step undoes the earlier ones (the customer's use, then the record). A transactional
 * batch would make the four one write on real Cosmos DB, but the local stand-in does not make
 * batches atomic, so correctness is built on what the tests can check. A process dying between
 * steps leaves a `pending` record and at most one use counted that no order holds (never one past
 * a limit); a duplicate redeem of that order then answers 503 instead of waiting forever.
 */
export class CosmosRedemptionLedger implements RedemptionLedger {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async redeem(code: string, orderId: string, customerId: string, now: Date): Promise<RedeemOutcome> {
    checkId(orderId, 'orderId');
    checkId(customerId, 'customerId');
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const promotion = await this.#read<PromotionDocument>(code, code);
      if (!promotion?.active) return { status: 'refused', reason: 'unknown_or_inactive' };
      if (now.getTime() < Date.parse(promotion.starts_at)) return { status: 'refused', reason: 'not_yet_valid' };
      if (promotion.ends_at !== null && now.getTime() >= Date.parse(promotion.ends_at)) {
        return { status: 'refused', reason: 'expired' };
      }
      const record: RedemptionRecord = {
        id: orderRecordId(orderId),
        code,
        doc_type: 'redemption',
        order_id: orderId,
        customer_id: customerId,
        state: 'pending',
        created_at: now.toISOString(),
      };
      if (await this.#created(record)) return this.#count(record, promotion.usage_limit_per_customer);
      const settled = await this.#settled(code, record.id, deadline);
      if (settled === 'counted') return { status: 'already_redeemed' };
      // The other redeem of this order was refused (its record is gone): try again.
    }
  }

  async release(code: string, orderId: string): Promise<ReleaseOutcome> {
    const record = await this.#read<RedemptionRecord>(orderRecordId(orderId), code);
    if (record?.state !== 'counted') return 'not_redeemed';
    try {
      // Only one release of the order gets past this conditional write.
      await this.#container.item(record.id, code).patch([{ op: 'set', path: '/state', value: 'releasing' }], {
        accessCondition: { type: 'IfMatch', condition: record._etag },
      });
    } catch (err) {
      if (cosmosStatus(err) === 412 || isNotFound(err)) return 'not_redeemed';
      throw err;
    }
    await this.#decrement(customerRecordId(record.customer_id), code, 'uses');
    await this.#decrement(code, code, 'redemption_count');
    await this.#delete(record.id, code);
    return 'released';
  }

  async usesOf(code: string, customerId: string): Promise<number> {
    const doc = await this.#read<CustomerUses>(customerRecordId(customerId), code);
    return doc?.uses ?? 0;
  }

  /** Steps 2–4 for an order whose record this call created. */
  async #count(record: RedemptionRecord, perCustomer: number | null): Promise<RedeemOutcome> {
    const { code } = record;
    const customerId = customerRecordId(record.customer_id);
    const uses: CustomerUses = {
      id: customerId,
      code,
      doc_type: 'customer_uses',
      customer_id: record.customer_id,
      uses: 0,
    };
    await this.#created(uses);
    const customerCounted = await this.#patched(customerId, code, {
      ...(perCustomer === null ? {} : { condition: `from c where c.uses < ${perCustomer}` }),
      operations: [{ op: 'incr', path: '/uses', value: 1 }],
    });
    if (!customerCounted) {
      await this.#delete(record.id, code);
      return { status: 'refused', reason: 'customer_limit_reached' };
    }
    const counted = await this.#patched(code, code, {
      condition: 'from c where c.active = true and c.redemption_count < c.redemption_cap',
      operations: [{ op: 'incr', path: '/redemption_count', value: 1 }],
    });
    if (!counted) {
      await this.#decrement(customerId, code, 'uses');
      await this.#delete(record.id, code);
      const promotion = await this.#read<PromotionDocument>(code, code);
      return { status: 'refused', reason: promotion?.active ? 'total_limit_reached' : 'unknown_or_inactive' };
    }
    await this.#container.item(record.id, code).patch([{ op: 'set', path: '/state', value: 'counted' }]);
    return { status: 'redeemed' };
  }

  /** Waits until another call's redeem of this order is counted, or gone (refused). */
  async #settled(code: string, id: string, deadline: number): Promise<'counted' | 'gone'> {
    for (;;) {
      const record = await this.#read<RedemptionRecord>(id, code);
      if (!record) return 'gone';
      if (record.state !== 'pending') return 'counted';
      if (Date.now() > deadline) {
        throw new ServiceUnavailableError('A redemption of this promo code for this order is still in progress', {
          code,
        });
      }
      await sleep(SETTLE_POLL_MS);
    }
  }

  /** Creates a document; false when its id is taken (409). */
  async #created(doc: RedemptionRecord | CustomerUses): Promise<boolean> {
    try {
      await this.#container.items.create(doc);
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 409) return false;
      throw err;
    }
  }

  /** A patch; false when its filter predicate does not hold (412) or the document is gone (404). */
  async #patched(id: string, code: string, body: PatchRequestBody): Promise<boolean> {
    try {
      await this.#container.item(id, code).patch(body);
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 412 || isNotFound(err)) return false;
      throw err;
    }
  }

  /** Takes one off a counter, never below zero. */
  async #decrement(id: string, code: string, field: 'uses' | 'redemption_count'): Promise<void> {
    await this.#patched(id, code, {
      condition: `from c where c.${field} > 0`,
      operations: [{ op: 'incr', path: `/${field}`, value: -1 }],
    });
  }

  async #delete(id: string, code: string): Promise<void> {
    try {
      await this.#container.item(id, code).delete();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async #read<T>(id: string, code: string): Promise<(T & { _etag: string }) | undefined> {
    try {
      const { resource } = await this.#container.item(id, code).read<T & { _etag: string }>();
      return resource;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

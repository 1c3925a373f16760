import type { DocumentTable } from '../../catalog/memory/memory-document-store.ts';
import { answer } from '../../catalog/memory/memory-page.ts';
import { randomToken } from '../../platform/random.ts';
import type { PromotionDocument } from '../documents.ts';
import type { RedeemOutcome, RedemptionLedger, ReleaseOutcome } from '../ports.ts';

/** One order's use of a code. */
export interface MemoryRedemption {
  code: string;
  order_id: string;
  customer_id: string;
}

const key = (code: string, id: string) => `${code}|${id}`;

/**
 * The redemption ledger in memory, over the promotions' table: each call checks and counts in one
 * synchronous step, so it is atomic as the Cosmos DB adapter's conditional writes are, with the
 * same outcomes (a redemption changes the promotion's `redemption_count` and `_etag`).
 */
export class MemoryRedemptionLedger implements RedemptionLedger {
  readonly #promotions: DocumentTable<PromotionDocument>;
  readonly #orders: Map<string, MemoryRedemption>;
  readonly #uses: Map<string, number>;

  constructor(
    promotions: DocumentTable<PromotionDocument>,
    orders: Map<string, MemoryRedemption> = new Map(),
    uses: Map<string, number> = new Map(),
  ) {
    this.#promotions = promotions;
    this.#orders = orders;
    this.#uses = uses;
  }

  redeem(code: string, orderId: string, customerId: string, now: Date): Promise<RedeemOutcome> {
    return answer((): RedeemOutcome => {
      const promotion = this.#promotions.get(code);
      if (!promotion?.active) return { status: 'refused', reason: 'unknown_or_inactive' };
      if (now.getTime() < Date.parse(promotion.starts_at)) return { status: 'refused', reason: 'not_yet_valid' };
      if (promotion.ends_at !== null && now.getTime() >= Date.parse(promotion.ends_at)) {
        return { status: 'refused', reason: 'expired' };
      }
      if (this.#orders.has(key(code, orderId))) return { status: 'already_redeemed' };
      const uses = this.#uses.get(key(code, customerId)) ?? 0;
      const perCustomer = promotion.usage_limit_per_customer;
      if (perCustomer !== null && uses >= perCustomer) return { status: 'refused', reason: 'customer_limit_reached' };
      if (promotion.redemption_count >= promotion.redemption_cap) {
        return { status: 'refused', reason: 'total_limit_reached' };
      }
      this.#orders.set(key(code, orderId), { code, order_id: orderId, customer_id: customerId });
      this.#uses.set(key(code, customerId), uses + 1);
      this.#count(promotion, 1);
      return { status: 'redeemed' };
    });
  }

  release(code: string, orderId: string): Promise<ReleaseOutcome> {
    return answer((): ReleaseOutcome => {
      const redemption = this.#orders.get(key(code, orderId));
      if (!redemption) return 'not_redeemed';
      this.#orders.delete(key(code, orderId));
      const uses = this.#uses.get(key(code, redemption.customer_id)) ?? 0;
      if (uses <= 1) this.#uses.delete(key(code, redemption.customer_id));
      else this.#uses.set(key(code, redemption.customer_id), uses - 1);
      const promotion = this.#promotions.get(code);
      if (promotion && promotion.redemption_count > 0) this.#count(promotion, -1);
      return 'released';
    });
  }

  usesOf(code: string, customerId: string): Promise<number> {
    return answer(() => this.#uses.get(key(code, customerId)) ?? 0);
  }

  #count(promotion: PromotionDocument & { _etag: string }, by: 1 | -1): void {
    this.#promotions.set(promotion.id, {
      ...promotion,
      redemption_count: promotion.redemption_count + by,
      _etag: randomToken(16),
    });
  }
}

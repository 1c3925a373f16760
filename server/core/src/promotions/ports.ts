import type { DocumentWrites } from '../catalog/ports.ts';
import type { CategoryRepository } from '../catalog/ports.ts';
import type { PageInput, ResultPage } from '../catalog/page.ts';
import type { Versioned } from '../catalog/documents.ts';
import type { PromotionDocument } from './documents.ts';

/*
 * What the promotion services need from storage. The Cosmos DB adapters (server) and the
 * in-memory ones (`memory/`) implement these with the same semantics: a missing promotion reads
 * as `undefined`; `create` of a taken code is a `ConflictError`; `replace` of a promotion whose
 * version is no longer `etag` is a `PreconditionFailedError`; every write gives a new `_etag` and
 * hands its events to the publisher once it succeeded; a redemption changes the promotion's
 * `redemption_count`, hence its `_etag`.
 */

export interface PromotionFilter {
  active?: boolean | undefined;
}

export interface PromotionRepository extends Omit<DocumentWrites<PromotionDocument>, 'delete'> {
  /** By upper-case code: one point read. */
  get(code: string): Promise<Versioned<PromotionDocument> | undefined>;
  /** Promotions (every one, or only active or inactive ones) by code, ascending. */
  list(filter: PromotionFilter, page: PageInput): Promise<ResultPage<Versioned<PromotionDocument>>>;
}

/** Why a redemption was not counted. */
export type RedeemRefusal =
  'unknown_or_inactive' | 'not_yet_valid' | 'expired' | 'total_limit_reached' | 'customer_limit_reached';

export type RedeemOutcome =
  /** Counted now. */
  | { status: 'redeemed' }
  /** This order had already redeemed the code: counted once, nothing changed. */
  | { status: 'already_redeemed' }
  | { status: 'refused'; reason: RedeemRefusal };

export type ReleaseOutcome = 'released' | 'not_redeemed';

/**
 * Counting uses of a code, atomically under concurrency (the order placement calls it):
 *
 * - `redeem` counts one use for an order only if the code is active and valid at `now`, the total
 *   usage limit and the customer's limit both allow it; 50 concurrent redemptions of a code
 *   limited to 10 uses count exactly 10. Redeeming the same (code, order) again counts nothing
 *   and answers `already_redeemed`, whoever calls.
 * - `release` gives an order's use back (the order failed or was cancelled): both counts go down
 *   by one; releasing an order that holds no use changes nothing.
 * - `usesOf` is how many uses a customer holds of a code (what evaluation checks first).
 *
 * Codes are upper-case; order and customer ids are opaque strings without `/`, `\`, `?` or `#`.
 */
export interface RedemptionLedger {
  redeem(code: string, orderId: string, customerId: string, now: Date): Promise<RedeemOutcome>;
  release(code: string, orderId: string): Promise<ReleaseOutcome>;
  usesOf(code: string, customerId: string): Promise<number>;
}

/** The promotions' storage. */
export interface PromotionRepositories {
  promotions: PromotionRepository;
  ledger: RedemptionLedger;
}

/** What promotions read of the catalog: whether a category slug exists (category restrictions). */
export type PromotionCategoryLookup = Pick<CategoryRepository, 'get'>;

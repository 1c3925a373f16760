import type { Promotion } from '@holiday-peak-hub/contract';

/**
 * How a promotion is stored, whatever the storage: the contract's fields, its code as id (and as
 * partition key on Cosmos DB), and `redemption_cap`, the total usage limit or
 * `Number.MAX_SAFE_INTEGER` without one, so the conditional increment of `redemption_count` is one
 * comparison of two fields of the document.
 */
export interface PromotionDocument extends Promotion {
  /** The code, upper-case. */
  id: string;
  doc_type: 'promotion';
  redemption_cap: number;
}

/** `redemption_cap` of a total usage limit. */
export function redemptionCapOf(limit: number | null): number {
  return limit ?? Number.MAX_SAFE_INTEGER;
}

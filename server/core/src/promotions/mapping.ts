import type { Promotion } from '@holiday-peak-hub/contract';
import type { PromotionDocument } from './documents.ts';

/** A stored promotion as the API shows it: the contract's fields only. */
export function toPromotion(doc: PromotionDocument): Promotion {
  return {
    code: doc.code,
    description: doc.description,
    kind: doc.kind,
    percent_off: doc.percent_off,
    amount_off: doc.amount_off,
    minimum_subtotal: doc.minimum_subtotal,
    starts_at: doc.starts_at,
    ends_at: doc.ends_at,
    usage_limit_total: doc.usage_limit_total,
    usage_limit_per_customer: doc.usage_limit_per_customer,
    category_slugs: doc.category_slugs,
    active: doc.active,
    redemption_count: doc.redemption_count,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}

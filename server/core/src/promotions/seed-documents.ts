import { normalizePromoCode, type Promotion } from '@holiday-peak-hub/contract';
import { redemptionCapOf, type PromotionDocument } from './documents.ts';

/** The stored form of a promotion given whole (seeding, fixtures). */
export function promotionDocument(promotion: Promotion): PromotionDocument {
  const code = normalizePromoCode(promotion.code);
  return {
    ...promotion,
    id: code,
    code,
    doc_type: 'promotion',
    redemption_cap: redemptionCapOf(promotion.usage_limit_total),
  };
}

import type { Operation } from '../../operation.ts';
import type { PromotionEventType } from '../../events/promotions.ts';
import {
  createPromotion,
  deactivatePromotion,
  staffGetPromotion,
  staffListPromotions,
  updatePromotion,
} from './promotions.ts';

/** The promotion operations, in the order of the OpenAPI document. */
export const promotionOperations = [
  staffListPromotions,
  createPromotion,
  staffGetPromotion,
  updatePromotion,
  deactivatePromotion,
] as const satisfies readonly Operation<PromotionEventType>[];

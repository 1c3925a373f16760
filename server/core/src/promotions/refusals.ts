import type { ErrorCode } from '@holiday-peak-hub/contract';
import { AppError } from '../pipeline/errors.ts';
import type { PromotionRefusal } from './evaluate.ts';

/** The error code each refusal travels with (all 422: the request is well-formed, the code does not apply). */
export const REFUSAL_CODES = {
  unknown_or_inactive: 'PROMO_CODE_INVALID',
  not_yet_valid: 'PROMO_CODE_NOT_YET_VALID',
  expired: 'PROMO_CODE_EXPIRED',
  total_limit_reached: 'PROMO_USAGE_LIMIT_REACHED',
  customer_limit_reached: 'PROMO_CUSTOMER_LIMIT_REACHED',
  currency_mismatch: 'PROMO_NOT_APPLICABLE',
  minimum_not_met: 'PROMO_MINIMUM_NOT_MET',
  no_eligible_lines: 'PROMO_NOT_APPLICABLE',
} as const satisfies Record<PromotionRefusal['reason'], ErrorCode>;

const major = (minor: number) => (minor / 100).toFixed(2);

function messageOf(refusal: PromotionRefusal): string {
  switch (refusal.reason) {
    case 'unknown_or_inactive':
      return 'This promo code does not exist or is no longer active';
    case 'not_yet_valid':
      return `This promo code is valid from ${refusal.starts_at}`;
    case 'expired':
      return `This promo code expired at ${refusal.ends_at}`;
    case 'total_limit_reached':
      return 'This promo code has been used as many times as it may be';
    case 'customer_limit_reached':
      return `You have already used this promo code ${refusal.limit === 1 ? 'once' : `${refusal.limit} times`}, its limit per customer`;
    case 'currency_mismatch':
      return `This promo code applies to carts in ${refusal.currency} only`;
    case 'minimum_not_met':
      return `This promo code needs a subtotal of at least ${major(refusal.minimum)} ${refusal.currency}`;
    case 'no_eligible_lines':
      return `This promo code applies only to products of these categories: ${refusal.category_slugs.join(', ')}`;
  }
}

/**
 * The API error of a refusal, for operations that apply codes (checkout): a distinct code per
 * reason, the reason and its facts in `details` (the minimum in major units, as the API shows money).
 */
export function promotionRefusalError(code: string, refusal: PromotionRefusal): AppError {
  const { reason, ...facts } = refusal;
  const details: Record<string, unknown> = { code, reason, ...facts };
  if (refusal.reason === 'minimum_not_met')
    details.minimum = { amount: refusal.minimum / 100, currency: refusal.currency };
  return new AppError(REFUSAL_CODES[reason], messageOf(refusal), details);
}

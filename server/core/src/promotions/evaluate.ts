import type { Money, Promotion } from '@holiday-peak-hub/contract';

/*
 * Whether a promo code applies to a cart, and for how much: a pure function of the cart, the
 * promotion, the instant and the customer's uses so far. Money is in integer minor units (cents)
 * throughout; the arithmetic runs on BigInt, so no product of a price and a rate loses a cent.
 *
 * Rounding, the one rule: a percent discount is `eligible × percent / 100` rounded half up to
 * the cent, once, on the sum of the eligible lines (never per line). It is then allocated to the
 * eligible lines in proportion to their totals by largest remainder: each line gets the floor of
 * its exact share, and the cents left over go one each to the lines with the largest remainders
 * (ties: the earlier line). So the allocations always add up to the discount, and no line is
 * discounted below zero. A fixed amount is capped at the eligible sum and allocated the same way.
 */

/** One cart line as evaluation sees it. */
export interface PromotionCartLine {
  product_id: string;
  category_slug: string;
  /** Unit price in minor units (cents), a non-negative integer. */
  unit_price: number;
  quantity: number;
}

export interface PromotionCart {
  lines: readonly PromotionCartLine[];
  /** Σ of every line before discounts, in minor units: what `minimum_subtotal` is compared with. */
  subtotal: number;
  /** The shipping price in minor units (what `free_shipping` takes off). */
  shipping: number;
  currency: string;
}

/** What evaluation reads of a promotion. */
export type PromotionTerms = Pick<
  Promotion,
  | 'code'
  | 'kind'
  | 'percent_off'
  | 'amount_off'
  | 'minimum_subtotal'
  | 'starts_at'
  | 'ends_at'
  | 'usage_limit_total'
  | 'usage_limit_per_customer'
  | 'category_slugs'
  | 'active'
  | 'redemption_count'
>;

export type PromotionRefusal =
  | { reason: 'unknown_or_inactive' }
  | { reason: 'not_yet_valid'; starts_at: string }
  | { reason: 'expired'; ends_at: string }
  | { reason: 'total_limit_reached'; limit: number }
  | { reason: 'customer_limit_reached'; limit: number }
  | { reason: 'currency_mismatch'; currency: string }
  | { reason: 'minimum_not_met'; minimum: number; currency: string }
  | { reason: 'no_eligible_lines'; category_slugs: string[] };

export interface PromotionDiscount {
  ok: true;
  code: string;
  kind: Promotion['kind'];
  /** The discount in minor units. */
  discount: number;
  /** Σ of the eligible lines (the percent and the fixed amount apply to it). */
  eligible_subtotal: number;
  /** Per cart line (same order), the part of the discount it carries; all 0 for free shipping. */
  allocations: number[];
  /** `lines` for percent and fixed amounts, `shipping` for free shipping. */
  applies_to: 'lines' | 'shipping';
}

export type PromotionEvaluation = PromotionDiscount | { ok: false; refusal: PromotionRefusal };

/** Minor units of an amount in major units with at most two decimals. */
export function minorOf(money: Money): number {
  return Math.round(money.amount * 100);
}

function checkInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

function lineTotal(line: PromotionCartLine): bigint {
  checkInteger(line.unit_price, 'unit_price');
  checkInteger(line.quantity, 'quantity');
  return BigInt(line.unit_price) * BigInt(line.quantity);
}

/**
 * Splits `amount` (≤ Σ weights) over the weights in proportion, by largest remainder: the parts
 * add up to `amount` exactly and none exceeds its weight.
 */
export function allocateByLargestRemainder(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total === 0n) return weights.map(() => 0n);
  const parts = weights.map((weight) => (amount * weight) / total);
  let left = amount - parts.reduce((sum, part) => sum + part, 0n);
  const order = weights
    .map((weight, index) => ({ index, remainder: (amount * weight) % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    parts[index] = parts[index]! + 1n;
    left -= 1n;
  }
  return parts;
}

/** `value × percent / 100`, rounded half up. */
export function percentOf(value: bigint, percent: number): bigint {
  return (value * BigInt(percent) * 2n + 100n) / 200n;
}

function refusalOf(promotion: PromotionTerms | undefined, cart: PromotionCart, now: Date, uses: number) {
  if (!promotion?.active) return { reason: 'unknown_or_inactive' } as const;
  const at = now.getTime();
  if (at < Date.parse(promotion.starts_at)) return { reason: 'not_yet_valid', starts_at: promotion.starts_at } as const;
  if (promotion.ends_at !== null && at >= Date.parse(promotion.ends_at)) {
    return { reason: 'expired', ends_at: promotion.ends_at } as const;
  }
  const total = promotion.usage_limit_total;
  if (total !== null && promotion.redemption_count >= total)
    return { reason: 'total_limit_reached', limit: total } as const;
  const perCustomer = promotion.usage_limit_per_customer;
  if (perCustomer !== null && uses >= perCustomer)
    return { reason: 'customer_limit_reached', limit: perCustomer } as const;
  for (const money of [promotion.amount_off, promotion.minimum_subtotal]) {
    if (money !== null && money.currency !== cart.currency)
      return { reason: 'currency_mismatch', currency: money.currency } as const;
  }
  const minimum = promotion.minimum_subtotal;
  if (minimum !== null && cart.subtotal < minorOf(minimum)) {
    return { reason: 'minimum_not_met', minimum: minorOf(minimum), currency: minimum.currency } as const;
  }
  return undefined;
}

/**
 * Applies a promotion to a cart at `now`, for a customer who has used it `customerUses` times:
 * the discount, or why the code does not apply. Checks in this order: unknown or inactive, not
 * yet valid, expired, total limit, customer limit, currency, minimum subtotal, eligible lines.
 */
export function evaluatePromotion(
  promotion: PromotionTerms | undefined,
  cart: PromotionCart,
  now: Date,
  customerUses: number,
): PromotionEvaluation {
  checkInteger(cart.subtotal, 'subtotal');
  checkInteger(cart.shipping, 'shipping');
  const totals = cart.lines.map(lineTotal);
  const refusal = refusalOf(promotion, cart, now, customerUses);
  if (refusal) return { ok: false, refusal };
  const terms = promotion!;
  const restricted = terms.category_slugs.length > 0;
  const weights = cart.lines.map((line, index) =>
    !restricted || terms.category_slugs.includes(line.category_slug) ? totals[index]! : 0n,
  );
  const eligible = weights.reduce((sum, weight) => sum + weight, 0n);
  const hasEligibleLine = cart.lines.some((line) => !restricted || terms.category_slugs.includes(line.category_slug));
  if (!hasEligibleLine || (terms.kind !== 'free_shipping' && eligible === 0n)) {
    return { ok: false, refusal: { reason: 'no_eligible_lines', category_slugs: [...terms.category_slugs] } };
  }
  const base = { ok: true, code: terms.code, kind: terms.kind, eligible_subtotal: Number(eligible) } as const;
  if (terms.kind === 'free_shipping') {
    return { ...base, discount: cart.shipping, allocations: cart.lines.map(() => 0), applies_to: 'shipping' };
  }
  const discount =
    terms.kind === 'percent'
      ? percentOf(eligible, terms.percent_off ?? 0)
      : BigInt(Math.min(minorOf(terms.amount_off!), Number(eligible)));
  const allocations = allocateByLargestRemainder(discount, weights).map(Number);
  return { ...base, discount: Number(discount), allocations, applies_to: 'lines' };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateByLargestRemainder,
  evaluatePromotion,
  percentOf,
  type PromotionCart,
  type PromotionCartLine,
  type PromotionRefusal,
  type PromotionTerms,
} from './evaluate.ts';
import { promotionRefusalError } from './refusals.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

const terms = (overrides: Partial<PromotionTerms> = {}): PromotionTerms => ({
  code: 'HOLIDAY10',
  kind: 'percent',
  percent_off: 10,
  amount_off: null,
  minimum_subtotal: null,
  starts_at: '2026-11-01T00:00:00Z',
  ends_at: '2027-01-01T00:00:00Z',
  usage_limit_total: null,
  usage_limit_per_customer: null,
  category_slugs: [],
  active: true,
  redemption_count: 0,
  ...overrides,
});

const line = (category_slug: string, unit_price: number, quantity = 1): PromotionCartLine => ({
  product_id: `${category_slug}.abcdefghijkl`,
  category_slug,
  unit_price,
  quantity,
});

function cartOf(lines: PromotionCartLine[], shipping = 599): PromotionCart {
  const subtotal = lines.reduce((sum, l) => sum + l.unit_price * l.quantity, 0);
  return { lines, subtotal, shipping, currency: 'USD' };
}

describe('evaluatePromotion: examples', () => {
  it('takes a percent of the cart, rounded half up once, and allocates every cent', () => {
    // 3 × 3.33 = 9.99; 10 % = 0.999 → 1.00.
    const result = evaluatePromotion(terms(), cartOf([line('toys-games', 333, 3)]), NOW, 0);
    expect(result).toMatchObject({ ok: true, discount: 100, allocations: [100], applies_to: 'lines' });
    // 0.05 → 0.005 → 0.01 (half up); 0.04 → 0.004 → 0.00.
    expect(evaluatePromotion(terms(), cartOf([line('toys-games', 5)]), NOW, 0)).toMatchObject({ discount: 1 });
    expect(evaluatePromotion(terms(), cartOf([line('toys-games', 4)]), NOW, 0)).toMatchObject({ discount: 0 });
  });

  it('splits a discount over lines by largest remainder', () => {
    // 10 % of 3 × 0.05 = 0.015 → 0.02: the first two lines (equal remainders, earlier first) carry a cent each.
    const lines = [line('a-b', 5), line('a-b', 5), line('a-b', 5)];
    expect(evaluatePromotion(terms(), cartOf(lines), NOW, 0)).toMatchObject({ discount: 2, allocations: [1, 1, 0] });
  });

  it('restricts the discount to lines of the named categories', () => {
    const cart = cartOf([line('electronics-laptops', 100_000), line('toys-games', 5_000)]);
    const percent = evaluatePromotion(terms({ category_slugs: ['electronics-laptops'] }), cart, NOW, 0);
    expect(percent).toMatchObject({ ok: true, discount: 10_000, eligible_subtotal: 100_000, allocations: [10_000, 0] });
    const none = evaluatePromotion(terms({ category_slugs: ['home-kitchen-decor'] }), cart, NOW, 0);
    expect(none).toEqual({
      ok: false,
      refusal: { reason: 'no_eligible_lines', category_slugs: ['home-kitchen-decor'] },
    });
  });

  it('caps a fixed amount at the eligible lines, and gives free shipping as the shipping price', () => {
    const fixed = terms({ kind: 'fixed_amount', percent_off: null, amount_off: { amount: 50, currency: 'USD' } });
    expect(evaluatePromotion(fixed, cartOf([line('a-b', 1_999)]), NOW, 0)).toMatchObject({ discount: 1_999 });
    expect(evaluatePromotion(fixed, cartOf([line('a-b', 9_999)]), NOW, 0)).toMatchObject({ discount: 5_000 });
    const ship = terms({ kind: 'free_shipping', percent_off: null });
    expect(evaluatePromotion(ship, cartOf([line('a-b', 9_999)], 799), NOW, 0)).toMatchObject({
      discount: 799,
      allocations: [0],
      applies_to: 'shipping',
    });
  });

  it('refuses with a typed reason, in order', () => {
    const cart = cartOf([line('a-b', 2_000)]);
    const refusal = (t: PromotionTerms | undefined, uses = 0, at = NOW) => {
      const result = evaluatePromotion(t, cart, at, uses);
      return result.ok ? undefined : result.refusal;
    };
    expect(refusal(undefined)).toEqual({ reason: 'unknown_or_inactive' });
    expect(refusal(terms({ active: false }))).toEqual({ reason: 'unknown_or_inactive' });
    expect(refusal(terms(), 0, new Date('2026-10-31T23:59:59Z'))).toEqual({
      reason: 'not_yet_valid',
      starts_at: '2026-11-01T00:00:00Z',
    });
    expect(refusal(terms(), 0, new Date('2027-01-01T00:00:00Z'))).toEqual({
      reason: 'expired',
      ends_at: '2027-01-01T00:00:00Z',
    });
    expect(refusal(terms({ usage_limit_total: 5, redemption_count: 5 }))).toEqual({
      reason: 'total_limit_reached',
      limit: 5,
    });
    expect(refusal(terms({ usage_limit_per_customer: 2 }), 2)).toEqual({ reason: 'customer_limit_reached', limit: 2 });
    expect(refusal(terms({ usage_limit_per_customer: 2 }), 1)).toBeUndefined();
    expect(refusal(terms({ minimum_subtotal: { amount: 20.01, currency: 'USD' } }))).toEqual({
      reason: 'minimum_not_met',
      minimum: 2_001,
      currency: 'USD',
    });
    expect(refusal(terms({ minimum_subtotal: { amount: 20, currency: 'USD' } }))).toBeUndefined();
    expect(refusal(terms({ minimum_subtotal: { amount: 20, currency: 'EUR' } }))).toEqual({
      reason: 'currency_mismatch',
      currency: 'EUR',
    });
  });

  it('maps each refusal to a 422 envelope code of its own, saying the minimum', () => {
    const error = promotionRefusalError('FREESHIP', { reason: 'minimum_not_met', minimum: 5_000, currency: 'USD' });
    expect(error.status).toBe(422);
    expect(error.code).toBe('PROMO_MINIMUM_NOT_MET');
    expect(error.message).toContain('50.00 USD');
    expect(error.details).toMatchObject({ code: 'FREESHIP', reason: 'minimum_not_met', minimum: { amount: 50 } });
    const refusals: PromotionRefusal[] = [
      { reason: 'unknown_or_inactive' },
      { reason: 'not_yet_valid', starts_at: 'x' },
      { reason: 'expired', ends_at: 'x' },
      { reason: 'total_limit_reached', limit: 1 },
      { reason: 'customer_limit_reached', limit: 1 },
      { reason: 'minimum_not_met', minimum: 1, currency: 'USD' },
      { reason: 'no_eligible_lines', category_slugs: ['a-b'] },
    ];
    const codes = refusals.map((refusal) => promotionRefusalError('X', refusal).code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('refuses malformed money as a programming error', () => {
    expect(() => evaluatePromotion(terms(), cartOf([line('a-b', 1.5)]), NOW, 0)).toThrow(RangeError);
    expect(() => evaluatePromotion(terms(), { ...cartOf([]), shipping: -1 }, NOW, 0)).toThrow(RangeError);
  });
});

const slugs = ['electronics-laptops', 'toys-games', 'home-kitchen-decor'] as const;
const lineArb = fc.record({
  product_id: fc.constant('x.abcdefghijkl'),
  category_slug: fc.constantFrom(...slugs),
  unit_price: fc.integer({ min: 0, max: 100_000_000 }),
  quantity: fc.integer({ min: 1, max: 99 }),
});
const termsArb = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map((percent) => terms({ percent_off: percent })),
  fc
    .integer({ min: 1, max: 1_000_000_000 })
    .map((cents) =>
      terms({ kind: 'fixed_amount', percent_off: null, amount_off: { amount: cents / 100, currency: 'USD' } }),
    ),
  fc.constant(terms({ kind: 'free_shipping', percent_off: null })),
);
const restrictionArb = fc.subarray([...slugs]);

describe('evaluatePromotion: properties', () => {
  it('the discount is never negative, never more than the eligible lines (or the shipping), and its allocations add up to it', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        termsArb,
        restrictionArb,
        fc.integer({ min: 0, max: 100_000 }),
        (lines, base, categories, shipping) => {
          const promotion = { ...base, category_slugs: categories };
          const result = evaluatePromotion(promotion, cartOf(lines, shipping), NOW, 0);
          if (!result.ok) {
            expect(result.refusal.reason).toBe('no_eligible_lines');
            return;
          }
          expect(result.discount).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(result.discount)).toBe(true);
          if (result.applies_to === 'shipping') {
            expect(result.discount).toBe(shipping);
            expect(result.allocations.every((a) => a === 0)).toBe(true);
            return;
          }
          expect(result.discount).toBeLessThanOrEqual(result.eligible_subtotal);
          expect(result.allocations.reduce((sum, a) => sum + a, 0)).toBe(result.discount);
          lines.forEach((l, index) => {
            const allocation = result.allocations[index]!;
            const eligible = categories.length === 0 || categories.includes(l.category_slug);
            expect(allocation).toBeGreaterThanOrEqual(0);
            expect(allocation).toBeLessThanOrEqual(eligible ? l.unit_price * l.quantity : 0);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a percent discount is the exact percentage rounded half up: within half a cent, never drifting', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 100 }), (lines, p) => {
        const result = evaluatePromotion(terms({ percent_off: p }), cartOf(lines), NOW, 0);
        if (!result.ok) {
          // Only a cart whose lines are all free has nothing to discount.
          expect(result.refusal.reason).toBe('no_eligible_lines');
          expect(lines.every((l) => l.unit_price === 0)).toBe(true);
          return;
        }
        const exactTimes100 = BigInt(result.eligible_subtotal) * BigInt(p); // the discount × 100, exactly
        const diff = BigInt(result.discount) * 100n - exactTimes100;
        expect(diff > -50n && diff <= 50n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('largest remainder: parts add up, each within one cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (weights, wanted) => {
          const total = weights.reduce((sum, w) => sum + w, 0n);
          const amount = total === 0n ? 0n : wanted % (total + 1n);
          const parts = allocateByLargestRemainder(amount, weights);
          expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(amount);
          parts.forEach((part, index) => {
            const weight = weights[index]!;
            expect(part <= weight).toBe(true);
            if (total > 0n) {
              const floor = (amount * weight) / total;
              expect(part === floor || part === floor + 1n).toBe(true);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('percentOf rounds half up', () => {
    expect(percentOf(5n, 10)).toBe(1n);
    expect(percentOf(4n, 10)).toBe(0n);
    expect(percentOf(15n, 10)).toBe(2n);
    expect(percentOf(999n, 100)).toBe(999n);
  });
});

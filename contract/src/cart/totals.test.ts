import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, fromMinor, toMinor, toRatePpm } from '../common/minor-units.ts';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './limits.ts';
import { cartMoney, lineMoney, pricedLine, unitPriceMinor, type PricedLine } from './totals.ts';

/** Catalog prices: up to 10,000,000.00 (AmountSchema), written with at most two decimals. */
const minorAmount = fc.integer({ min: 0, max: 1_000_000_000 });
const line: fc.Arbitrary<PricedLine> = fc.record({
  unitMinor: fc.integer({ min: 0, max: 1_010_000_000 }),
  quantity: fc.integer({ min: 1, max: MAX_LINE_QUANTITY }),
  taxPpm: fc.integer({ min: 0, max: 1_000_000 }),
});
const cart = fc.array(line, { maxLength: MAX_CART_LINES });

/** A fraction rounded half up, in BigInt: the reference the rate arithmetic is checked against. */
const roundedHalfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);

describe('money in minor units', () => {
  it('an amount of two decimals converts to minor units and back exactly', () => {
    fc.assert(
      fc.property(minorAmount, (minor) => {
        expect(toMinor(fromMinor(minor))).toBe(minor);
        // The JSON the API writes shows the same decimal as the minor units say.
        const text = JSON.stringify(fromMinor(minor));
        expect(Math.round(Number(text) * 100)).toBe(minor);
        expect(text.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('a decimal price reads as the cents it was written with', () => {
    expect(toMinor(0.07)).toBe(7);
    expect(toMinor(1199.99)).toBe(119_999);
    expect(toMinor(0.1 + 0.2)).toBe(30);
    expect(unitPriceMinor(19.99, -0.99)).toBe(1900);
    fc.assert(
      fc.property(minorAmount, (minor) => {
        expect(toMinor(Number(`${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`))).toBe(minor);
      }),
    );
  });

  it('a rate applies in exact integer arithmetic, rounded half up', () => {
    expect(applyRate(100, 82_500)).toBe(8); // 8.25 → 8
    expect(applyRate(1000, 82_500)).toBe(83); // 82.5 → 83
    expect(applyRate(119_900, toRatePpm(0.0825))).toBe(9892); // 98.9175 → 98.92, the design document's example
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 * 1_010_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (m, ppm) => {
        expect(BigInt(applyRate(m, ppm))).toBe(roundedHalfUp(BigInt(m) * BigInt(ppm), 1_000_000n));
      }),
    );
  });
});

describe('cart totals', () => {
  it('each line total is unit × quantity exactly, and its tax the rounded rate of it', () => {
    fc.assert(
      fc.property(line, (l) => {
        const money = lineMoney(l);
        expect(money.total).toBe(l.unitMinor * l.quantity);
        expect(Number.isSafeInteger(money.total)).toBe(true);
        expect(money.tax).toBe(applyRate(money.total, l.taxPpm));
      }),
    );
  });

  it('total = Σ line totals − discount + tax + shipping, exactly, for any cart', () => {
    fc.assert(
      fc.property(cart, fc.nat(), fc.nat({ max: 10_000_000 }), (lines, discount, shipping) => {
        const money = cartMoney(lines, { discount, shipping });
        const sumLines = lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0);
        const sumTax = money.lines.reduce((sum, l) => sum + l.tax, 0);
        expect(money.subtotal).toBe(sumLines);
        expect(money.tax).toBe(sumTax);
        expect(money.discount).toBe(Math.min(discount, sumLines));
        expect(money.total).toBe(sumLines - money.discount + sumTax + shipping);
        expect(money.total).toBeGreaterThanOrEqual(0);
        for (const value of [money.subtotal, money.tax, money.total]) expect(Number.isSafeInteger(value)).toBe(true);
      }),
    );
  });

  it('shown in major units, the totals still add up to the cent', () => {
    fc.assert(
      fc.property(cart, (lines) => {
        const money = cartMoney(lines);
        const shown = (minor: number) => toMinor(fromMinor(minor));
        expect(shown(money.total)).toBe(shown(money.subtotal) + shown(money.tax));
        expect(money.lines.reduce((sum, l) => sum + shown(l.total), 0)).toBe(shown(money.subtotal));
      }),
    );
  });

  it('the order of the lines changes nothing', () => {
    fc.assert(
      fc.property(cart, (lines) => {
        expect(cartMoney([...lines].reverse()).total).toBe(cartMoney(lines).total);
      }),
    );
  });

  it('a priced line reads the catalog once: 3 × (19.99 + 1.00) at 8.25 %', () => {
    const money = cartMoney([pricedLine({ amount: 19.99, tax_rate: 0.0825 }, 1, 3)]);
    expect(money).toMatchObject({ subtotal: 6297, tax: 520, total: 6817 });
  });
});

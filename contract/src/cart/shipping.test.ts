import { describe, expect, it } from 'vitest';
import { addBusinessDays, FREE_STANDARD_SHIPPING_MINOR, shippingQuotes } from './shipping.ts';

describe('shipping rates and delivery dates', () => {
  it('counts business days (Monday to Friday, UTC) from the day of `now`', () => {
    const friday = new Date('2026-11-27T23:30:00Z');
    expect(addBusinessDays(friday, 1)).toBe('2026-11-30'); // Monday
    expect(addBusinessDays(friday, 5)).toBe('2026-12-04');
    const saturday = new Date('2026-11-28T08:00:00Z');
    expect(addBusinessDays(saturday, 1)).toBe('2026-11-30');
    expect(addBusinessDays(new Date('2026-12-01T00:00:00Z'), 3)).toBe('2026-12-04');
    expect(addBusinessDays(new Date('2026-12-01T00:00:00Z'), 0)).toBe('2026-12-01');
  });

  it('offers standard, express and overnight in the US, overnight nowhere else, and no unknown country', () => {
    const now = new Date('2026-12-01T10:00:00Z'); // a Tuesday
    const us = shippingQuotes('us', 5_000, now)!;
    expect(us.map((q) => [q.option.id, q.option.carrier, q.priceMinor, q.option.price.amount])).toEqual([
      ['standard', 'USPS', 599, 5.99],
      ['express', 'UPS', 1499, 14.99],
      ['overnight', 'FedEx', 2999, 29.99],
    ]);
    expect(us[0]!.option.estimated_delivery).toEqual({ earliest: '2026-12-04', latest: '2026-12-08' });
    expect(us[2]!.option.estimated_delivery).toEqual({ earliest: '2026-12-02', latest: '2026-12-02' });
    expect(shippingQuotes('DE', 5_000, now)!.map((q) => [q.option.id, q.priceMinor])).toEqual([
      ['standard', 1999],
      ['express', 3999],
    ]);
    expect(shippingQuotes('JP', 5_000, now)).toBeUndefined();
  });

  it('makes standard free in the US from 100 USD, and only there', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(shippingQuotes('US', FREE_STANDARD_SHIPPING_MINOR - 1, now)![0]!.priceMinor).toBe(599);
    expect(shippingQuotes('US', FREE_STANDARD_SHIPPING_MINOR, now)![0]!.option.price).toEqual({
      amount: 0,
      currency: 'USD',
    });
    expect(shippingQuotes('CA', 1_000_000, now)![0]!.priceMinor).toBe(1499);
  });
});

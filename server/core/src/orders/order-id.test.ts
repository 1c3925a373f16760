import { OrderNumberSchema } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { formatOrderNumber, MAX_ORDER_NUMBER } from './order-id.ts';

describe('order numbers', () => {
  it('are HPH-YYYY and six digits, more past 999,999 in a year, each valid for the contract', () => {
    expect(formatOrderNumber(2026, 1)).toBe('HPH-2026-000001');
    expect(formatOrderNumber(2026, 999_999)).toBe('HPH-2026-999999');
    expect(formatOrderNumber(2026, 1_000_000)).toBe('HPH-2026-1000000');
    for (const n of [1, 999_999, 1_000_000, MAX_ORDER_NUMBER]) {
      expect(OrderNumberSchema.safeParse(formatOrderNumber(2026, n)).success).toBe(true);
    }
  });

  it('refuse a sequence outside 1..MAX_ORDER_NUMBER (a counter bug, not a shopper error)', () => {
    for (const n of [0, -1, 1.5, MAX_ORDER_NUMBER + 1]) expect(() => formatOrderNumber(2026, n)).toThrow(RangeError);
  });
});

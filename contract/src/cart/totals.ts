import { applyRate, toMinor, toRatePpm } from '../common/minor-units.ts';

/** What one priced line of a cart needs: its unit price and tax rate as the catalog has them now. */
export interface PricedLine {
  /** Unit price in minor units (the product's price plus the variant's adjustment). */
  unitMinor: number;
  quantity: number;
  /** Tax rate in parts per million (`toRatePpm`). */
  taxPpm: number;
}

/** A line's money, in minor units. */
export interface LineMoney {
  /** unit × quantity, exactly. */
  total: number;
  /** The line's tax, rounded half up to the minor unit. */
  tax: number;
}

/** A cart's money, in minor units: `total = subtotal − discount + tax + shipping`, exactly. */
export interface CartMoney {
  lines: LineMoney[];
  /** Σ line totals. */
  subtotal: number;
  /** The discount applied: what was asked, at most the subtotal. */
  discount: number;
  /** Σ line taxes. */
  tax: number;
  shipping: number;
  total: number;
}

/** A variant's unit price in minor units: the product's price plus the variant's adjustment. */
export function unitPriceMinor(priceAmount: number, priceAdjustment: number): number {
  return toMinor(priceAmount) + toMinor(priceAdjustment);
}

/** The money of one line. */
export function lineMoney(line: PricedLine): LineMoney {
  const total = line.unitMinor * line.quantity;
  return { total, tax: applyRate(total, line.taxPpm) };
}

/** A priced line from the catalog's decimal price, adjustment and tax rate. */
export function pricedLine(
  price: { amount: number; tax_rate: number },
  priceAdjustment: number,
  quantity: number,
): PricedLine {
  return { unitMinor: unitPriceMinor(price.amount, priceAdjustment), quantity, taxPpm: toRatePpm(price.tax_rate) };
}

/**
 * The one computation of a cart's totals, in integer minor units: each line is unit × quantity,
 * its tax rounded once per line, and the total the exact sum. Discount and shipping are in minor
 * units too (none yet: promotions and shipping come later).
 */
export function cartMoney(
  lines: readonly PricedLine[],
  adjustments: { discount?: number; shipping?: number } = {},
): CartMoney {
  const money = lines.map(lineMoney);
  const subtotal = money.reduce((sum, line) => sum + line.total, 0);
  const tax = money.reduce((sum, line) => sum + line.tax, 0);
  const discount = Math.min(Math.max(adjustments.discount ?? 0, 0), subtotal);
  const shipping = Math.max(adjustments.shipping ?? 0, 0);
  return { lines: money, subtotal, discount, tax, shipping, total: subtotal - discount + tax + shipping };
}

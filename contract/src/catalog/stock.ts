import type { StockStatus } from './schemas.ts';

/** At or below this many units a product or variant is `low_stock`. */
export const LOW_STOCK_THRESHOLD = 5;

/** The stock status of a number of units on hand: the one rule the server, fixtures and mocks share. */
export function stockStatusOf(units: number): StockStatus {
  if (units <= 0) return 'out_of_stock';
  return units <= LOW_STOCK_THRESHOLD ? 'low_stock' : 'in_stock';
}

import type { StaffProduct, StockStatus } from '@holiday-peak-hub/contract';
import { stockStatusOf } from '@holiday-peak-hub/contract/fixtures';

export function totalStock(product: Pick<StaffProduct, 'variants'>): number {
  return product.variants.reduce((sum, variant) => sum + variant.stock, 0);
}

/** `out_of_stock` at 0 units, `low_stock` at 5 or fewer, as the contract documents. */
export function stockStatus(units: number): StockStatus {
  return stockStatusOf(units);
}

import type { StaffProduct } from '@holiday-peak-hub/contract';

export function totalStock(product: Pick<StaffProduct, 'variants'>): number {
  return product.variants.reduce((sum, variant) => sum + variant.stock, 0);
}

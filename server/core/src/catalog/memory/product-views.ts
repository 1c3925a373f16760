import {
  toInventory as inventoryOf,
  toProductSummary,
  toPublicProduct,
  totalStockOf,
  type Inventory,
  type Product,
  type ProductSource,
  type ProductSummary,
  type StaffProduct,
} from '@holiday-peak-hub/contract';

/*
 * The contract's product projections (the server's too), fed from a mock store product: the
 * store keeps no total, so it is summed from the variants here.
 */

const sourceOf = (product: StaffProduct): ProductSource => ({ ...product, total_stock: totalStockOf(product) });

/** The shopper's view of an active product: no analytics. */
export function toProduct(product: StaffProduct): Product {
  return toPublicProduct(sourceOf(product));
}

export function toSummary(product: StaffProduct): ProductSummary {
  return toProductSummary(sourceOf(product));
}

export function toInventory(product: StaffProduct): Inventory {
  return inventoryOf(sourceOf(product));
}

import { totalStockOf } from '@holiday-peak-hub/contract';
import { stockStatusOf } from '@holiday-peak-hub/contract';
import type { Inventory, Product, ProductSummary, StaffProduct } from '@holiday-peak-hub/contract';

/** The shopper's view of an active product: no analytics. */
export function toProduct(product: StaffProduct): Product {
  const copy: Partial<StaffProduct> = structuredClone(product);
  delete copy.analytics;
  return { ...(copy as Omit<StaffProduct, 'analytics'>), status: 'active' };
}

export function toSummary(product: StaffProduct): ProductSummary {
  const first = [...product.images].sort((a, b) => a.order - b.order)[0];
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    category_slug: product.category_slug,
    brand: product.brand,
    price: { ...product.price },
    image: first ? { ...first } : null,
    stock_status: stockStatusOf(totalStockOf(product)),
    featured: product.featured,
  };
}

export function toInventory(product: StaffProduct): Inventory {
  const total = totalStockOf(product);
  return {
    product_id: product.id,
    status: stockStatusOf(total),
    total_stock: total,
    variants: product.variants.map((variant) => ({
      variant_id: variant.variant_id,
      sku: variant.sku,
      stock: variant.stock,
      status: stockStatusOf(variant.stock),
    })),
    updated_at: product.updated_at,
  };
}

import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { productDocument, type ProductDocument, type StockLine } from '@holiday-peak-hub/core';

/** Products for the stock tests: the demo product's content with the variants and units a test needs. */

export const STOCK_TEST_NOW = new Date('2026-11-15T12:00:00Z');
const [base] = demoCatalog({ products: 1, now: STOCK_TEST_NOW }).products;
const token = () => randomUUID().replace(/-/g, '').slice(0, 12);

/** A product (active by default) with these variants and units; upper-case variant ids are welcome. */
export function stockProduct(
  stock: Record<string, number>,
  status: ProductDocument['status'] = 'active',
  id = token(),
): ProductDocument {
  return productDocument({
    ...base!,
    id: `${base!.category_slug}.${id}`,
    slug: `stock-${id}`,
    sku: `STK-${id}`,
    status,
    variants: Object.entries(stock).map(([variant_id, units], i) => ({
      variant_id,
      sku: `STK-${id}-${i}`,
      attributes: {},
      price_adjustment: 0,
      stock: units,
    })),
  });
}

/** Two active products whose ids sort in this order (the order reservations touch them in). */
export function inIdOrder(first: Record<string, number>, second: Record<string, number>) {
  const [low, high] = [token(), token()].sort();
  return [stockProduct(first, 'active', low), stockProduct(second, 'active', high)] as const;
}

/** A product id of the demo category that names no product. */
export const missingProductId = () => `${base!.category_slug}.${token()}`;

export const stockLine = (doc: ProductDocument, variant_id: string, quantity = 1): StockLine => ({
  product_id: doc.id,
  variant_id,
  quantity,
});

/** A publisher keeping what it is given in `events`. */
export const recordingPublisher = (events: DomainEvent[]) => ({
  publish: (batch: readonly DomainEvent[]) => Promise.resolve(void events.push(...batch)),
  close: () => Promise.resolve(),
});

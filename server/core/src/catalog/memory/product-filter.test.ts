import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { attributePairsOf, totalStockOf } from '@holiday-peak-hub/contract';
import { filterProducts } from './product-filter.ts';

const { products } = demoCatalog();
const active = products.filter((p) => p.status === 'active');

describe('filterProducts', () => {
  it('never returns drafts or archived products', () => {
    expect(filterProducts(products, {})).toHaveLength(active.length);
    expect(active.length).toBeLessThan(products.length);
  });

  it('filters by category, brand list and price range (inclusive)', () => {
    const result = filterProducts(products, {
      categories: ['electronics-laptops'],
      brand: ['Apple', 'Dell'],
      min_price: 500,
      max_price: 2000,
    });
    for (const p of result) {
      expect(p.category_slug).toBe('electronics-laptops');
      expect(['Apple', 'Dell']).toContain(p.brand);
      expect(p.price.amount).toBeGreaterThanOrEqual(500);
      expect(p.price.amount).toBeLessThanOrEqual(2000);
    }
    const exact = active[0]?.price.amount ?? 0;
    expect(filterProducts(products, { min_price: exact, max_price: exact }).map((p) => p.id)).toContain(active[0]?.id);
  });

  it('requires every attr pair, from product or variant attributes', () => {
    const sample = active.find((p) => p.variants[0] && Object.keys(p.variants[0].attributes).length > 0);
    if (!sample) throw new Error('no product with variant attributes');
    const [variantPair] = [...attributePairsOf(sample)].filter((pair) =>
      sample.variants.some((v) => Object.entries(v.attributes).some(([k, val]) => `${k}:${val}` === pair)),
    );
    const [productPair] = Object.entries(sample.attributes).map(([k, v]) => `${k}:${v}`);
    const both = [variantPair ?? '', productPair ?? ''];
    const result = filterProducts(products, { attr: both });
    expect(result.map((p) => p.id)).toContain(sample.id);
    for (const p of result) for (const pair of both) expect(attributePairsOf(p).includes(pair)).toBe(true);
    expect(filterProducts(products, { attr: [...both, 'color:Nonexistent'] })).toEqual([]);
  });

  it('in_stock=true keeps products with units, false keeps the sold out', () => {
    const inStock = filterProducts(products, { in_stock: true });
    const soldOut = filterProducts(products, { in_stock: false });
    expect(inStock.every((p) => totalStockOf(p) > 0)).toBe(true);
    expect(soldOut.every((p) => totalStockOf(p) === 0)).toBe(true);
    expect(inStock.length + soldOut.length).toBe(active.length);
    expect(soldOut.length).toBeGreaterThan(0);
  });

  it('search needs every word, case-insensitively, in name, brand or description', () => {
    const sample = active[0];
    if (!sample) throw new Error('empty catalog');
    const q = `${sample.brand.toUpperCase()} ${sample.name.split(' ').at(-1)?.toLowerCase() ?? ''}`;
    const result = filterProducts(products, { q });
    expect(result.map((p) => p.id)).toContain(sample.id);
    expect(filterProducts(products, { q: `${sample.brand} zzzqqq` })).toEqual([]);
  });
});

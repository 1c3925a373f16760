import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { sortProducts } from './product-sort.ts';

const { products } = demoCatalog();

describe('sortProducts', () => {
  it.each([
    ['price', (p: (typeof products)[number]) => p.price.amount],
    ['popularity', (p: (typeof products)[number]) => p.analytics.purchases],
  ] as const)('sorts by %s in both directions', (sort, key) => {
    const asc = sortProducts(products, sort, 'asc').map(key);
    const desc = sortProducts(products, sort, 'desc').map(key);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it('sorts by name by code point, as Cosmos DB does, and by created_at', () => {
    const names = sortProducts(products, 'name', 'asc').map((p) => p.name);
    expect(names).toEqual([...names].sort());
    expect(
      sortProducts(
        [
          { ...products[0]!, name: 'Anker' },
          { ...products[1]!, name: 'ASUS' },
        ],
        'name',
        'asc',
      ).map((p) => p.name),
    ).toEqual(['ASUS', 'Anker']);
    const created = sortProducts(products, 'created_at', 'desc').map((p) => p.created_at);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('is total: ties are broken by id, and the input is not changed', () => {
    const copy = [...products];
    const twice = [
      sortProducts(products, 'popularity', 'desc'),
      sortProducts([...products].reverse(), 'popularity', 'desc'),
    ];
    expect(twice[0]?.map((p) => p.id)).toEqual(twice[1]?.map((p) => p.id));
    expect(products).toEqual(copy);
  });
});

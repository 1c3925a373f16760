import { ProductFiltersSchema } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { facetsOf } from './facets.ts';
import { filterProducts } from './product-filter.ts';

const { products } = demoCatalog({ products: 400 });

describe('computeFacets', () => {
  it('counts brands, attribute values and availability over the given products', () => {
    const laptops = filterProducts(products, { categories: ['electronics-laptops'] });
    const facets = ProductFiltersSchema.parse(facetsOf('electronics-laptops', laptops));
    expect(facets.total_products).toBe(laptops.length);
    expect(facets.brands.reduce((sum, b) => sum + b.count, 0)).toBe(laptops.length);
    expect(facets.availability.in_stock + facets.availability.out_of_stock).toBe(laptops.length);
    const prices = laptops.map((p) => p.price.amount);
    expect(facets.price).toEqual({ min: Math.min(...prices), max: Math.max(...prices), currency: 'USD' });
    const processor = facets.attributes.find((a) => a.name === 'processor');
    expect(processor?.values.reduce((sum, v) => sum + v.count, 0)).toBe(laptops.length);
    const counts = facets.brands.map((b) => b.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('gives a null price range and zero counts with no products', () => {
    expect(facetsOf(null, [])).toEqual({
      category: null,
      total_products: 0,
      price: null,
      brands: [],
      attributes: [],
      availability: { in_stock: 0, out_of_stock: 0 },
    });
  });
});

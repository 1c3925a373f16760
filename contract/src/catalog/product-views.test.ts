import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../fixtures/index.ts';
import { totalStockOf } from './derived.ts';
import { toInventory, toProductSummary, toPublicProduct, toStaffProduct, type ProductSource } from './product-views.ts';
import { InventorySchema, ProductSchema, ProductSummarySchema, StaffProductSchema } from './schemas.ts';

const [product] = demoCatalog().products;
if (!product) throw new Error('no demo products');

/** A stored product as the server keeps it: its own fields, a total, and internal fields. */
const source: ProductSource = {
  ...product,
  total_stock: totalStockOf(product),
  ...{ _etag: '"1"', _rid: 'r', search_text: 'internal', attr_pairs: ['a:b'], doc_type: 'product', outbox: [] },
};

describe('product views', () => {
  it('the staff view has exactly its schema fields (no internal field leaks)', () => {
    const view = toStaffProduct(source);
    expect(StaffProductSchema.parse(view)).toEqual(view);
    expect(Object.keys(view).sort()).toEqual(Object.keys(StaffProductSchema.shape).sort());
    expect(view.stock_status).toBe(product.stock_status);
  });

  it('the public view drops analytics and is active', () => {
    const view = toPublicProduct({ ...source, status: 'active' });
    expect(view).not.toHaveProperty('analytics');
    expect(view.status).toBe('active');
    expect(Object.keys(view).sort()).toEqual(Object.keys(ProductSchema.shape).sort());
    ProductSchema.parse(view);
  });

  it('copies nested values: a view never aliases its source', () => {
    const view = toStaffProduct(source);
    expect(view.price).not.toBe(source.price);
    expect(view.variants[0]).not.toBe(source.variants[0]);
    expect(view.seo).not.toBe(source.seo);
    expect(view.analytics).not.toBe(source.analytics);
  });

  it('the summary takes the lowest-order image and derives stock status from the total', () => {
    const images = [
      { url: 'https://example.com/2.jpg', alt: 'two', order: 2 },
      { url: 'https://example.com/1.jpg', alt: 'one', order: 1 },
    ];
    const summary = toProductSummary({ ...source, images, total_stock: 3 });
    expect(summary.image).toEqual(images[1]);
    expect(summary.stock_status).toBe('low_stock');
    expect(Object.keys(summary).sort()).toEqual(Object.keys(ProductSummarySchema.shape).sort());
    expect(toProductSummary({ ...source, images: [], total_stock: 0 })).toMatchObject({
      image: null,
      stock_status: 'out_of_stock',
    });
  });

  it('inventory lists each variant with its own status', () => {
    const inventory = toInventory(source);
    InventorySchema.parse(inventory);
    expect(inventory.total_stock).toBe(source.total_stock);
    expect(inventory.variants).toHaveLength(source.variants.length);
    expect(Object.keys(inventory).sort()).toEqual(Object.keys(InventorySchema.shape).sort());
  });
});

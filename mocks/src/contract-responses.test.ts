import { operations, type OperationId, type SuccessStatus } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import type { MockStore } from './store/mock-store.ts';
import { call, useMockApi } from './test-support.ts';

type Sample = {
  path: string;
  token?: 'customer' | 'staff' | 'admin';
  body?: unknown;
  headers?: Record<string, string>;
};

const { store } = useMockApi();

const activeProduct = (s: MockStore) => {
  const product = [...s.products.values()].find((p) => p.status === 'active');
  if (!product) throw new Error('no active product in the demo catalog');
  return product;
};
const anyBanner = (s: MockStore) => [...s.banners.values()][0]?.id ?? '';

/** A sensible valid request for every operation (a Record, so a new operation fails to compile here). */
const samples: Record<OperationId, (s: MockStore) => Sample> = {
  getHealth: () => ({ path: '/healthz' }),
  getReadiness: () => ({ path: '/readyz' }),
  getJwks: () => ({ path: '/.well-known/jwks.json' }),
  listProducts: () => ({ path: '/api/products?category=electronics-laptops&sort=price&order=asc&limit=5' }),
  searchProducts: (s) => ({ path: `/api/products/search?q=${encodeURIComponent(activeProduct(s).brand)}` }),
  listFeaturedProducts: () => ({ path: '/api/products/featured?limit=4' }),
  getProductFilters: () => ({ path: '/api/products/filters?category=electronics-laptops' }),
  getProduct: (s) => ({ path: `/api/products/${activeProduct(s).id}` }),
  getProductInventory: (s) => ({ path: `/api/products/${activeProduct(s).id}/inventory` }),
  getRelatedProducts: (s) => ({ path: `/api/products/${activeProduct(s).id}/related?limit=3` }),
  listCategories: () => ({ path: '/api/categories?parent=electronics' }),
  getCategory: () => ({ path: '/api/categories/electronics-laptops' }),
  listActiveBanners: () => ({ path: '/api/banners/active?placement=home-hero' }),
  staffListProducts: () => ({ path: '/api/staff/products?status=draft', token: 'staff' }),
  staffGetProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}`, token: 'staff' }),
  createProduct: () => ({
    path: '/api/staff/products',
    token: 'staff',
    body: {
      sku: 'NEW-SKU-1',
      name: 'Snowflake Mug',
      slug: 'snowflake-mug',
      description: 'A mug.',
      brand: 'Hearth & Hand',
      price: { amount: 12.5, currency: 'USD', compare_at: null, tax_rate: 0.0825 },
      variants: [
        { variant_id: 'var_white', sku: 'NEW-SKU-1-W', attributes: { color: 'White' }, price_adjustment: 0, stock: 3 },
      ],
      category_slug: 'home-kitchen-decor',
    },
  }),
  updateProduct: (s) => ({
    path: `/api/staff/products/${activeProduct(s).id}`,
    token: 'admin',
    body: { featured: true },
  }),
  publishProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}/publish`, token: 'staff' }),
  archiveProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}/archive`, token: 'staff' }),
  deleteProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}`, token: 'staff' }),
  setVariantStock: (s) => {
    const product = activeProduct(s);
    return {
      path: `/api/staff/products/${product.id}/variants/${product.variants[0]?.variant_id ?? ''}/stock`,
      token: 'staff',
      body: { stock: 4 },
    };
  },
  createCategory: () => ({
    path: '/api/staff/categories',
    token: 'staff',
    body: { slug: 'electronics-cameras', name: 'Cameras', parent_slug: 'electronics' },
  }),
  updateCategory: () => ({ path: '/api/staff/categories/electronics', token: 'staff', body: { sort_order: 5 } }),
  deleteCategory: (s) => {
    s.categories.set('empty-aisle', {
      ...(s.categories.get('electronics') ?? never()),
      slug: 'empty-aisle',
      parent_slug: null,
    });
    return { path: '/api/staff/categories/empty-aisle', token: 'staff' };
  },
  staffListBanners: () => ({ path: '/api/staff/banners', token: 'staff' }),
  staffGetBanner: (s) => ({ path: `/api/staff/banners/${anyBanner(s)}`, token: 'staff' }),
  createBanner: () => ({
    path: '/api/staff/banners',
    token: 'staff',
    body: {
      title: 'New Year Sale',
      image_url: 'https://cdn.holidaypeakhub.com/banners/new-year.jpg',
      link_url: '/deals/new-year',
      placement: 'home-hero',
      starts_at: '2026-12-26T00:00:00Z',
      ends_at: '2027-01-02T00:00:00Z',
    },
  }),
  updateBanner: (s) => ({ path: `/api/staff/banners/${anyBanner(s)}`, token: 'staff', body: { priority: 1 } }),
  deleteBanner: (s) => ({ path: `/api/staff/banners/${anyBanner(s)}`, token: 'staff' }),
};

function never(): never {
  throw new Error('unreachable');
}

describe('every mock response matches the contract', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s', async (_id, op) => {
    const sample = samples[op.operationId](store);
    const response = await call(op.method, sample.path, sample);
    const status = response.status as SuccessStatus;
    const spec = op.responses[status as keyof typeof op.responses] as
      { schema?: { parse(v: unknown): unknown } } | undefined;
    expect(
      spec,
      `${op.operationId} answered undeclared status ${status}: ${await response.clone().text()}`,
    ).toBeDefined();
    expect(response.headers.get('x-request-id')).toMatch(/^req_mock_/);
    if (spec?.schema) spec.schema.parse(await response.json());
    else expect(await response.text()).toBe('');
  });
});

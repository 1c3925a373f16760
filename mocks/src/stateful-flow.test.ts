import { StaffProductSchema, type ProductSummary, type StaffProduct } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { call, json, useMockApi } from './test-support.ts';

useMockApi();

type Page = { items: ProductSummary[]; next_cursor: string | null };

const newProduct = {
  sku: 'DECOR-GINGER-01',
  name: 'Gingerbread House Kit',
  slug: 'gingerbread-house-kit',
  description: 'Everything to build and decorate a gingerbread house.',
  brand: 'Hearth & Hand',
  price: { amount: 29.99, currency: 'USD', compare_at: 34.99, tax_rate: 0.0825 },
  variants: [
    {
      variant_id: 'var_classic',
      sku: 'DECOR-GINGER-01-C',
      attributes: { size: 'Classic' },
      price_adjustment: 0,
      stock: 12,
    },
  ],
  attributes: { theme: 'Gingerbread' },
  category_slug: 'home-kitchen-decor',
};

async function listAll(query: string): Promise<ProductSummary[]> {
  const found: ProductSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await json<Page>(
      await call('get', `/api/products?${query}${cursor === null ? '' : `&cursor=${cursor}`}`),
    );
    found.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return found;
}

describe('stateful catalog flow', () => {
  it('create → draft (hidden) → publish (listed, searchable) → update with If-Match → archive → delete', async () => {
    const created = await call('post', '/api/staff/products', { token: 'staff', body: newProduct });
    expect(created.status).toBe(201);
    const draft = StaffProductSchema.parse(await created.json());
    expect(draft.status).toBe('draft');
    expect(draft.published_at).toBeNull();
    // A path, as the server answers it; it leads to the new product.
    expect(created.headers.get('location')).toBe(`/api/staff/products/${draft.id}`);
    expect((await call('get', created.headers.get('location') ?? '', { token: 'staff' })).status).toBe(200);
    expect(draft.id.startsWith('home-kitchen-decor.')).toBe(true);
    const etag1 = created.headers.get('etag') ?? '';
    expect(etag1).toMatch(/^".+"$/);

    expect((await call('get', `/api/products/${draft.id}`)).status).toBe(404);
    expect((await listAll('category=home-kitchen-decor&limit=50')).map((p) => p.id)).not.toContain(draft.id);

    const published = await call('post', `/api/staff/products/${draft.id}/publish`, {
      token: 'staff',
      headers: { 'If-Match': etag1 },
    });
    expect(published.status).toBe(200);
    const active = await json<StaffProduct>(published);
    expect(active.status).toBe('active');
    expect(active.published_at).not.toBeNull();
    const etag2 = published.headers.get('etag') ?? '';
    expect(etag2).not.toBe(etag1);

    expect((await listAll('category=home-kitchen-decor&limit=3')).map((p) => p.id)).toContain(draft.id);
    const search = await json<Page>(await call('get', '/api/products/search?q=GINGERBREAD%20kit'));
    expect(search.items.map((p) => p.id)).toEqual([draft.id]);
    const publicView = await json(await call('get', `/api/products/${draft.id}`));
    expect(publicView).not.toHaveProperty('analytics');

    const stale = await call('patch', `/api/staff/products/${draft.id}`, {
      token: 'staff',
      headers: { 'If-Match': etag1 },
      body: { featured: true },
    });
    expect(stale.status).toBe(412);
    expect((await json<{ error: { code: string } }>(stale)).error.code).toBe('PRECONDITION_FAILED');

    const updated = await call('patch', `/api/staff/products/${draft.id}`, {
      token: 'admin',
      headers: { 'If-Match': etag2 },
      body: { featured: true, price: { ...newProduct.price, amount: 24.99 } },
    });
    expect(updated.status).toBe(200);
    const featured = await json<Page>(await call('get', '/api/products/featured?limit=100'));
    expect(featured.items.find((p) => p.id === draft.id)?.price.amount).toBe(24.99);

    const stock = await call('put', `/api/staff/products/${draft.id}/variants/var_classic/stock`, {
      token: 'staff',
      body: { stock: 0 },
    });
    expect(await json(stock)).toMatchObject({ status: 'out_of_stock', total_stock: 0 });
    const inventory = await json(await call('get', `/api/products/${draft.id}/inventory`));
    expect(inventory).toMatchObject({ status: 'out_of_stock' });

    expect((await call('post', `/api/staff/products/${draft.id}/archive`, { token: 'staff' })).status).toBe(200);
    expect((await call('get', `/api/products/${draft.id}`)).status).toBe(404);
    expect((await call('get', `/api/staff/products/${draft.id}`, { token: 'staff' })).status).toBe(200);

    const deleted = await call('delete', `/api/staff/products/${draft.id}`, { token: 'staff' });
    expect(deleted.status).toBe(204);
    expect((await call('get', `/api/staff/products/${draft.id}`, { token: 'staff' })).status).toBe(404);
  });

  it('refuses a duplicate slug or SKU (409) and an unknown category (422)', async () => {
    expect((await call('post', '/api/staff/products', { token: 'staff', body: newProduct })).status).toBe(201);
    const again = await call('post', '/api/staff/products', { token: 'staff', body: { ...newProduct, sku: 'OTHER' } });
    expect(again.status).toBe(409);
    const nowhere = await call('post', '/api/staff/products', {
      token: 'staff',
      body: { ...newProduct, slug: 'x-y', sku: 'X-Y', category_slug: 'no-such-aisle' },
    });
    expect(nowhere.status).toBe(422);
  });

  it('categories: create under a parent, list children, refuse deleting a non-empty one', async () => {
    const created = await call('post', '/api/staff/categories', {
      token: 'staff',
      body: { slug: 'toys-games-puzzles', name: 'Puzzles', parent_slug: 'toys-games', sort_order: 0 },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/categories/toys-games-puzzles');
    const children = await json<{ items: { slug: string }[] }>(await call('get', '/api/categories?parent=toys-games'));
    expect(children.items[0]?.slug).toBe('toys-games-puzzles');
    expect((await call('delete', '/api/staff/categories/toys-games', { token: 'staff' })).status).toBe(409);
    expect((await call('delete', '/api/staff/categories/toys-games-puzzles', { token: 'staff' })).status).toBe(204);
    const orphan = await call('post', '/api/staff/categories', {
      token: 'staff',
      body: { slug: 'lost', name: 'Lost', parent_slug: 'no-such-parent' },
    });
    expect(orphan.status).toBe(422);
  });

  it('banners: a new banner live now shows among the active ones, in priority order', async () => {
    const created = await call('post', '/api/staff/banners', {
      token: 'staff',
      body: {
        title: 'Flash Sale',
        image_url: 'https://cdn.holidaypeakhub.com/banners/flash.jpg',
        link_url: '/deals/flash',
        placement: 'home-hero',
        priority: 1000,
        starts_at: '2026-10-31T00:00:00Z',
      },
    });
    expect(created.status).toBe(201);
    const active = await json<{ items: { title: string; priority: number }[] }>(
      await call('get', '/api/banners/active?placement=home-hero'),
    );
    expect(active.items[0]?.title).toBe('Flash Sale');
    expect(active.items.map((b) => b.title)).not.toContain('Cyber Week Deals');
    expect(active.items.map((b) => b.title)).not.toContain('Fall Clearance');
    const all = await json<{ items: unknown[] }>(await call('get', '/api/staff/banners', { token: 'staff' }));
    expect(all.items.length).toBeGreaterThan(active.items.length);
  });
});

describe('a PATCH that changes nothing', () => {
  it('answers the current version and writes nothing, as the server does', async () => {
    const banner = await json<{ id: string; priority: number; updated_at: string }>(
      await call('GET', '/api/staff/banners', { token: 'staff' }).then(async (r) => {
        const list = await json<{ items: { id: string }[] }>(r);
        return call('GET', `/api/staff/banners/${list.items[0]!.id}`, { token: 'staff' });
      }),
    );
    const res = await call('PATCH', `/api/staff/banners/${banner.id}`, {
      token: 'staff',
      body: { priority: banner.priority },
    });
    expect(res.status).toBe(200);
    expect((await json<{ updated_at: string }>(res)).updated_at).toBe(banner.updated_at);
  });
});

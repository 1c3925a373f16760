import type { ProductCreate } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCatalogCache } from '../platform/cache/memory-cache.ts';
import { InProcessEventBus } from '../platform/events/in-process-event-bus.ts';
import { silentLogger } from '../ports/logger.ts';
import { createMemoryCatalogRepositories, type MemoryCatalogRepositories } from './memory/memory-catalog.ts';
import { createCatalog, type Catalog } from './module.ts';
import { STALE_CLAIM_MS } from './product-claims.ts';

/** Slug claims on the in-memory adapters: what finds a product by slug and keeps slugs unique. */

const seed = demoCatalog({ products: 24 });
const active = seed.products.find((p) => p.status === 'active')!;
const hidden = seed.products.find((p) => p.status !== 'active')!;
const ctx = { requestId: 'req-test' };

let now: Date;
let catalog: Catalog<MemoryCatalogRepositories>;

beforeEach(() => {
  now = new Date('2026-11-15T12:00:00Z');
  catalog = createCatalog({
    repositories: (publisher) => createMemoryCatalogRepositories({ publisher, logger: silentLogger }, seed),
    events: new InProcessEventBus(silentLogger),
    cache: new MemoryCatalogCache({ maxEntries: 100, ttlSeconds: 300 }),
    categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 }),
    clock: () => now,
    logger: silentLogger,
    eventSource: 'core-test',
  });
});

let counter = 0;
function body(slug: string, category = active.category_slug, variantSku?: string): ProductCreate {
  counter += 1;
  return {
    category_slug: category,
    sku: `SLUG-TEST-${counter}`,
    name: `Slug test ${counter}`,
    slug,
    description: '',
    long_description: '',
    brand: 'Testbrand',
    price: { amount: 10, currency: 'USD', compare_at: null, tax_rate: 0 },
    images: [],
    variants: [
      { variant_id: 'v', sku: variantSku ?? `SLUG-TEST-${counter}-V`, attributes: {}, price_adjustment: 0, stock: 1 },
    ],
    attributes: {},
    featured: false,
  };
}

const products = () => catalog.services.products;
const rejectsWith = (promise: Promise<unknown>, status: number) => expect(promise).rejects.toMatchObject({ status });

describe('finding a product by its slug', () => {
  it('reads an active product by slug as by id; a draft or archived product, an unknown or a malformed reference is a 404', async () => {
    expect((await products().getActive(active.slug)).id).toBe(active.id);
    await rejectsWith(products().getActive(hidden.slug), 404);
    await expect(products().getActive('no-such-product')).rejects.toMatchObject({
      status: 404,
      details: { slug: 'no-such-product' },
    });
    await expect(products().getActive('Not a slug!')).rejects.toMatchObject({ status: 404, details: {} });
  });

  it('ignores a claim whose product no longer carries the slug', async () => {
    await catalog.repositories.products.createClaim({
      kind: 'slug',
      value: 'orphan-claim',
      product_id: active.id,
      category_slug: active.category_slug,
      created_at: now.toISOString(),
    });
    await rejectsWith(products().getActive('orphan-claim'), 404);
  });
});

describe('slug claims', () => {
  it('a created product claims its slug; a slug change moves the claim and frees the old slug', async () => {
    const created = await products().create(body('snow-globe'), ctx);
    await products().setStatus(created.id, 'active', ctx);
    expect((await products().getActive('snow-globe')).id).toBe(created.id);

    await products().update(created.id, { slug: 'crystal-snow-globe' }, ctx);
    expect((await products().getActive('crystal-snow-globe')).id).toBe(created.id);
    await rejectsWith(products().getActive('snow-globe'), 404);
    expect(await catalog.repositories.products.getClaim('slug', 'snow-globe')).toBeUndefined();
    await products().create(body('snow-globe'), ctx);
  });

  it('a taken slug is a 409 naming the product that holds it, in any category', async () => {
    const other = seed.categories.find((c) => c.slug !== active.category_slug && c.parent_slug !== null)!;
    await expect(products().create(body(active.slug, other.slug), ctx)).rejects.toMatchObject({
      status: 409,
      details: { slug: active.slug, product_id: active.id },
    });
  });

  it('of parallel creations of one slug, exactly one succeeds', async () => {
    const categories = seed.categories.filter((c) => c.parent_slug !== null).slice(0, 5);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => products().create(body('race-slug', categories[i % 5]!.slug), ctx)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect(r.reason).toMatchObject({ status: 409 });
  });

  it('a deleted product gives its slug up', async () => {
    const created = await products().create(body('gone-soon'), ctx);
    await products().delete(created.id, ctx);
    expect(await catalog.repositories.products.getClaim('slug', 'gone-soon')).toBeUndefined();
    await products().create(body('gone-soon'), ctx);
  });

  it('a creation that fails after claiming gives the claim up', async () => {
    const repo = catalog.repositories.products;
    const create = repo.create.bind(repo);
    repo.create = () => Promise.reject(new Error('storage down'));
    await expect(products().create(body('unlucky', undefined, 'UNLUCKY-V'), ctx)).rejects.toThrow('storage down');
    repo.create = create;
    expect(await repo.getClaim('slug', 'unlucky')).toBeUndefined();
    expect(await repo.getClaim('sku', 'UNLUCKY-V')).toBeUndefined();
    await products().create(body('unlucky'), ctx);
  });

  it('takes over a claim left by a write that died, once it is stale', async () => {
    await catalog.repositories.products.createClaim({
      kind: 'slug',
      value: 'left-behind',
      product_id: `${active.category_slug}.zzzzzzzzzzzz`,
      category_slug: active.category_slug,
      created_at: now.toISOString(),
    });
    await rejectsWith(products().create(body('left-behind'), ctx), 409); // may be a creation in flight
    now = new Date(now.getTime() + STALE_CLAIM_MS + 1000);
    const created = await products().create(body('left-behind'), ctx);
    expect((await catalog.repositories.products.getClaim('slug', 'left-behind'))?.product_id).toBe(created.id);
  });

  it('never takes over a claim whose product still carries the slug, however old', async () => {
    now = new Date(now.getTime() + 365 * 86_400_000);
    await rejectsWith(products().create(body(active.slug), ctx), 409);
  });
});

describe("SKU claims: SKUs, variants' included, are unique across the catalog", () => {
  const leaves = () => seed.categories.filter((c) => c.parent_slug !== null).slice(0, 5);
  const skusOf = (p: { sku: string; variants: { sku: string }[] }) => [p.sku, ...p.variants.map((v) => v.sku)];

  it('of parallel creations sharing one variant SKU in 5 categories, exactly one succeeds; the others are 409s naming the SKU', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        products().create(body(`sku-race-${i}`, leaves()[i % 5]!.slug, 'RACE-SKU'), ctx),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toMatchObject({ status: 409, details: { sku: 'RACE-SKU', product_id: winner.id } });
    }
    expect((await catalog.repositories.products.getClaim('sku', 'RACE-SKU'))?.product_id).toBe(winner.id);
    // The losers gave up every claim they made: their slugs are free.
    for (let i = 0; i < 10; i += 1) {
      const claim = await catalog.repositories.products.getClaim('slug', `sku-race-${i}`);
      expect(claim === undefined || claim.product_id === winner.id).toBe(true);
    }
  });

  it("a product's SKU may not be another's variant SKU, nor the reverse", async () => {
    const taken = seed.products[0]!;
    await expect(
      products().create({ ...body('own-sku-taken'), sku: taken.variants[0]!.sku }, ctx),
    ).rejects.toMatchObject({
      status: 409,
      details: { sku: taken.variants[0]!.sku, product_id: taken.id },
    });
    await rejectsWith(products().create(body('variant-sku-taken', undefined, taken.sku), ctx), 409);
    // SKUs are compared as written: another case is another SKU.
    await products().create(body('variant-sku-lower', undefined, taken.sku.toLowerCase()), ctx);
  });

  it("an update that takes another product's SKU is a 409 and changes nothing; one that drops a SKU frees it", async () => {
    const first = await products().create(body('sku-update-a', undefined, 'UPD-A'), ctx);
    const second = await products().create(body('sku-update-b', undefined, 'UPD-B'), ctx);
    await expect(
      products().update(
        second.id,
        { slug: 'sku-update-b2', variants: [{ ...second.variants[0]!, sku: 'UPD-A' }] },
        ctx,
      ),
    ).rejects.toMatchObject({ status: 409, details: { sku: 'UPD-A', product_id: first.id } });
    expect((await products().get(second.id)).variants[0]!.sku).toBe('UPD-B');
    // The failed update gave up what it had claimed before meeting the taken SKU.
    expect(await catalog.repositories.products.getClaim('slug', 'sku-update-b2')).toBeUndefined();
    await rejectsWith(products().update(second.id, { sku: 'UPD-A' }, ctx), 409);

    await products().update(first.id, { variants: [{ ...first.variants[0]!, sku: 'UPD-A2' }] }, ctx);
    expect(await catalog.repositories.products.getClaim('sku', 'UPD-A')).toBeUndefined();
    const moved = await products().update(second.id, { variants: [{ ...second.variants[0]!, sku: 'UPD-A' }] }, ctx);
    expect(moved.variants[0]!.sku).toBe('UPD-A');
    expect((await catalog.repositories.products.getClaim('sku', 'UPD-A'))?.product_id).toBe(second.id);
    expect(await catalog.repositories.products.getClaim('sku', 'UPD-B')).toBeUndefined();
  });

  it('a deleted product gives up its SKUs', async () => {
    const created = await products().create(body('sku-gone', undefined, 'GONE-V'), ctx);
    await products().delete(created.id, ctx);
    for (const sku of skusOf(created)) expect(await catalog.repositories.products.getClaim('sku', sku)).toBeUndefined();
    await products().create(body('sku-gone-again', undefined, 'GONE-V'), ctx);
  });

  it('a slug and a SKU of the same text do not collide', async () => {
    const created = await products().create({ ...body('same-text', undefined, 'same-text'), sku: 'same-text-2' }, ctx);
    expect((await catalog.repositories.products.getClaim('slug', 'same-text'))?.product_id).toBe(created.id);
    expect((await catalog.repositories.products.getClaim('sku', 'same-text'))?.product_id).toBe(created.id);
    // Another product's slug may be this one's SKU.
    await products().create(body('same-text-2', undefined, 'other-text'), ctx);
  });

  it('the seeded catalog holds a claim on every SKU', async () => {
    for (const product of seed.products.slice(0, 5)) {
      for (const sku of skusOf(product)) {
        expect((await catalog.repositories.products.getClaim('sku', sku))?.product_id).toBe(product.id);
      }
    }
  });
});

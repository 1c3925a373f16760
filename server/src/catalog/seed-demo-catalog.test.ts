import { searchNameOf } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos('seed-test');
  await ensureContainers(cosmos.database);
});
afterAll(async () => {
  await cosmos.close();
});

const count = async (container: string, where = 'true') =>
  (
    await cosmos.database
      .container(container)
      .items.query<number>(`SELECT VALUE COUNT(1) FROM c WHERE ${where}`)
      .fetchAll()
  ).resources[0];

describe('seedDemoCatalog', () => {
  it('writes the demo catalog, reports progress, and is idempotent', async () => {
    const progress: number[] = [];
    const first = await seedDemoCatalog(cosmos.database, { products: 10, onProgress: (done) => progress.push(done) });
    const total = first.categories + first.products + first.banners;
    expect(progress).toHaveLength(total);
    expect(progress.at(-1)).toBe(total);
    await seedDemoCatalog(cosmos.database, { products: 10 });
    expect(await count('products', 'IS_DEFINED(c.product_id)')).toBe(10);
    expect(await count('products', "c.doc_type = 'slug_claim'")).toBe(10);
    const skus = demoCatalog({ products: 10 }).products.flatMap((p) => [p.sku, ...p.variants.map((v) => v.sku)]);
    expect(await count('products', "c.doc_type = 'sku_claim'")).toBe(new Set(skus).size);
    expect(await count('categories')).toBe(first.categories);
    expect(await count('banners')).toBe(first.banners);
    const [doc] = (
      await cosmos.database
        .container('products')
        .items.query<{
          id: string;
          slug: string;
          sku: string;
          name: string;
          search_text: string;
          search_name: string;
          total_stock: number;
          stock_status?: string;
        }>('SELECT * FROM c WHERE IS_DEFINED(c.product_id)')
        .fetchAll()
    ).resources;
    expect(doc?.search_text).toBe(doc?.search_text.toLowerCase());
    expect(doc?.search_text.startsWith(' ')).toBe(true);
    expect(doc?.search_name).toBe(searchNameOf(doc!));
    const { resource: claim } = await cosmos.database
      .container('products')
      .item(`slug_${doc!.slug}`, `slug_${doc!.slug}`)
      .read<{ owner_id: string }>();
    expect(claim?.owner_id).toBe(doc?.id);
    const { resource: skuClaim } = await cosmos.database
      .container('products')
      .item(`sku_${doc!.sku}`, `sku_${doc!.sku}`)
      .read<{ owner_id: string; claimed_sku: string }>();
    expect(skuClaim).toMatchObject({ owner_id: doc?.id, claimed_sku: doc?.sku });
    expect(typeof doc?.total_stock).toBe('number');
    expect(doc?.stock_status).toBeUndefined();
  });
});

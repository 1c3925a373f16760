import type { Database } from '@azure/cosmos';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { bannerDocument, categoryDocument, claimsOf, productDocument, type CatalogSeed } from '@holiday-peak-hub/core';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { claimDocument } from './claims.ts';

export interface SeedCatalogOptions {
  /** Called after each category, product (with its claims) or banner written. */
  onProgress?: (done: number, total: number) => void;
  /** Parallel upserts (default 16). */
  concurrency?: number;
}

export interface SeedOptions extends SeedCatalogOptions {
  products: number;
  /** Timestamps and banner schedules are relative to it (default: the fixture's fixed instant). */
  now?: Date;
}

/**
 * Writes the deterministic demo catalog (categories, products, banners) with upserts: running it
 * again rewrites the same documents. Containers must exist (`ensureContainers`). Seeding is not a
 * domain change, so it publishes no events.
 */
export function seedDemoCatalog(
  database: Database,
  options: SeedOptions,
): Promise<{ categories: number; products: number; banners: number }> {
  const catalog = demoCatalog({ products: options.products, ...(options.now ? { now: options.now } : {}) });
  return seedCatalog(database, catalog, options);
}

/**
 * Writes a catalog as it is, with upserts: each product with its derived query fields and its
 * claims (on its slug, what finds it by slug, and on its SKUs: what keeps them unique), as the
 * service writes them.
 */
export async function seedCatalog(
  database: Database,
  catalog: CatalogSeed,
  options: SeedCatalogOptions = {},
): Promise<{ categories: number; products: number; banners: number }> {
  const products = database.container(CONTAINER.products);
  const writes: (() => Promise<unknown>)[] = [
    ...catalog.categories.map((c) => () => database.container(CONTAINER.categories).items.upsert(categoryDocument(c))),
    ...catalog.products.map((p) => async () => {
      await products.items.upsert(productDocument(p));
      await Promise.all(claimsOf(p).map((claim) => products.items.upsert(claimDocument(claim))));
    }),
    ...catalog.banners.map((b) => () => database.container(CONTAINER.banners).items.upsert(bannerDocument(b))),
  ];
  const total = writes.length;
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      await writes[index]?.();
      done += 1;
      options.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, total) }, worker));
  return { categories: catalog.categories.length, products: catalog.products.length, banners: catalog.banners.length };
}

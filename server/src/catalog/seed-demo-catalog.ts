import type { Database } from '@azure/cosmos';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { bannerDocument, categoryDocument, productDocument } from '@holiday-peak-hub/core';
import { CONTAINER } from '../platform/cosmos/containers.ts';

export interface SeedOptions {
  products: number;
  /** Called after each document written. */
  onProgress?: (done: number, total: number) => void;
  /** Timestamps and banner schedules are relative to it (default: the fixture's fixed instant). */
  now?: Date;
  /** Parallel upserts (default 16). */
  concurrency?: number;
}

/**
 * Writes the deterministic demo catalog (categories, products, banners) with upserts: running it
 * again rewrites the same documents. Containers must exist (`ensureContainers`). Seeding is not a
 * domain change, so it publishes no events.
 */
export async function seedDemoCatalog(
  database: Database,
  options: SeedOptions,
): Promise<{ categories: number; products: number; banners: number }> {
  const catalog = demoCatalog({ products: options.products, ...(options.now ? { now: options.now } : {}) });
  const writes: (() => Promise<unknown>)[] = [
    ...catalog.categories.map((c) => () => database.container(CONTAINER.categories).items.upsert(categoryDocument(c))),
    ...catalog.products.map((p) => () => database.container(CONTAINER.products).items.upsert(productDocument(p))),
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

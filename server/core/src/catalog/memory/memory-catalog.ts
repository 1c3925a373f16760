import type { CatalogRepositories } from '../ports.ts';
import { bannerDocument, categoryDocument, productDocument, claimsOf, type CatalogSeed } from '../seed-documents.ts';
import { MemoryBannerRepository } from './memory-banner-repository.ts';
import { MemoryCategoryRepository } from './memory-category-repository.ts';
import type { MemoryStoreDeps } from './memory-document-store.ts';
import { MemoryProductRepository } from './memory-product-repository.ts';

export interface MemoryCatalogRepositories extends CatalogRepositories {
  products: MemoryProductRepository;
  categories: MemoryCategoryRepository;
  banners: MemoryBannerRepository;
}

/** Named Maps to keep the documents in (`MemoryTables` fits), so that state can be saved and restored. */
export interface MemoryTableSource {
  table<T>(name: string): Map<string, T>;
}

export interface MemoryCatalogDeps extends MemoryStoreDeps {
  /** Where the documents live (default: Maps of their own). */
  tables?: MemoryTableSource | undefined;
}

/** Writes a catalog's documents as they are, with no events (seeding is not a domain change). */
export function seedMemoryCatalog(
  repositories: MemoryCatalogRepositories,
  seed: CatalogSeed,
): { categories: number; products: number; banners: number } {
  for (const category of seed.categories) repositories.categories.upsert(categoryDocument(category));
  for (const product of seed.products) {
    repositories.products.upsert(productDocument(product));
    for (const claim of claimsOf(product)) repositories.products.claims.upsert(claim);
  }
  for (const banner of seed.banners) repositories.banners.upsert(bannerDocument(banner));
  return { categories: seed.categories.length, products: seed.products.length, banners: seed.banners.length };
}

/**
 * The catalog's repositories in memory, optionally seeded (e.g. with `demoCatalog(...)` of
 * '@holiday-peak-hub/contract/fixtures'): what the mocks and the core's tests run the catalog on.
 */
export function createMemoryCatalogRepositories(
  deps: MemoryCatalogDeps,
  seed?: CatalogSeed,
): MemoryCatalogRepositories {
  const repositories = {
    products: new MemoryProductRepository(
      deps,
      deps.tables?.table('catalog.products'),
      deps.tables?.table('catalog.claims'),
    ),
    categories: new MemoryCategoryRepository(deps, deps.tables?.table('catalog.categories')),
    banners: new MemoryBannerRepository(deps, deps.tables?.table('catalog.banners')),
  };
  if (seed) seedMemoryCatalog(repositories, seed);
  return repositories;
}

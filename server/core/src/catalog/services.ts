import type { CatalogCache } from '../platform/cache/catalog-cache.ts';
import type { ServiceClock } from '../platform/write-context.ts';
import type { Logger } from '../ports/logger.ts';
import { BannerService } from './banner-service.ts';
import { cachedRead } from '../platform/cache/cached-read.ts';
import { CategoryService } from './category-service.ts';
import type { CatalogRepositories } from './ports.ts';
import { ProductService } from './product-service.ts';

export interface CatalogServices {
  products: ProductService;
  categories: CategoryService;
  banners: BannerService;
}

export interface CatalogServiceDeps extends ServiceClock {
  repositories: CatalogRepositories;
  /** The category tree (every slug and parent): cleared by category events only, not by product writes. */
  categoryTreeCache: CatalogCache;
  logger: Logger;
}

/** The catalog's services over its repositories. */
export function createCatalogServices(deps: CatalogServiceDeps): CatalogServices {
  const { products, categories, banners } = deps.repositories;
  const clock = { clock: deps.clock, eventSource: deps.eventSource };
  return {
    products: new ProductService({
      ...clock,
      products,
      categories,
      categoryTree: async () =>
        (
          await cachedRead(deps.categoryTreeCache, deps.logger, { operation: 'categoryTree' }, async () => ({
            body: await categories.tree(),
          }))
        ).body,
    }),
    categories: new CategoryService({ ...clock, categories, products }),
    banners: new BannerService({ ...clock, banners }),
  };
}

import { CONTAINER } from '../platform/cosmos/containers.ts';
import type { OutboxSource } from '../platform/events/outbox-relay.ts';
import { BannerRepository } from './banner-repository.ts';
import { BannerService } from './banner-service.ts';
import type { CatalogDeps } from './catalog-deps.ts';
import { CategoryRepository } from './category-repository.ts';
import { CategoryService } from './category-service.ts';
import { cachedRead } from './cached-read.ts';
import { ProductRepository } from './product-repository.ts';
import { ProductService } from './product-service.ts';

export interface CatalogServices {
  products: ProductService;
  categories: CategoryService;
  banners: BannerService;
  /** The containers whose documents carry an outbox, for the relay. */
  outboxSources: OutboxSource[];
}

/** Repositories over the catalog containers, and the services on top of them. */
export function createCatalogServices(deps: CatalogDeps): CatalogServices {
  const outbox = { publisher: deps.events, logger: deps.logger };
  const container = (name: string) => deps.database.container(name);
  const products = new ProductRepository(container(CONTAINER.products), outbox, deps.cursors);
  const categories = new CategoryRepository(container(CONTAINER.categories), outbox, deps.cursors);
  const banners = new BannerRepository(container(CONTAINER.banners), outbox);
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
    outboxSources: [
      { container: products.container, partitionKeyField: 'category_slug' },
      { container: categories.container, partitionKeyField: 'doc_type' },
      { container: banners.container, partitionKeyField: 'doc_type' },
    ],
  };
}

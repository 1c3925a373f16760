import type { Database } from '@azure/cosmos';
import type { CatalogRepositories } from '@holiday-peak-hub/core';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import type { OutboxDeps } from '../platform/events/outbox.ts';
import type { OutboxSource } from '../platform/events/outbox-relay.ts';
import { CosmosBannerRepository } from './banner-repository.ts';
import { CosmosCategoryRepository } from './category-repository.ts';
import { CosmosProductRepository } from './product-repository.ts';

export interface CosmosCatalogRepositories extends CatalogRepositories {
  products: CosmosProductRepository;
  categories: CosmosCategoryRepository;
  banners: CosmosBannerRepository;
}

/** The catalog's repositories over its containers; their writes hand their events to `outbox.publisher`. */
export function createCosmosCatalogRepositories(
  database: Database,
  outbox: OutboxDeps,
  cursors: CursorCodec,
): CosmosCatalogRepositories {
  const container = (name: string) => database.container(name);
  return {
    products: new CosmosProductRepository(container(CONTAINER.products), outbox, cursors),
    categories: new CosmosCategoryRepository(container(CONTAINER.categories), outbox, cursors),
    banners: new CosmosBannerRepository(container(CONTAINER.banners), outbox),
  };
}

/** The containers whose documents carry an outbox, for the relay. */
export function catalogOutboxSources(repositories: CosmosCatalogRepositories): OutboxSource[] {
  return [
    { container: repositories.products.container, partitionKeyField: 'category_slug' },
    { container: repositories.categories.container, partitionKeyField: 'doc_type' },
    { container: repositories.banners.container, partitionKeyField: 'doc_type' },
  ];
}

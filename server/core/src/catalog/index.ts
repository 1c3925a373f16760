// The catalog domain: storage-neutral services and handlers over ports, and in-memory adapters.
export * from './documents.ts';
export * from './page.ts';
export * from './product-query.ts';
export * from './ports.ts';
export * from './stable-json.ts';
export * from './product-derived.ts';
export * from './stock-reservations.ts';
export * from './seed-documents.ts';

export * from './product-service.ts';
export * from './category-service.ts';
export * from './banner-service.ts';
export * from './services.ts';
export * from './handlers.ts';
export * from './cache-invalidation.ts';
export * from './module.ts';
export {
  MemoryDocumentStore,
  type DocumentTable,
  type MemoryKind,
  type MemoryStoreDeps,
} from './memory/memory-document-store.ts';
export * from './memory/memory-product-repository.ts';
export * from './memory/memory-stock.ts';
export * from './memory/memory-category-repository.ts';
export * from './memory/memory-banner-repository.ts';
export * from './memory/memory-catalog.ts';
// The pure query functions the memory adapters run on (the mocks' resolvers use them too).
export * from './memory/product-filter.ts';
export * from './memory/product-sort.ts';
export * from './memory/paginate.ts';
export * from './memory/banners.ts';
export * from './memory/categories.ts';

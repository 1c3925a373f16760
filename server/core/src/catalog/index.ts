// The catalog domain.
export * from './product-query.ts';
// The pure query functions the memory adapters run on (the mocks' resolvers use them too).
export * from './memory/product-filter.ts';
export * from './memory/product-sort.ts';
export * from './memory/paginate.ts';
export * from './memory/facets.ts';
export * from './memory/banners.ts';
export * from './memory/categories.ts';
export * from './memory/product-views.ts';

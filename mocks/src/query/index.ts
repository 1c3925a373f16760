export * from './product-filter.ts';
export * from './product-sort.ts';
export * from './paginate.ts';
export * from './facets.ts';
export * from './banners.ts';
export * from './categories.ts';
export * from './product-views.ts';

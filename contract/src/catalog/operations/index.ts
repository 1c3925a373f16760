export * from './products.ts';
export * from './inventory.ts';
export * from './categories.ts';
export * from './banners.ts';
export * from './staff-products.ts';
export * from './catalog-operations.ts';

export * from './redis-cache.ts';
export * from './create-catalog-cache.ts';

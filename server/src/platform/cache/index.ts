export * from './catalog-cache.ts';
export * from './memory-cache.ts';
export * from './redis-cache.ts';
export * from './create-catalog-cache.ts';

export * from './catalog-deps.ts';
export * from './handlers.ts';
export * from './module.ts';
export * from './services.ts';
export * from './seed-demo-catalog.ts';

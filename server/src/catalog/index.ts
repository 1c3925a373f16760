export * from './catalog-deps.ts';
export * from './cosmos-repositories.ts';
export * from './module.ts';
export * from './seed-demo-catalog.ts';

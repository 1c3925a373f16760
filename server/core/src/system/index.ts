export * from './handlers.ts';
export * from './lifecycle.ts';

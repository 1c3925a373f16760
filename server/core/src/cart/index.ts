// The cart domain: services and handlers over ports, and the in-memory adapter.
export * from './documents.ts';
export * from './ports.ts';
export * from './cart-view.ts';
export * from './cart-writes.ts';
export * from './cart-service.ts';
export * from './cart-merge.ts';
export * from './guest-token.ts';
export * from './handlers.ts';
export * from './module.ts';
export * from './memory/memory-cart-repository.ts';

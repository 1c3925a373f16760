/*
 * Everything the API needs at run time: operations, schemas, rules and events. The OpenAPI and
 * AsyncAPI builders are build-time only: `@holiday-peak-hub/contract/openapi`.
 */
// Zod itself, for code that validates with the contract's schemas. Each schema file imports it as `* as z` (a
// form bundlers tree-shake) and carries its OpenAPI metadata with `.meta()`, read only by ./openapi at build time.
export * as z from 'zod';
export * from './operation.ts';
export * from './operations.ts';
export * from './operation-io.ts';
export * from './http/index.ts';
export * from './common/index.ts';
export * from './catalog/index.ts';
export * from './system/index.ts';
export * from './events/index.ts';
export * from './identity/index.ts';
export * from './promotions/index.ts';
export * from './cart/index.ts';
export * from './orders/index.ts';
export * from './domain.ts';
export * from './catalog/domain.ts';
export * from './identity/domain.ts';
export * from './promotions/domain.ts';
export * from './cart/domain.ts';
export * from './orders/domain.ts';
export * from './system/domain.ts';

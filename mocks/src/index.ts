export { createHandlers, type CreateHandlersOptions } from './create-handlers.ts';
export { createMockStore, type MockStore, type MockStoreOptions } from './store/mock-store.ts';
export { mockTokens } from './http/tokens.ts';
export { handlers } from './default-handlers.ts';
export * from './query/index.ts';

export { createHandlers, type CreateHandlersOptions } from './create-handlers.ts';
export { createMockStore, type MockStore, type MockStoreOptions } from './store/mock-store.ts';
export type {
  IdentityStore,
  MockAccount,
  MockEmail,
  MockEmailKind,
  MockNoticeKind,
  MockSession,
} from './store/identity-store.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './store/demo-accounts.ts';
export { mockTokens } from './http/tokens.ts';
export { latestMockLink, mockInbox } from './identity/email-links.ts';
export { mockIdToken, type MockIdTokenClaims } from './identity/id-token.ts';
export { MOCK_TWO_FACTOR_CODE } from './identity/two-factor.ts';
export { handlers } from './default-handlers.ts';
export * from './query/index.ts';

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
// The pure query functions moved to the core, where the in-memory catalog runs on them.
export {
  categoriesUnder,
  decodeCursor,
  encodeCursor,
  facetsOf,
  filterProducts,
  fingerprintOf,
  fnv1a,
  InvalidCursorError,
  isBannerActive,
  isPublic,
  matchesFilter,
  paginate,
  sortBanners,
  sortCategories,
  sortProducts,
  toInventory,
  toProduct,
  toSummary,
  type OffsetPage as Page,
  type ProductFilter,
  type ProductSort,
  type SortOrder,
} from '@holiday-peak-hub/core';

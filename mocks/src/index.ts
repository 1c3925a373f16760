export { createHandlers, createMockApi, type CreateHandlersOptions, type MockApi } from './create-handlers.ts';
export type { ForcedFailure, ScenarioControls } from './adapter/scenarios.ts';
export type { CheckoutScenarioControls } from './adapter/checkout-scenarios.ts';
export { MOCK_DECLINE_CODES } from './wiring/checkout-switches.ts';
export { createMockStore, type MockStore, type MockStoreOptions } from './wiring/mock-store.ts';
export type { PersistOptions, StateStorage } from './wiring/persistence.ts';
export { latestMockLink, mockInbox, type MockEmail, type MockEmailKind } from './wiring/mailbox.ts';
export { MOCK_GUEST_ID, mockTokens } from './wiring/fixed-tokens.ts';
export { MOCK_AUTH_PROVIDERS, MOCK_ISSUER, MOCK_TWO_FACTOR_CODE } from './wiring/mock-core.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
export {
  unsignedIdToken as mockIdToken,
  type UnsignedIdTokenClaims as MockIdTokenClaims,
} from '@holiday-peak-hub/core';
export { handlers } from './default-handlers.ts';

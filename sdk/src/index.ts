// Public entry of @holiday-peak-hub/sdk. TanStack Query options live in '@holiday-peak-hub/sdk/query'.
// The domain events' types (DomainEvent, EventType, one per event type) are generated into types.gen.ts too.
export * from './gen/sdk.gen.js';
export type * from './gen/types.gen.js';
export type { Client } from './gen/client/index.js';
export { HolidayPeakApiError, isHolidayPeakApiError } from './api-error.js';
export { createHolidayPeakClient, type HolidayPeakClientOptions, type TokenProvider } from './create-client.js';
export { unwrap } from './unwrap.js';
export { createIdempotencyKey, withIdempotencyKey, type RetryOptions } from './idempotency.js';
export {
  placeOrderAndPay,
  type BrowserConfirmation,
  type CheckoutResult,
  type PlaceOrderAndPayOptions,
} from './checkout.js';
export { isEventOf, type EventOf } from './events.js';
export type { HolidayPeakSession, SessionListener } from './session.js';
export { createBrowserSession, type BrowserSessionOptions } from './browser-session.js';
export { createTokenSession, type TokenSessionOptions, type TokenStorage } from './token-session.js';
export {
  completeTwoFactor,
  signIn,
  signInWithProvider,
  signOut,
  startGuest,
  type ProviderSignInInput,
  type SignInCredentials,
  type TwoFactorInput,
} from './sign-in.js';

// Public entry of @holiday-peak-hub/sdk. TanStack Query options live in '@holiday-peak-hub/sdk/query'.
export * from './gen/sdk.gen.js';
export type * from './gen/types.gen.js';
export type { Client } from './gen/client/index.js';
export { HolidayPeakApiError, isHolidayPeakApiError } from './api-error.js';
export { createHolidayPeakClient, type HolidayPeakClientOptions, type TokenProvider } from './create-client.js';
export { unwrap } from './unwrap.js';

export * from '@holiday-peak-hub/core';
export * from '@holiday-peak-hub/core';
export * from '@holiday-peak-hub/core';
export * from './outbox.ts';
export * from './outbox-relay.ts';

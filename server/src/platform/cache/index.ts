export * from '@holiday-peak-hub/core';
export * from '@holiday-peak-hub/core';
export * from './redis-cache.ts';
export * from './create-catalog-cache.ts';

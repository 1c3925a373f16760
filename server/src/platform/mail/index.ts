export * from '@holiday-peak-hub/core';
export * from './smtp-mailer.ts';
export * from '@holiday-peak-hub/core';

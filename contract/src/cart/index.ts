export * from './limits.ts';
export * from './totals.ts';
export * from './schemas.ts';
export * from './operations.ts';
export * from './checkout-operations.ts';
export * from './shipping.ts';

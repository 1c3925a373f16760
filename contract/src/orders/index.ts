export * from './schemas.ts';
export * from './operations.ts';
export * from './payment-operations.ts';

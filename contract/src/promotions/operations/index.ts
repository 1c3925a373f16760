export * from './promotions.ts';
export * from './promotion-operations.ts';

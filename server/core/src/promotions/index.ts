// Promotions: promo codes for staff, the rules that apply them to a cart, and the redemption ledger.
export * from './documents.ts';
export * from './ports.ts';
export * from './evaluate.ts';
export * from './refusals.ts';
export * from './mapping.ts';
export * from './promotion-service.ts';
export * from './handlers.ts';
export * from './module.ts';
export * from './seed-documents.ts';
export * from './memory/memory-promotion-repository.ts';
export * from './memory/memory-redemption-ledger.ts';
export * from './memory/memory-promotions.ts';

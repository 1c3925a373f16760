export * from './cosmos-idempotency-store.ts';

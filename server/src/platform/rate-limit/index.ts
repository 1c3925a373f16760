export { counterFactory, type RateLimitStore } from './rate-limit-store.ts';

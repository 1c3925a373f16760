export type { RateLimitStore } from './rate-limit-store.ts';
export { createRateLimiter, type RateLimiter, type Verdict } from './rate-limiter.ts';
export { createLoginLockout, type LoginLockout } from './login-lockout.ts';

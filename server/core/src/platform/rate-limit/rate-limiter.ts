import { isOverLimit, type CounterFactory } from './counter.ts';

export type Verdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Rejects (with the store's error) when the store cannot answer: that is not a permission. */
  consume(key: string, points?: number): Promise<Verdict>;
  reset(key: string): Promise<void>;
}

/** Whole seconds for `Retry-After`, never 0: a client told to retry after 0 s would retry at once. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * At most `points` per key in a fixed window of `durationSeconds`; past that the key is refused
 * until the window ends, or for `blockSeconds` when given.
 */
export function createRateLimiter(
  counters: CounterFactory,
  options: { name: string; points: number; durationSeconds: number; blockSeconds?: number },
): RateLimiter {
  const counter = counters(options);
  return {
    async consume(key, points = 1) {
      try {
        const res = await counter.consume(key, points);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when the store failed.
        if (isOverLimit(rejection)) {
          return { allowed: false, retryAfterSeconds: retryAfterSeconds(rejection.msBeforeNext) };
        }
        throw rejection;
      }
    },
    async reset(key) {
      await counter.delete(key);
    },
  };
}

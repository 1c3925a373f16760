import type { CounterFactory } from './counter.ts';
import { retryAfterSeconds, type Verdict } from './rate-limiter.ts';

/** Progressive lockout of one account after consecutive failed sign-ins: 5 free failures, then blocked 1 min, doubling per further failure up to 1 h; reset on success. */
export interface LoginLockout {
  /** Before checking the password: is the account blocked right now? */
  check(accountKey: string): Promise<Verdict>;
  /** After a wrong password: counts it, and blocks the account once the free failures are used up. */
  fail(accountKey: string): Promise<Verdict>;
  /** After a right password: forgets the failures. */
  succeed(accountKey: string): Promise<void>;
}

/**
 * Failures are remembered for a day, far longer than any block: otherwise the count would expire
 * with the block and an attacker would get a fresh set of free tries every hour. The day runs from
 * the first failure, so someone who keeps guessing gets at most ~30 tries a day.
 */
const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

/**
 * With the defaults, failures 1–5 are free; the 6th blocks the account for 1 min, the 7th for
 * 2 min, the 8th for 4 min, …, and from the 12th on for 1 h each.
 */
export function createLoginLockout(
  counters: CounterFactory,
  options: { freeFailures?: number; baseBlockSeconds?: number; maxBlockSeconds?: number } = {},
): LoginLockout {
  const freeFailures = options.freeFailures ?? 5;
  const baseBlockSeconds = options.baseBlockSeconds ?? 60;
  const maxBlockSeconds = options.maxBlockSeconds ?? 60 * 60;
  // Only penalty/get/delete are used on the failure counter, so its `points` never refuses anything.
  const failures = counters({
    name: 'login-failures',
    points: freeFailures,
    durationSeconds: FAILURE_MEMORY_SECONDS,
  });
  // `block` marks a key as over its single point until the block expires.
  const blocks = counters({ name: 'login-block', points: 1, durationSeconds: maxBlockSeconds });

  return {
    async check(accountKey) {
      const block = await blocks.get(accountKey);
      if (block && block.consumedPoints > blocks.points && block.msBeforeNext > 0) {
        return { allowed: false, retryAfterSeconds: retryAfterSeconds(block.msBeforeNext) };
      }
      const failed = (await failures.get(accountKey))?.consumedPoints ?? 0;
      return { allowed: true, remaining: Math.max(0, freeFailures - failed) };
    },
    async fail(accountKey) {
      const { consumedPoints } = await failures.penalty(accountKey, 1);
      const beyondFree = consumedPoints - freeFailures;
      if (beyondFree <= 0) return { allowed: true, remaining: freeFailures - consumedPoints };
      const seconds = Math.min(baseBlockSeconds * 2 ** (beyondFree - 1), maxBlockSeconds);
      await blocks.block(accountKey, seconds);
      return { allowed: false, retryAfterSeconds: seconds };
    },
    async succeed(accountKey) {
      await Promise.all([failures.delete(accountKey), blocks.delete(accountKey)]);
    },
  };
}

import { RateLimitedError } from '../pipeline/errors.ts';
import type { IdentityDeps } from './identity-deps.ts';

type Limits = Pick<IdentityDeps, 'attemptLimiter' | 'lockout'>;

/**
 * Before a password or code is checked: refused while its key (an email, an account) is locked
 * out, and beyond a few attempts a minute whatever their outcome. Failures are only counted once
 * checked (after the hash), so guesses sent in parallel could all pass the lockout before the first
 * is counted; the attempt limit bounds how many can.
 */
export async function beforeAttempt(deps: Limits, key: string, message: string): Promise<void> {
  const attempts = await deps.attemptLimiter.consume(key);
  if (!attempts.allowed) throw new RateLimitedError(attempts.retryAfterSeconds, message);
  const lock = await deps.lockout.check(key);
  if (!lock.allowed) throw new RateLimitedError(lock.retryAfterSeconds, message);
}

/** Counts a failed password or code: 429 once that locks the key (progressive lockout). */
export async function afterFailure(deps: Limits, key: string, message: string): Promise<void> {
  const verdict = await deps.lockout.fail(key);
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds, message);
}

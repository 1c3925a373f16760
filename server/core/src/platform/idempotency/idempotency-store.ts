/**
 * Idempotency keys (Stripe's semantics), the store's side: one record per caller scope and key,
 * claimed by the first request, completed with its answer, replayed for 24 hours. The pipeline
 * (`pipeline/idempotency.ts`) decides what is stored; a store only makes the claim atomic.
 */

/** How long an answer is replayed for its key, from the first request. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

/**
 * How long a started request holds its key. A record still `started` after it (its process died
 * before completing) is taken over by the next request with the same key and input.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** An answer as kept for replays: before the headers of each request (`X-Request-ID`, `Cache-Control`). */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  /** Serialized JSON; absent for 204. */
  body?: string;
}

export type IdempotencyBegin =
  /** The key is this request's: run it, then `complete` or `abandon` with the lease. */
  | { outcome: 'started'; lease: string }
  /** The key was answered, for the same input: answer that again. */
  | { outcome: 'replay'; answer: StoredAnswer }
  /** Another request with the key is running. */
  | { outcome: 'in_progress' }
  /** The key was used with other input (another operation, params, query or body). */
  | { outcome: 'mismatch' };

export interface IdempotencyStore {
  /**
   * Claims `key` in `scope` for a request whose input hashes to `fingerprint`, atomically: of
   * concurrent requests with one key, exactly one is `started`.
   */
  begin(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyBegin>;
  /**
   * Keeps the answer for replays until the window ends. `false` when the lease was lost (the
   * request outlived it and another one took the key over): nothing is written then.
   */
  complete(scope: string, key: string, lease: string, answer: StoredAnswer, now: Date): Promise<boolean>;
  /** Releases the key (nothing is kept, a retry runs again), if the lease is still held. */
  abandon(scope: string, key: string, lease: string): Promise<void>;
}

/** One key's record, the same in every adapter. Times are epoch milliseconds. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  fingerprint: string;
  state: 'started' | 'completed';
  /** Who holds a started record: only its holder may complete or abandon it. */
  lease: string;
  lease_until: number;
  /** The end of the replay window: from then on the key is free again. */
  expires_at: number;
  answer?: StoredAnswer;
}

type Verdict = Exclude<IdempotencyBegin, { outcome: 'started' }> | { outcome: 'claim' };

/**
 * What a request finds at its key: free (`claim`: nothing there, the window is over, or a started
 * record whose lease ran out), or a record that decides the answer. Input is compared before the
 * state, so a key used with other input is refused even while it runs.
 */
export function verdictOn(record: IdempotencyRecord | undefined, fingerprint: string, now: Date): Verdict {
  const at = now.getTime();
  if (!record || at >= record.expires_at) return { outcome: 'claim' };
  if (record.fingerprint !== fingerprint) return { outcome: 'mismatch' };
  if (record.state === 'completed' && record.answer) return { outcome: 'replay', answer: record.answer };
  if (at < record.lease_until) return { outcome: 'in_progress' };
  return { outcome: 'claim' };
}

/**
 * The started record a claim writes. A takeover of a dead request's record keeps its window (the
 * key's first use); a claim of a free key opens a new one.
 */
export function startedRecord(
  scope: string,
  key: string,
  fingerprint: string,
  lease: string,
  now: Date,
  previous?: IdempotencyRecord,
): IdempotencyRecord {
  const at = now.getTime();
  const window = previous && at < previous.expires_at ? previous.expires_at : at + IDEMPOTENCY_WINDOW_MS;
  return {
    scope,
    key,
    fingerprint,
    state: 'started',
    lease,
    lease_until: at + IDEMPOTENCY_LEASE_MS,
    expires_at: window,
  };
}

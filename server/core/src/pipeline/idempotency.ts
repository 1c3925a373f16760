import type { Operation } from '@holiday-peak-hub/contract';
import type { IdempotencyStore, StoredAnswer } from '../platform/idempotency/idempotency-store.ts';
import type { Logger } from '../ports/logger.ts';
import { AppError } from './errors.ts';
import type { Caller } from './handler.ts';

/** The response header of a replayed answer (Stripe's name). */
export const IDEMPOTENT_REPLAYED = 'Idempotent-Replayed';

/**
 * Whose keys a key is among: a session holder's own (its user or guest id, with the issuer, so two
 * identity providers' subjects never meet). An anonymous caller's are its client address's: callers
 * behind one address share keys, which only random keys keep apart, so an operation answering
 * private data takes a session (orders do).
 */
export function idempotencyScopeOf(caller: Caller, ip: string): string {
  return caller.userId === null ? `ip:${ip}` : `user:${caller.userId}@${caller.issuer ?? ''}`;
}

/** Keys sorted at every level: the same input hashes the same whatever order its keys came in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON();
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

/**
 * What "the same request" is: the operation and a SHA-256 (Web Crypto) of its validated params,
 * query and body. Headers are not part of it (an `If-Match` or a new access token on a retry is
 * still the same request).
 */
export async function fingerprintOf(
  operationId: string,
  input: { params: unknown; query: unknown; body: unknown },
): Promise<string> {
  const json = JSON.stringify(canonical({ params: input.params, query: input.query, body: input.body ?? null }));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return `${operationId}:${hex}`;
}

export interface IdempotentCall {
  store: IdempotencyStore;
  scope: string;
  key: string;
  fingerprint: string;
  now: Date;
  logger: Logger;
  requestId: string;
}

/**
 * Runs `produce` at most once per key (Stripe's semantics): the first request claims the key, and
 * its answer is kept, a 2xx or a 4xx (`answerOfError` makes the envelope of an `AppError` below
 * 500). A 5xx or any other failure keeps nothing: the key is released and a retry runs again.
 * A later request with the key gets the kept answer with `Idempotent-Replayed: true`; while the
 * first runs, 409 `IDEMPOTENCY_KEY_IN_USE`; with other input, 422 `IDEMPOTENCY_KEY_REUSED`.
 */
export async function answerOnce(
  call: IdempotentCall,
  produce: () => Promise<StoredAnswer>,
  answerOfError: (err: AppError) => StoredAnswer,
): Promise<StoredAnswer> {
  const { store, scope, key, logger, requestId } = call;
  const begun = await store.begin(scope, key, call.fingerprint, call.now);
  if (begun.outcome === 'in_progress') {
    throw new AppError(
      'IDEMPOTENCY_KEY_IN_USE',
      'A request with this Idempotency-Key is still being answered: retry in a moment',
      {},
      { 'Retry-After': '1' },
    );
  }
  if (begun.outcome === 'mismatch') {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used with other input: use a new key for a new request',
    );
  }
  if (begun.outcome === 'replay') {
    return { ...begun.answer, headers: { ...begun.answer.headers, [IDEMPOTENT_REPLAYED]: 'true' } };
  }

  let answer: StoredAnswer;
  try {
    answer = await produce();
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) {
      await release(call, begun.lease);
      throw err;
    }
    answer = answerOfError(err);
  }
  if (answer.status >= 500) {
    await release(call, begun.lease);
    return answer;
  }
  try {
    if (!(await store.complete(scope, key, begun.lease, answer, call.now))) {
      logger.warn({ requestId, scope }, 'idempotency: the key was taken over before this request completed');
    }
  } catch (err) {
    // The work is done: answer it. The key stays started until its lease ends, then a retry runs again.
    logger.error({ err, requestId, scope }, 'idempotency: the answer could not be stored');
  }
  return answer;
}

async function release(call: IdempotentCall, lease: string): Promise<void> {
  try {
    await call.store.abandon(call.scope, call.key, lease);
  } catch (err) {
    // The key stays started until its lease ends; a retry meanwhile gets 409.
    call.logger.error(
      { err, requestId: call.requestId, scope: call.scope },
      'idempotency: the key could not be released',
    );
  }
}

/**
 * Refuses to start a pipeline without an idempotency store when one of its operations declares
 * `idempotency` (the composition roots call it); a call of such an operation without a store is a 500.
 */
export function assertIdempotencyStore(ops: readonly Operation[], store: IdempotencyStore | undefined): void {
  if (store) return;
  const needing = ops.filter((op) => op.idempotency).map((op) => op.operationId);
  if (needing.length > 0) {
    throw new Error(`No idempotency store for the operations that declare idempotency: ${needing.join(', ')}`);
  }
}

import { PreconditionFailedError, ServiceUnavailableError } from '../pipeline/errors.ts';
import { ifMatchHits } from './storage-etag.ts';
import type { EventContext } from './events/create-event.ts';

/** Who writes and when: the request id becomes the events' correlation id. */
export interface WriteContext {
  requestId: string;
  /** The `If-Match` header, when the caller sent one. */
  ifMatch?: string | undefined;
}

export interface ServiceClock {
  clock: () => Date;
  eventSource: string;
}

export function eventContext(deps: ServiceClock, ctx: WriteContext, now: Date): EventContext {
  return { source: deps.eventSource, correlationId: ctx.requestId, causationId: null, now };
}

/** 412 when the caller's `If-Match` does not name the version just read. */
export function checkIfMatch(ifMatch: string | undefined, etag: string, details: Record<string, unknown>): void {
  if (ifMatch !== undefined && !ifMatchHits(ifMatch, etag)) throw new PreconditionFailedError(undefined, details);
}

/** Tries of one write that keeps losing to concurrent writes before the caller gets a 503. */
export const CONFLICT_ATTEMPTS = 12;
/** Longest pause between two tries. */
const MAX_PAUSE_MS = 250;

/** A random pause below a ceiling that doubles with each try ("full jitter"): losers stop colliding. */
function pause(tries: number): Promise<void> {
  const ceiling = Math.min(MAX_PAUSE_MS, 4 * 2 ** tries);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/**
 * Repeats `attempt` while it fails with an optimistic-concurrency conflict (a 412 of a conditional
 * write on a version that changed since it was read): each try reads again. Only for conflicts the
 * caller did not ask for. Under every write racing for one document, each round has one winner, so
 * the budget is a number of tries with growing random pauses, not three quick ones; a write that
 * still loses after `CONFLICT_ATTEMPTS` is a 503 (with `Retry-After`), which every operation
 * declares, never a 412 the caller cannot act on.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof PreconditionFailedError)) throw err;
      if (tries >= CONFLICT_ATTEMPTS) {
        throw new ServiceUnavailableError('Too many concurrent changes of this resource: try again', err.details);
      }
    }
    await pause(tries);
  }
}

/**
 * Read-modify-write with optimistic concurrency. Each attempt reads, checks `If-Match`, and
 * writes conditionally on the etag it read. When the caller named a version, a concurrent
 * change is their 412; without `If-Match` the attempt is repeated on the fresh version
 * (`retryOnConflict`).
 */
export function withConcurrency<T>(ifMatch: string | undefined, attempt: () => Promise<T>): Promise<T> {
  return ifMatch === undefined ? retryOnConflict(attempt) : attempt();
}

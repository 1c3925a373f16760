import { PreconditionFailedError } from '../pipeline/errors.ts';
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

/**
 * Read-modify-write with optimistic concurrency. Each attempt reads, checks `If-Match`, and
 * writes conditionally on the etag it read. When the caller named a version, a concurrent
 * change is their 412; without `If-Match` the attempt is simply repeated on the fresh version.
 */
export async function withConcurrency<T>(ifMatch: string | undefined, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof PreconditionFailedError) || ifMatch !== undefined || tries >= 3) throw err;
    }
  }
}

import type { Container, FeedResponse, SqlQuerySpec } from '@azure/cosmos';
import { InvalidRequestError } from '@holiday-peak-hub/core';
import { queryFingerprint, type CursorCodec } from './cursor.ts';
import { CONTINUATION_LIMIT_KB, MAX_FETCHES, type Page, type PageRequest } from './query-page.ts';

/** Where a phased list stands: the phase, and Cosmos DB's continuation token inside it (none: its start). */
interface Position {
  phase: number;
  continuation?: string | undefined;
}

const invalidCursor = () =>
  new InvalidRequestError('Invalid cursor', [
    { in: 'query', path: 'cursor', message: 'cursor is not valid for this query: start again without it' },
  ]);

function positionOf(sealed: string, phases: number): Position {
  try {
    const value = JSON.parse(sealed) as { p?: unknown; c?: unknown };
    if (typeof value.p === 'number' && Number.isInteger(value.p) && value.p >= 0 && value.p < phases) {
      if (value.c === undefined || typeof value.c === 'string') return { phase: value.p, continuation: value.c };
    }
  } catch {
    // not ours: refused below
  }
  throw invalidCursor();
}

/**
 * One page of a list made of several queries read one after the other (a ranked search: the
 * products matching by name, then the rest), resumed from a cursor. The cursor holds the phase and
 * Cosmos DB's continuation token within it, sealed by `cursors` like `queryPage`'s: no item is
 * repeated or skipped across pages, and a page may span the end of one phase and the start of the
 * next. When a page ends exactly where a phase ends, the next page starts the next phase (it may
 * be empty: a `next_cursor` promises no more than that). A resumed query that fails is the
 * caller's 400, as in `queryPage`.
 */
export async function queryPhasedPage<T>(
  container: Container,
  phases: readonly SqlQuerySpec[],
  request: PageRequest,
  cursors: CursorCodec,
): Promise<Page<T>> {
  const fingerprint = queryFingerprint(request.shape);
  let position: Position | undefined =
    request.cursor === undefined
      ? { phase: 0 }
      : positionOf(cursors.decode(request.cursor, fingerprint), phases.length);
  const items: T[] = [];
  try {
    for (let fetches = 0; position && fetches < MAX_FETCHES && items.length < request.limit; fetches += 1) {
      const response: FeedResponse<T> = await container.items
        .query<T>(phases[position.phase]!, {
          maxItemCount: request.limit - items.length,
          continuationToken: position.continuation,
          continuationTokenLimitInKB: CONTINUATION_LIMIT_KB,
          ...(request.partitionKey === undefined ? {} : { partitionKey: request.partitionKey }),
        })
        .fetchNext();
      items.push(...response.resources);
      const next: string | undefined = response.continuationToken ?? undefined;
      if (next) position = { phase: position.phase, continuation: next };
      else position = position.phase + 1 < phases.length ? { phase: position.phase + 1 } : undefined;
    }
  } catch (err) {
    if (request.cursor === undefined) throw err;
    const invalid = invalidCursor();
    invalid.cause = err;
    throw invalid;
  }
  const nextCursor = position
    ? cursors.encode(JSON.stringify({ p: position.phase, c: position.continuation }), fingerprint)
    : null;
  return { items, nextCursor };
}

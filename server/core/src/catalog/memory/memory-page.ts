import { invalidCursor, type PageInput, type ResultPage } from '../page.ts';
import { stableJson } from '../stable-json.ts';
import { fnv1a, InvalidCursorError, paginate } from './paginate.ts';

/**
 * One page of an in-memory list, already filtered and sorted: the cursor holds the offset, sealed
 * with a fingerprint of `shape` (everything that shapes the list but the page size). A cursor that
 * is not one of ours for this list is the same 400 the Cosmos DB adapters answer.
 */
export function pageOf<T, R = T>(
  items: readonly T[],
  page: PageInput,
  shape: unknown,
  view: (item: T) => R = (item) => item as unknown as R,
): ResultPage<R> {
  try {
    const result = paginate(items, page, fnv1a(stableJson(shape)));
    return { items: result.items.map(view), nextCursor: result.next_cursor };
  } catch (err) {
    if (err instanceof InvalidCursorError) throw invalidCursor(err.message);
    throw err;
  }
}

/** Runs a synchronous query as storage answers: a promise, rejected when the query throws. */
export const answer = <T>(query: () => T): Promise<T> => new Promise<T>((resolve) => resolve(query()));

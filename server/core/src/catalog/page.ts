import { InvalidRequestError } from '../pipeline/errors.ts';

/** What a list asks for: at most `limit` items, from `cursor` (a `next_cursor` the same list answered). */
export interface PageInput {
  limit: number;
  cursor?: string | undefined;
}

/** One page of a list; `nextCursor` is null on the last page. */
export interface ResultPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The 400 a cursor the list cannot resume from is answered with (undecodable, edited, forged, or
 * from another query), whatever the storage: the same envelope from every adapter.
 */
export function invalidCursor(message: string): InvalidRequestError {
  return new InvalidRequestError('Invalid cursor', [{ in: 'query', path: 'cursor', message }]);
}

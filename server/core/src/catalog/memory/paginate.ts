/**
 * Cursor paging over an in-memory list. The cursor is opaque to clients: base64url JSON holding
 * the offset and a fingerprint of the query it belongs to, sealed with a checksum. A cursor that
 * does not decode, was edited, or comes from another query is refused (the server answers 400).
 */
export type OffsetPage<T> = { items: T[]; next_cursor: string | null };

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

type CursorBody = { v: 1; f: string; o: number; s: string };

/** FNV-1a over a string, as 8 hex digits: small, synchronous, the same in Node and browsers. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const seal = (fingerprint: string, offset: number) => fnv1a(`holiday-peak-hub-mock-cursor|${fingerprint}|${offset}`);

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
}

export function encodeCursor(offset: number, fingerprint: string): string {
  const body: CursorBody = { v: 1, f: fingerprint, o: offset, s: seal(fingerprint, offset) };
  return toBase64Url(JSON.stringify(body));
}

function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(fromBase64Url(cursor)) as unknown;
  } catch {
    return undefined;
  }
}

/** The offset a cursor points at; throws InvalidCursorError when it is not one of ours for this query. */
export function decodeCursor(cursor: string, fingerprint: string): number {
  const body = parseCursor(cursor) as Partial<CursorBody> | undefined;
  if (
    typeof body !== 'object' ||
    body === null ||
    body.v !== 1 ||
    typeof body.f !== 'string' ||
    typeof body.o !== 'number' ||
    !Number.isInteger(body.o) ||
    body.o < 0 ||
    body.s !== seal(body.f, body.o)
  ) {
    throw new InvalidCursorError('not a cursor returned by this API: pass next_cursor back unchanged');
  }
  if (body.f !== fingerprint) {
    throw new InvalidCursorError(
      'this cursor belongs to a different query: keep the same filters and sort while paging',
    );
  }
  return body.o;
}

/** One page of `items` from the cursor on; `next_cursor` is null on the last page. */
export function paginate<T>(
  items: readonly T[],
  page: { limit: number; cursor?: string | undefined },
  fingerprint: string,
): OffsetPage<T> {
  const offset = page.cursor === undefined ? 0 : decodeCursor(page.cursor, fingerprint);
  const end = offset + page.limit;
  return {
    items: items.slice(offset, end),
    next_cursor: end < items.length ? encodeCursor(end, fingerprint) : null,
  };
}

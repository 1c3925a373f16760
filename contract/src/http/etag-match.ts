/*
 * Conditional request matching (RFC 9110 §13.1), pure: the server and the mocks compare
 * `If-None-Match` and `If-Match` headers with an ETag through these.
 */

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** `If-None-Match` on reads: weak comparison; `*` matches any representation. */
export function ifNoneMatchHits(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** `If-Match` on writes: strong comparison (a weak tag never matches); `*` matches. */
export function ifMatchHits(header: string, etag: string): boolean {
  const wanted = etag.trim();
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || (trimmed === wanted && !trimmed.startsWith('W/'));
  });
}

import { createHash } from 'node:crypto';

/** A strong ETag over a serialized representation. */
export function etagOf(serialized: string): string {
  return `"${createHash('sha1').update(serialized).digest('base64url')}"`;
}

/** True when `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

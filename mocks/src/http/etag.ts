import { fnv1a } from '../query/paginate.ts';

/** A strong ETag over a representation (content hash, so an unchanged resource keeps its tag). */
export function etagOf(value: unknown): string {
  const text = JSON.stringify(value);
  return `"${fnv1a(text)}${fnv1a(`${text.length}:${text}`)}"`;
}

/** `If-None-Match` on reads: weak comparison, `*` matches. */
export function ifNoneMatchHits(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** `If-Match` on writes: strong comparison, `*` matches. */
export function ifMatchHits(header: string, etag: string): boolean {
  return header.split(',').some((tag) => tag.trim() === '*' || tag.trim() === etag);
}

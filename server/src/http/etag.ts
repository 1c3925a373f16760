import { createHash } from 'node:crypto';

/** A strong ETag over a serialized representation. */
export function etagOf(serialized: string): string {
  return `"${createHash('sha1').update(serialized).digest('base64url')}"`;
}

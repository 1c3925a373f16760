import { fnv1a } from '@holiday-peak-hub/core';

/** A strong ETag over a representation (content hash, so an unchanged resource keeps its tag). */
export function etagOf(value: unknown): string {
  const text = JSON.stringify(value);
  return `"${fnv1a(text)}${fnv1a(`${text.length}:${text}`)}"`;
}

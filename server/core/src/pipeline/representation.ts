import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export interface Representation {
  json: string;
  /** A strong ETag over the serialized JSON. */
  etag: string;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A strong ETag over a serialized representation. */
export function etagOf(serialized: string): string {
  return `"${base64url(sha1(utf8ToBytes(serialized)))}"`;
}

function represent(body: unknown): Representation {
  const json = JSON.stringify(body);
  return { json, etag: etagOf(json) };
}

/**
 * The serialized JSON of a body and its ETag. Cached reads hand back the same body object again
 * and again, so the serialization is remembered per object (and forgotten with it).
 */
const remembered = new WeakMap<object, Representation>();

export function representationOf(body: unknown): Representation {
  if (typeof body !== 'object' || body === null) return represent(body);
  let representation = remembered.get(body);
  if (!representation) {
    representation = represent(body);
    remembered.set(body, representation);
  }
  return representation;
}

import { etagOf } from './etag.ts';

export interface Representation {
  json: string;
  etag: string;
  /** Byte length of `json` in UTF-8, for Content-Length. */
  length: number;
}

function represent(body: unknown): Representation {
  const json = JSON.stringify(body);
  return { json, etag: etagOf(json), length: Buffer.byteLength(json) };
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

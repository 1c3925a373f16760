import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidRequestError, stableJson } from '@holiday-peak-hub/core';

/**
 * The `cursor` of a list: an opaque base64url token wrapping the Cosmos DB continuation token and
 * a fingerprint of the query it belongs to (operation, filters, sort), sealed with an HMAC under
 * a server-side key. A cursor that does not decode, was edited or forged, or comes from another
 * query is a 400, never a 500: a foreign continuation could otherwise page through a different
 * query's results, and a forged one reach the database unchecked.
 */
interface CursorBody {
  v: 2;
  /** Fingerprint of the query. */
  f: string;
  /** Cosmos DB continuation token. */
  c: string;
  /** HMAC-SHA256 over v, f and c (128 bits, base64url). */
  s: string;
}

export interface CursorCodec {
  /** Seals a continuation token of the query with this fingerprint. */
  encode(continuation: string, fingerprint: string): string;
  /** The continuation token inside a cursor; throws InvalidRequestError when it is not one of ours for this query. */
  decode(cursor: string, fingerprint: string): string;
}

/** The label that makes the cursor key unrelated to any other use of the configured secret. */
const KEY_LABEL = 'holiday-peak-hub/cursor-hmac-key/v1\n';

/**
 * The cursor key. Every replica must share it (a cursor from one is resumed by another), so it is
 * derived from configuration: the server's JWT signing key when set (hashed with a fixed label, so
 * the key itself is never used for anything else). Without one (embedded default: a single
 * process whose signing key is generated anyway) a random per-process key.
 */
export function deriveCursorKey(privateKeyPem: string | undefined): Buffer {
  if (privateKeyPem === undefined) return randomBytes(32);
  return createHash('sha256').update(KEY_LABEL).update(privateKeyPem).digest();
}

/** A short fingerprint of everything that shapes a query's results. */
export function queryFingerprint(shape: unknown): string {
  return createHash('sha256').update(stableJson(shape)).digest('base64url').slice(0, 16);
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError('Invalid cursor', [{ in: 'query', path: 'cursor', message }]);
}

function parse(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isCursorBody(value: unknown): value is CursorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return body.v === 2 && typeof body.f === 'string' && typeof body.c === 'string' && typeof body.s === 'string';
}

/** Cursors sealed with `key` (32 bytes from `deriveCursorKey`). */
export function createCursorCodec(key: Uint8Array): CursorCodec {
  const seal = (fingerprint: string, continuation: string) =>
    createHmac('sha256', key).update(`2\n${fingerprint}\n${continuation}`).digest().subarray(0, 16);
  const sealed = (body: CursorBody) => {
    const given = Buffer.from(body.s, 'base64url');
    const expected = seal(body.f, body.c);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return {
    encode(continuation, fingerprint) {
      const body: CursorBody = {
        v: 2,
        f: fingerprint,
        c: continuation,
        s: seal(fingerprint, continuation).toString('base64url'),
      };
      return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
    },
    decode(cursor, fingerprint) {
      const body = parse(cursor);
      if (!isCursorBody(body) || !sealed(body)) {
        throw invalid('not a cursor returned by this API: pass next_cursor back unchanged');
      }
      if (body.f !== fingerprint) {
        throw invalid('this cursor belongs to a different query: keep the same filters and sort while paging');
      }
      return body.c;
    },
  };
}

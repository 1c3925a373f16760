import { createHash } from 'node:crypto';
import { InvalidRequestError } from '../../http/errors.ts';
import { stableJson } from './stable-json.ts';

/**
 * The `cursor` of a list: an opaque base64url token wrapping the Cosmos DB continuation token and
 * a fingerprint of the query it belongs to (operation, filters, sort), sealed with a checksum.
 * A cursor that does not decode, was edited, or comes from another query is a 400, never a 500:
 * a foreign continuation could otherwise page through a different query's results.
 */
interface CursorBody {
  v: 1;
  /** Fingerprint of the query. */
  f: string;
  /** Cosmos DB continuation token. */
  c: string;
  /** Checksum over v, f and c. */
  s: string;
}

const digest = (text: string, length: number) => createHash('sha256').update(text).digest('base64url').slice(0, length);

/** A short fingerprint of everything that shapes a query's results. */
export function queryFingerprint(shape: unknown): string {
  return digest(stableJson(shape), 16);
}

const checksum = (fingerprint: string, continuation: string) =>
  digest(`holiday-peak-hub-cursor\n1\n${fingerprint}\n${continuation}`, 16);

export function encodeCursor(continuation: string, fingerprint: string): string {
  const body: CursorBody = { v: 1, f: fingerprint, c: continuation, s: checksum(fingerprint, continuation) };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
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
  return body.v === 1 && typeof body.f === 'string' && typeof body.c === 'string' && typeof body.s === 'string';
}

/** The continuation token inside a cursor; throws InvalidRequestError when it is not one of ours for this query. */
export function decodeCursor(cursor: string, fingerprint: string): string {
  const body = parse(cursor);
  if (!isCursorBody(body) || body.s !== checksum(body.f, body.c)) {
    throw invalid('not a cursor returned by this API: pass next_cursor back unchanged');
  }
  if (body.f !== fingerprint) {
    throw invalid('this cursor belongs to a different query: keep the same filters and sort while paging');
  }
  return body.c;
}

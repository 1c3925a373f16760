import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../http/errors.ts';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.ts';

const continuation = '{"token":"+RID:gAABAIAAAAEBAAAAAAAAAA==#RT:1#TRC:1","range":{"min":"","max":"FF"}}';

describe('cursor codec', () => {
  const fingerprint = queryFingerprint({ operation: 'listProducts', filter: { category: 'toys', sort: 'price' } });

  it('round-trips a continuation token as an opaque base64url cursor', () => {
    const cursor = encodeCursor(continuation, fingerprint);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('RID');
    expect(decodeCursor(cursor, fingerprint)).toBe(continuation);
  });

  it('fingerprints ignore key order but not values', () => {
    expect(queryFingerprint({ a: 1, b: [1, 2] })).toBe(queryFingerprint({ b: [1, 2], a: 1 }));
    expect(queryFingerprint({ a: 1 })).not.toBe(queryFingerprint({ a: 2 }));
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['non base64url characters', 'abc$%^'],
    ['valid base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of the wrong shape', Buffer.from('{"v":2}').toString('base64url')],
  ])('rejects %s with a 400', (_name, cursor) => {
    expect(() => decodeCursor(cursor, fingerprint)).toThrow(InvalidRequestError);
  });

  it('rejects an edited continuation (checksum)', () => {
    const body = JSON.parse(Buffer.from(encodeCursor(continuation, fingerprint), 'base64url').toString()) as Record<
      string,
      unknown
    >;
    body.c = continuation.replace('RT:1', 'RT:9');
    const tampered = Buffer.from(JSON.stringify(body)).toString('base64url');
    expect(() => decodeCursor(tampered, fingerprint)).toThrow(/Invalid cursor/);
  });

  it('rejects a cursor of another query, naming the cursor parameter', () => {
    const other = encodeCursor(
      continuation,
      queryFingerprint({ operation: 'listProducts', filter: { category: 'x' } }),
    );
    try {
      decodeCursor(other, fingerprint);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRequestError);
      const error = err as InvalidRequestError;
      expect(error.status).toBe(400);
      expect(error.details).toMatchObject({ issues: [{ in: 'query', path: 'cursor' }] });
    }
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '@holiday-peak-hub/core';
import { createCursorCodec, deriveCursorKey, queryFingerprint } from './cursor.ts';

const continuation = '{"token":"+RID:gAABAIAAAAEBAAAAAAAAAA==#RT:1#TRC:1","range":{"min":"","max":"FF"}}';
const PEM =
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPretendKeyForTestsOnly0000000000000\n-----END PRIVATE KEY-----\n';

const body = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { v: number; f: string; c: string; s: string };
const pack = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor codec', () => {
  const cursors = createCursorCodec(deriveCursorKey(PEM));
  const fingerprint = queryFingerprint({ operation: 'listProducts', filter: { category: 'toys', sort: 'price' } });

  it('round-trips a continuation token as an opaque base64url cursor', () => {
    const cursor = cursors.encode(continuation, fingerprint);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('RID');
    expect(cursors.decode(cursor, fingerprint)).toBe(continuation);
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
    expect(() => cursors.decode(cursor, fingerprint)).toThrow(InvalidRequestError);
  });

  it('rejects an edited continuation (seal)', () => {
    const edited = { ...body(cursors.encode(continuation, fingerprint)), c: continuation.replace('RT:1', 'RT:9') };
    expect(() => cursors.decode(pack(edited), fingerprint)).toThrow(/Invalid cursor/);
  });

  it('rejects a cursor forged with a public checksum formula (the seal is keyed)', () => {
    // Anyone can compute an unkeyed hash: that was the old seal, and it must not open the door.
    const forged = (c: string, v: number) => ({
      v,
      f: fingerprint,
      c,
      s: createHash('sha256')
        .update(`holiday-peak-hub-cursor\n1\n${fingerprint}\n${c}`)
        .digest('base64url')
        .slice(0, 16),
    });
    for (const v of [1, 2])
      expect(() => cursors.decode(pack(forged('anything', v)), fingerprint)).toThrow(/Invalid cursor/);
  });

  it('only a codec with the same key opens a cursor: same configured secret, same key on every replica', () => {
    const cursor = cursors.encode(continuation, fingerprint);
    expect(createCursorCodec(deriveCursorKey(PEM)).decode(cursor, fingerprint)).toBe(continuation);
    expect(() => createCursorCodec(deriveCursorKey(`${PEM}x`)).decode(cursor, fingerprint)).toThrow(
      InvalidRequestError,
    );
    // Without a configured secret the key is random per process.
    expect(() => createCursorCodec(deriveCursorKey(undefined)).decode(cursor, fingerprint)).toThrow(
      InvalidRequestError,
    );
    expect(deriveCursorKey(undefined).equals(deriveCursorKey(undefined))).toBe(false);
  });

  it('derives the key through a labelled hash, never the secret itself', () => {
    const key = deriveCursorKey(PEM);
    expect(key).toHaveLength(32);
    expect(key.equals(createHash('sha256').update(PEM).digest())).toBe(false);
    expect(key.toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('rejects a cursor of another query, naming the cursor parameter', () => {
    const other = cursors.encode(
      continuation,
      queryFingerprint({ operation: 'listProducts', filter: { category: 'x' } }),
    );
    try {
      cursors.decode(other, fingerprint);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRequestError);
      const error = err as InvalidRequestError;
      expect(error.status).toBe(400);
      expect(error.details).toMatchObject({ issues: [{ in: 'query', path: 'cursor' }] });
    }
  });
});

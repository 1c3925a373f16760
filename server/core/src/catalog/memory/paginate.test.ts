import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fnv1a, InvalidCursorError, paginate } from './paginate.ts';

const fingerprintOf = (shape: unknown) => fnv1a(JSON.stringify(shape));

const items = Array.from({ length: 23 }, (_, i) => i);
const fp = fingerprintOf(['list', { category: 'x' }]);

describe('paginate', () => {
  it('walks every item exactly once, and the last page has no next cursor', () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, { limit: 10, cursor }, fp);
      seen.push(...page.items);
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  it('makes cursors the contract accepts (base64url characters only)', () => {
    expect(encodeCursor(40, fp)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encodeCursor(40, fp), fp)).toBe(40);
  });

  it('refuses garbage, edited cursors, and cursors of another query', () => {
    expect(() => decodeCursor('garbage', fp)).toThrow(InvalidCursorError);
    const edited = btoa(JSON.stringify({ v: 1, f: fp, o: 5, s: '00000000' })).replace(/=+$/, '');
    expect(() => decodeCursor(edited, fp)).toThrow(/not a cursor/);
    expect(() => decodeCursor(encodeCursor(10, fp), fingerprintOf(['list', { category: 'y' }]))).toThrow(
      /different query/,
    );
  });

  it('answers an empty page for an empty list', () => {
    expect(paginate([], { limit: 5 }, fp)).toEqual({ items: [], next_cursor: null });
  });
});

import { describe, expect, it } from 'vitest';
import { ifMatchHits, ifNoneMatchHits } from './etag-match.ts';

const etag = '"abc"';

describe('ifNoneMatchHits (reads, weak comparison)', () => {
  it('misses without a header', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
    expect(ifNoneMatchHits(null, etag)).toBe(false);
    expect(ifNoneMatchHits('', etag)).toBe(false);
  });
  it('hits the same tag, its weak form, one of a list, and *', () => {
    expect(ifNoneMatchHits('"abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('"x", W/"abc" ', etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });
  it('misses another tag', () => {
    expect(ifNoneMatchHits('"abd", "ab"', etag)).toBe(false);
  });
});

describe('ifMatchHits (writes, strong comparison)', () => {
  it('hits the same tag, one of a list, and *', () => {
    expect(ifMatchHits('"abc"', etag)).toBe(true);
    expect(ifMatchHits(' "x" , "abc"', etag)).toBe(true);
    expect(ifMatchHits('*', etag)).toBe(true);
  });
  it('misses another tag and any weak tag', () => {
    expect(ifMatchHits('"abd"', etag)).toBe(false);
    expect(ifMatchHits('W/"abc"', etag)).toBe(false);
    expect(ifMatchHits('abc', etag)).toBe(false);
  });
});

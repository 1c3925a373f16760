import { describe, expect, it } from 'vitest';
import { compareBanners, isBannerActive } from './banner-rules.ts';

const now = new Date('2026-11-01T00:00:00Z');
const open = { enabled: true, starts_at: '2026-11-01T00:00:00Z', ends_at: null };

describe('isBannerActive', () => {
  it('is enabled and starts_at <= now < ends_at', () => {
    expect(isBannerActive(open, now)).toBe(true);
    expect(isBannerActive({ ...open, ends_at: '2026-11-01T00:00:01Z' }, now)).toBe(true);
  });
  it('is not disabled, not yet started, nor ended (ends_at is exclusive)', () => {
    expect(isBannerActive({ ...open, enabled: false }, now)).toBe(false);
    expect(isBannerActive({ ...open, starts_at: '2026-11-01T00:00:01Z' }, now)).toBe(false);
    expect(isBannerActive({ ...open, ends_at: '2026-11-01T00:00:00Z' }, now)).toBe(false);
  });
});

describe('compareBanners', () => {
  it('orders by priority (highest first), then latest start, then id', () => {
    const banners = [
      { id: 'b', priority: 1, starts_at: '2026-01-01T00:00:00Z' },
      { id: 'c', priority: 5, starts_at: '2026-01-01T00:00:00Z' },
      { id: 'a', priority: 1, starts_at: '2026-01-01T00:00:00Z' },
      { id: 'd', priority: 1, starts_at: '2026-06-01T00:00:00Z' },
    ];
    expect([...banners].sort(compareBanners).map((banner) => banner.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});

import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { isBannerActive, sortBanners } from './banners.ts';
import { categoriesUnder, sortCategories } from './categories.ts';

const catalog = demoCatalog();
const now = new Date('2026-11-01T00:00:00Z');

describe('banners and categories', () => {
  it('a banner is active when enabled and starts_at <= now < ends_at', () => {
    const [banner] = catalog.banners;
    if (!banner) throw new Error('no banners');
    const open = { ...banner, enabled: true, starts_at: now.toISOString(), ends_at: null };
    expect(isBannerActive(open, now)).toBe(true);
    expect(isBannerActive({ ...open, enabled: false }, now)).toBe(false);
    expect(isBannerActive({ ...open, ends_at: now.toISOString() }, now)).toBe(false);
    expect(isBannerActive({ ...open, starts_at: '2026-11-01T00:00:01Z' }, now)).toBe(false);
  });

  it('sorts banners by priority, highest first', () => {
    const priorities = sortBanners(catalog.banners).map((b) => b.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  it('sorts categories by sort_order then name, and narrows to a parent', () => {
    const sorted = sortCategories(categoriesUnder(catalog.categories, 'electronics'));
    expect(sorted.every((c) => c.parent_slug === 'electronics')).toBe(true);
    expect(sorted.map((c) => c.sort_order)).toEqual([...sorted.map((c) => c.sort_order)].sort((a, b) => a - b));
    const tie = sortCategories([
      { ...sorted[0]!, slug: 'b', name: 'Beta', sort_order: 1 },
      { ...sorted[0]!, slug: 'a', name: 'Alpha', sort_order: 1 },
    ]);
    expect(tie.map((c) => c.name)).toEqual(['Alpha', 'Beta']);
  });
});

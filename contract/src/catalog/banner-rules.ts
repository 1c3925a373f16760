import type { Banner } from './banner-schemas.ts';

type BannerWindow = Pick<Banner, 'enabled' | 'starts_at' | 'ends_at'>;
type BannerOrder = Pick<Banner, 'id' | 'priority' | 'starts_at'>;

/** A banner shows when it is enabled and now is in [`starts_at`, `ends_at`) (no `ends_at`: open-ended). */
export function isBannerActive(banner: BannerWindow, now: Date): boolean {
  const at = now.getTime();
  return (
    banner.enabled && Date.parse(banner.starts_at) <= at && (banner.ends_at === null || at < Date.parse(banner.ends_at))
  );
}

/** Banner order: highest priority first, then the most recently started, then by id (stable). */
export function compareBanners(a: BannerOrder, b: BannerOrder): number {
  return b.priority - a.priority || b.starts_at.localeCompare(a.starts_at) || a.id.localeCompare(b.id);
}

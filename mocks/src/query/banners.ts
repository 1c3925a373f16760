import type { Banner } from '@holiday-peak-hub/contract';

/** Enabled, and now within [starts_at, ends_at). */
export function isBannerActive(banner: Banner, now: Date): boolean {
  const at = now.getTime();
  return (
    banner.enabled && Date.parse(banner.starts_at) <= at && (banner.ends_at === null || at < Date.parse(banner.ends_at))
  );
}

/** Highest priority first; then the most recently started; then by id. */
export function sortBanners(banners: Iterable<Banner>): Banner[] {
  return [...banners].sort(
    (a, b) => b.priority - a.priority || b.starts_at.localeCompare(a.starts_at) || a.id.localeCompare(b.id),
  );
}

import { compareBanners, type Banner } from '@holiday-peak-hub/contract';

type BannerOrder = Pick<Banner, 'id' | 'priority' | 'starts_at'>;

export { isBannerActive } from '@holiday-peak-hub/contract';

/** Banners in the contract's order (`compareBanners`), as the server lists them. */
export function sortBanners<B extends BannerOrder>(banners: Iterable<B>): B[] {
  return [...banners].sort(compareBanners);
}

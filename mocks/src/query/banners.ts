import { compareBanners, type Banner } from '@holiday-peak-hub/contract';

export { isBannerActive } from '@holiday-peak-hub/contract';

/** Banners in the contract's order (`compareBanners`), as the server lists them. */
export function sortBanners(banners: Iterable<Banner>): Banner[] {
  return [...banners].sort(compareBanners);
}

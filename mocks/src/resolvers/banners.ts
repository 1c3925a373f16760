import type { Banner } from '@holiday-peak-hub/contract';
import { etagOf } from '../http/etag.ts';
import { changesNothing, givenFields } from './patch.ts';
import { MockHttpError } from '../http/mock-error.ts';
import { isBannerActive, sortBanners } from '@holiday-peak-hub/core';
import { bannerOr404, checkIfMatch } from './lookups.ts';
import type { ResolversFor } from './types.ts';

type BannerOps =
  'listActiveBanners' | 'staffListBanners' | 'staffGetBanner' | 'createBanner' | 'updateBanner' | 'deleteBanner';

export const bannerResolvers: ResolversFor<BannerOps> = {
  listActiveBanners: ({ input: { query }, store }) => {
    const now = store.now();
    const items = sortBanners(store.banners.values()).filter(
      (banner) =>
        isBannerActive(banner, now) && (query.placement === undefined || banner.placement === query.placement),
    );
    return { status: 200, body: { items } };
  },

  staffListBanners: ({ input: { query }, store }) => {
    const items = sortBanners(store.banners.values()).filter(
      (banner) => query.placement === undefined || banner.placement === query.placement,
    );
    return { status: 200, body: { items } };
  },

  staffGetBanner: ({ input: { params }, store }) => {
    const banner = bannerOr404(store, params.id);
    return { status: 200, body: banner, headers: { ETag: etagOf(banner) } };
  },

  createBanner: ({ input: { body }, store, urlOf }) => {
    const at = store.now().toISOString();
    const banner: Banner = { id: store.nextBannerId(), ...body, created_at: at, updated_at: at };
    store.banners.set(banner.id, banner);
    return {
      status: 201,
      body: banner,
      headers: { ETag: etagOf(banner), Location: urlOf(`/api/staff/banners/${banner.id}`) },
    };
  },

  updateBanner: ({ input: { params, headers, body }, store }) => {
    const current = bannerOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { banner_id: current.id });
    const patch = givenFields(body);
    if (changesNothing(current, patch)) return { status: 200, body: current, headers: { ETag: etagOf(current) } };
    const updated: Banner = { ...current, ...patch, updated_at: store.now().toISOString() };
    if (updated.ends_at !== null && Date.parse(updated.ends_at) <= Date.parse(updated.starts_at)) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', 'ends_at must be after starts_at', {
        starts_at: updated.starts_at,
        ends_at: updated.ends_at,
      });
    }
    store.banners.set(updated.id, updated);
    return { status: 200, body: updated, headers: { ETag: etagOf(updated) } };
  },

  deleteBanner: ({ input: { params, headers }, store }) => {
    const current = bannerOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { banner_id: current.id });
    store.banners.delete(current.id);
    return { status: 204, body: undefined };
  },
};

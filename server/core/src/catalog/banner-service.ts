import {
  compareBanners,
  isBannerActive,
  type BannerCreate,
  type BannerPlacement,
  type BannerUpdate,
} from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { randomToken } from '../platform/random.ts';
import {
  checkIfMatch,
  eventContext,
  withConcurrency,
  type ServiceClock,
  type WriteContext,
} from '../platform/write-context.ts';
import type { BannerDocument, Versioned } from './documents.ts';
import type { BannerRepository } from './ports.ts';
import { stableJson } from './stable-json.ts';

export interface BannerServiceDeps extends ServiceClock {
  banners: BannerRepository;
}

const ref = (doc: BannerDocument) => ({ banner_id: doc.id, placement: doc.placement });

export class BannerService {
  readonly #deps: BannerServiceDeps;

  constructor(deps: BannerServiceDeps) {
    this.#deps = deps;
  }

  async get(id: string): Promise<Versioned<BannerDocument>> {
    const doc = await this.#deps.banners.get(id);
    if (!doc) throw new NotFoundError('Banner', { banner_id: id });
    return doc;
  }

  async active(placement: BannerPlacement | undefined, now: Date): Promise<BannerDocument[]> {
    const banners = await this.#deps.banners.list({ placement, enabledOnly: true });
    return banners.filter((banner) => isBannerActive(banner, now)).sort(compareBanners);
  }

  async all(placement: BannerPlacement | undefined): Promise<BannerDocument[]> {
    return (await this.#deps.banners.list({ placement })).sort(compareBanners);
  }

  async create(input: BannerCreate, ctx: WriteContext): Promise<Versioned<BannerDocument>> {
    const now = this.#deps.clock();
    const doc: BannerDocument = {
      id: `bnr_${randomToken()}`,
      doc_type: 'banner',
      ...input,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const event = createEvent('BannerCreated', ref(doc), eventContext(this.#deps, ctx, now));
    return this.#deps.banners.create(doc, [event], now);
  }

  async update(id: string, patch: BannerUpdate, ctx: WriteContext): Promise<Versioned<BannerDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { banner_id: id });
      const changed = Object.entries(patch).filter(
        ([field, value]) =>
          value !== undefined && stableJson(value) !== stableJson(current[field as keyof BannerDocument]),
      );
      if (changed.length === 0) return current;
      const now = this.#deps.clock();
      const updated = { ...current, ...patch, updated_at: now.toISOString() } as BannerDocument;
      if (updated.ends_at !== null && Date.parse(updated.ends_at) <= Date.parse(updated.starts_at)) {
        throw new UnprocessableError('ends_at must be after starts_at', {
          starts_at: updated.starts_at,
          ends_at: updated.ends_at,
        });
      }
      const event = createEvent('BannerUpdated', ref(updated), eventContext(this.#deps, ctx, now));
      return this.#deps.banners.replace(updated, [event], current._etag, now);
    });
  }

  async delete(id: string, ctx: WriteContext): Promise<void> {
    await withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { banner_id: id });
      const now = this.#deps.clock();
      const event = createEvent('BannerDeleted', ref(current), eventContext(this.#deps, ctx, now));
      await this.#deps.banners.delete(current, [event], current._etag, now);
    });
  }
}

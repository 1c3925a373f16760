import type { BannerCreate, BannerPlacement, BannerUpdate } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../http/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import type { Stored } from '../platform/events/outbox.ts';
import type { BannerRepository } from './banner-repository.ts';
import type { BannerDocument } from './documents.ts';
import { randomToken } from './random-id.ts';
import { checkIfMatch, eventContext, withConcurrency, type ServiceClock, type WriteContext } from './write-context.ts';

export interface BannerServiceDeps extends ServiceClock {
  banners: BannerRepository;
}

const ref = (doc: BannerDocument) => ({ banner_id: doc.id, placement: doc.placement });

/** Highest priority first, then the most recently started, then by id (a stable order). */
function byPriority(a: BannerDocument, b: BannerDocument): number {
  return b.priority - a.priority || b.starts_at.localeCompare(a.starts_at) || a.id.localeCompare(b.id);
}

/** Enabled and now in [starts_at, ends_at). */
export function isActiveAt(banner: BannerDocument, now: Date): boolean {
  const at = now.getTime();
  return (
    banner.enabled && Date.parse(banner.starts_at) <= at && (banner.ends_at === null || at < Date.parse(banner.ends_at))
  );
}

export class BannerService {
  readonly #deps: BannerServiceDeps;

  constructor(deps: BannerServiceDeps) {
    this.#deps = deps;
  }

  async get(id: string): Promise<Stored<BannerDocument>> {
    const doc = await this.#deps.banners.get(id);
    if (!doc) throw new NotFoundError('Banner', { banner_id: id });
    return doc;
  }

  async active(placement: BannerPlacement | undefined, now: Date): Promise<BannerDocument[]> {
    const banners = await this.#deps.banners.list({ placement, enabledOnly: true });
    return banners.filter((banner) => isActiveAt(banner, now)).sort(byPriority);
  }

  async all(placement: BannerPlacement | undefined): Promise<BannerDocument[]> {
    return (await this.#deps.banners.list({ placement })).sort(byPriority);
  }

  async create(input: BannerCreate, ctx: WriteContext): Promise<Stored<BannerDocument>> {
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

  async update(id: string, patch: BannerUpdate, ctx: WriteContext): Promise<Stored<BannerDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { banner_id: id });
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

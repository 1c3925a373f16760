import type { Container } from '@azure/cosmos';
import type { BannerPlacement, DomainEvent } from '@holiday-peak-hub/contract';
import { BANNER_PARTITION } from '../platform/cosmos/containers.ts';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import { queryAll } from '../platform/cosmos/query-page.ts';
import {
  createWithOutbox,
  deleteWithOutbox,
  replaceWithOutbox,
  type OutboxDeps,
  type Stored,
} from '../platform/events/outbox.ts';
import type { BannerDocument } from './documents.ts';
import { asApiError } from './write-errors.ts';

/** Every Cosmos DB access for banners: one logical partition (`doc_type` = `banner`). */
export class BannerRepository {
  readonly container: Container;
  readonly #outbox: OutboxDeps;

  constructor(container: Container, outbox: OutboxDeps) {
    this.container = container;
    this.#outbox = outbox;
  }

  async get(id: string): Promise<Stored<BannerDocument> | undefined> {
    try {
      const { resource } = await this.container.item(id, BANNER_PARTITION).read<BannerDocument>();
      return resource && !resource.deleted_at ? resource : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Banners of a placement (or all), highest priority first: one single-partition query (a small set). */
  list(filter: { placement?: BannerPlacement | undefined; enabledOnly?: boolean }): Promise<Stored<BannerDocument>[]> {
    const where = ['c.doc_type = @pk', 'NOT IS_DEFINED(c.deleted_at)'];
    const parameters: { name: string; value: string }[] = [{ name: '@pk', value: BANNER_PARTITION }];
    if (filter.placement !== undefined) {
      where.push('c.placement = @placement');
      parameters.push({ name: '@placement', value: filter.placement });
    }
    if (filter.enabledOnly) where.push('c.enabled = true');
    return queryAll<Stored<BannerDocument>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.priority DESC`, parameters },
      BANNER_PARTITION,
    );
  }

  async create(doc: BannerDocument, events: readonly DomainEvent[], now: Date) {
    try {
      return await createWithOutbox(this.#outbox, this.container, BANNER_PARTITION, doc, events, now);
    } catch (err) {
      throw asApiError(err, 'Banner', { banner_id: doc.id });
    }
  }

  async replace(doc: BannerDocument, events: readonly DomainEvent[], etag: string, now: Date) {
    try {
      return await replaceWithOutbox(this.#outbox, this.container, BANNER_PARTITION, doc, events, etag, now);
    } catch (err) {
      throw asApiError(err, 'Banner', { banner_id: doc.id });
    }
  }

  async delete(doc: BannerDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<void> {
    try {
      await deleteWithOutbox(this.#outbox, this.container, BANNER_PARTITION, doc, events, etag, now);
    } catch (err) {
      throw asApiError(err, 'Banner', { banner_id: doc.id });
    }
  }
}

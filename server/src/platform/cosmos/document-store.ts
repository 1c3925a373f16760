import type { Container } from '@azure/cosmos';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { isNotFound } from './cosmos-errors.ts';
import {
  createWithOutbox,
  deleteWithOutbox,
  replaceWithOutbox,
  type OutboxDeps,
  type OutboxFields,
  type Stored,
} from '../events/outbox.ts';
import { asApiError } from './write-errors.ts';

/** What a kind of document is called in errors, and where it lives. */
export interface DocumentKind<D> {
  /** `Product`, `Banner`, `User`...: names the resource in 404/409 messages. */
  name: string;
  /** What a 409 (id or unique key taken) means for this kind. */
  conflict?: string;
  /** The partition key value of a document. */
  partitionOf(doc: D): string;
  /** The ids an error about this document reports. */
  detailsOf(doc: D): Record<string, unknown>;
}

/**
 * One kind of document in its container: point reads that ignore tombstones, and writes
 * that carry their events (outbox), with Cosmos DB failures (412/404/409) turned into API errors.
 * The repositories add their queries on top.
 */
export class DocumentStore<D extends OutboxFields & { id: string }> {
  readonly container: Container;
  readonly #outbox: OutboxDeps;
  readonly #kind: DocumentKind<D>;

  constructor(container: Container, outbox: OutboxDeps, kind: DocumentKind<D>) {
    this.container = container;
    this.#outbox = outbox;
    this.#kind = kind;
  }

  /** One point read; a missing document or a tombstone reads as undefined. */
  protected async read(id: string, partition: string): Promise<Stored<D> | undefined> {
    try {
      const { resource } = await this.container.item(id, partition).read<Stored<D>>();
      return resource && !resource.deleted_at ? resource : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(doc: D, events: readonly DomainEvent[], now: Date): Promise<Stored<D>> {
    try {
      return await createWithOutbox(this.#outbox, this.container, this.#kind.partitionOf(doc), doc, events, now);
    } catch (err) {
      throw asApiError(err, this.#kind, this.#kind.detailsOf(doc));
    }
  }

  async replace(doc: D, events: readonly DomainEvent[], etag: string, now: Date): Promise<Stored<D>> {
    try {
      return await replaceWithOutbox(this.#outbox, this.container, this.#kind.partitionOf(doc), doc, events, etag, now);
    } catch (err) {
      throw asApiError(err, this.#kind, this.#kind.detailsOf(doc));
    }
  }

  async delete(doc: D, events: readonly DomainEvent[], etag: string, now: Date): Promise<void> {
    try {
      await deleteWithOutbox(this.#outbox, this.container, this.#kind.partitionOf(doc), doc, events, etag, now);
    } catch (err) {
      throw asApiError(err, this.#kind, this.#kind.detailsOf(doc));
    }
  }
}

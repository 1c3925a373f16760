import type { DomainEvent } from '@holiday-peak-hub/contract';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import type { EventPublisher } from '../../platform/events/publisher.ts';
import { randomToken } from '../../platform/random.ts';
import type { Logger } from '../../ports/logger.ts';
import type { Versioned } from '../documents.ts';
import type { DocumentWrites } from '../ports.ts';

/** Where an in-memory store keeps its documents: a Map by id (e.g. a table of `MemoryTables`). */
export type DocumentTable<D> = Map<string, Versioned<D>>;

export interface MemoryStoreDeps {
  /** Gets the events of every successful write. */
  publisher: EventPublisher;
  logger: Logger;
}

/** What a kind of document is called in errors, and what must be unique among them. */
export interface MemoryKind<D> {
  /** `Product`, `Banner`...: names the resource in 404 messages. */
  name: string;
  /** What a 409 (id or unique key taken) means for this kind. */
  conflict: string;
  /** The ids an error about this document reports. */
  detailsOf(doc: D): Record<string, unknown>;
  /** Values no two documents may share, beside the id (Cosmos DB unique keys: `partition|path|value`). */
  uniqueKeys?(doc: D): string[];
}

/** A copy with JSON semantics, as storage answers: no shared references, no undefined fields. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * One kind of document in memory, with the semantics of the Cosmos DB adapters: reads and writes
 * on copies, 409 for a taken id or unique key, 412 for a stale etag, 404 for a missing document,
 * a new `_etag` on every write, and the write's events handed to the publisher once it is done.
 * Deletes remove at once (no tombstone is needed: nothing can read a half-done write here).
 */
export class MemoryDocumentStore<D extends { id: string }> implements DocumentWrites<D> {
  readonly #table: DocumentTable<D>;
  readonly #deps: MemoryStoreDeps;
  readonly #kind: MemoryKind<D>;

  constructor(kind: MemoryKind<D>, deps: MemoryStoreDeps, table: DocumentTable<D> = new Map()) {
    this.#kind = kind;
    this.#deps = deps;
    this.#table = table;
  }

  /** A copy of one document, or undefined. */
  protected read(id: string): Versioned<D> | undefined {
    const doc = this.#table.get(id);
    return doc && copy(doc);
  }

  /** Every stored document, NOT copied: for queries, which copy what they answer. */
  protected all(): Versioned<D>[] {
    return [...this.#table.values()];
  }

  /** Writes a document as it is, with no event and no check (seeding: not a domain change). */
  upsert(doc: D): Versioned<D> {
    return this.#store(doc);
  }

  async create(doc: D, events: readonly DomainEvent[], _now: Date): Promise<Versioned<D>> {
    if (this.#table.has(doc.id)) throw this.#conflict(doc);
    this.#checkUnique(doc);
    const stored = this.#store(doc);
    await this.#publish(doc.id, events);
    return stored;
  }

  async replace(doc: D, events: readonly DomainEvent[], etag: string, _now: Date): Promise<Versioned<D>> {
    this.#checkVersion(doc, etag);
    this.#checkUnique(doc);
    const stored = this.#store(doc);
    await this.#publish(doc.id, events);
    return stored;
  }

  async delete(doc: D, events: readonly DomainEvent[], etag: string, _now: Date): Promise<void> {
    this.#checkVersion(doc, etag);
    this.#table.delete(doc.id);
    await this.#publish(doc.id, events);
  }

  #store(doc: D): Versioned<D> {
    const stored = { ...copy(doc), _etag: randomToken(16) };
    this.#table.set(doc.id, stored);
    return copy(stored);
  }

  #checkVersion(doc: D, etag: string): void {
    const current = this.#table.get(doc.id);
    if (!current) throw new NotFoundError(this.#kind.name, this.#kind.detailsOf(doc));
    if (current._etag !== etag) throw new PreconditionFailedError(undefined, this.#kind.detailsOf(doc));
  }

  #checkUnique(doc: D): void {
    const keys = this.#kind.uniqueKeys?.(doc) ?? [];
    if (keys.length === 0) return;
    for (const other of this.#table.values()) {
      if (other.id === doc.id) continue;
      if (this.#kind.uniqueKeys!(other).some((key) => keys.includes(key))) throw this.#conflict(doc);
    }
  }

  #conflict(doc: D): ConflictError {
    return new ConflictError(this.#kind.conflict, this.#kind.detailsOf(doc));
  }

  /** As the outbox does after a write: a failed publish is logged, the write stands. */
  async #publish(id: string, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.#deps.publisher.publish(events);
    } catch (err) {
      this.#deps.logger.warn(
        { err, id, events: events.map((event) => event.event_id) },
        'memory store: publish failed after the write',
      );
    }
  }
}

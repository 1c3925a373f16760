import type { Container, ItemDefinition, Resource } from '@azure/cosmos';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import type { Logger } from 'pino';
import { cosmosStatus } from '../cosmos/cosmos-errors.ts';
import type { EventPublisher } from '@holiday-peak-hub/core';

/**
 * The transactional outbox, inside the document itself.
 *
 * Guarantee: an event is never lost between a write and its publication. A write stores the
 * events it causes in the SAME document (`pending_events`, keyed by event_id): one document write
 * is atomic on Cosmos DB and on the stand-in alike, so the state change and its events are saved
 * together or not at all. After the write the events are published, then removed with a patch
 * conditional on the etag just written. If the publish fails (or the process dies) they stay
 * pending, and the relay (`startOutboxRelay`) publishes them later. Deletes first write a
 * tombstone (`deleted_at`) carrying the event, publish, then delete for good; reads ignore
 * tombstones.
 *
 * Delivery is AT LEAST ONCE: a crash between publish and removal, or two writers racing on one
 * document, can publish an event twice. Consumers de-duplicate on `event_id`.
 *
 * Field names carry no leading underscore: the stand-in refuses to patch `_`-prefixed paths.
 */
export interface OutboxFields {
  pending_events?: Record<string, DomainEvent>;
  /** When the oldest pending event was stored; the relay looks for old ones. */
  pending_since?: string;
  /** Set on a tombstone: the document is deleted once its events are out. */
  deleted_at?: string;
}

export type Stored<T> = T & Resource;

export interface OutboxDeps {
  publisher: EventPublisher;
  logger: Logger;
}

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'] as const;

/** The document without Cosmos DB's system properties, ready to be written back. */
export function withoutSystemFields<T extends object>(doc: T): T {
  const copy = { ...doc } as Record<string, unknown>;
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy as T;
}

/** Adds events to the document's pending events, keeping any still waiting from an earlier write. */
export function addPending<T extends OutboxFields>(doc: T, events: readonly DomainEvent[], now: Date): T {
  if (events.length === 0) return doc;
  const pending = { ...doc.pending_events };
  for (const event of events) pending[event.event_id] = event;
  return { ...doc, pending_events: pending, pending_since: doc.pending_since ?? now.toISOString() };
}

function pendingOf(doc: OutboxFields): DomainEvent[] {
  return Object.values(doc.pending_events ?? {}).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

export interface Flushed<T> {
  /** The document as it now stands; `undefined` once a tombstone is gone. */
  doc: Stored<T> | undefined;
  /** False when the publish failed: the events stay pending. */
  published: boolean;
}

/**
 * Publishes a written document's pending events, then clears them (or, for a tombstone, deletes
 * the document). Never throws for a failed publish: the events stay pending for the relay.
 */
export async function flushPending<T extends OutboxFields & ItemDefinition>(
  deps: OutboxDeps,
  container: Container,
  partitionKey: string,
  written: Stored<T>,
): Promise<Flushed<T>> {
  const events = pendingOf(written);
  if (events.length === 0) return { doc: written.deleted_at ? undefined : written, published: true };
  try {
    await deps.publisher.publish(events);
  } catch (err) {
    deps.logger.warn(
      { err: err instanceof Error ? err.message : String(err), id: written.id, events: events.map((e) => e.event_id) },
      'outbox: publish failed, events stay pending for the relay',
    );
    return { doc: written, published: false };
  }
  return { doc: await clearPublished(deps, container, partitionKey, written), published: true };
}

/** Removes published events from the document (conditional on its etag), or deletes a tombstone. */
async function clearPublished<T extends OutboxFields & ItemDefinition>(
  deps: OutboxDeps,
  container: Container,
  partitionKey: string,
  written: Stored<T>,
): Promise<Stored<T> | undefined> {
  const item = container.item(written.id, partitionKey);
  const ifMatch = { accessCondition: { type: 'IfMatch', condition: written._etag } };
  try {
    if (written.deleted_at) {
      await item.delete(ifMatch);
      return undefined;
    }
    const { resource } = await item.patch<T>(
      [
        { op: 'remove', path: '/pending_events' },
        { op: 'remove', path: '/pending_since' },
      ],
      ifMatch,
    );
    return resource ?? written;
  } catch (err) {
    const status = cosmosStatus(err);
    // Changed meanwhile: the newer version carries these events too and its writer (or the relay) clears them.
    if (status === 412 || status === 404) return written.deleted_at ? undefined : written;
    deps.logger.warn({ err, id: written.id }, 'outbox: clearing published events failed, the relay will retry');
    return written;
  }
}

const ifMatch = (etag: string) => ({ accessCondition: { type: 'IfMatch', condition: etag } });

/** Creates a document with its events; publishes them. Cosmos errors (409...) propagate. */
export async function createWithOutbox<T extends OutboxFields & ItemDefinition>(
  deps: OutboxDeps,
  container: Container,
  partitionKey: string,
  doc: T,
  events: readonly DomainEvent[],
  now: Date,
): Promise<Stored<T>> {
  const { resource } = await container.items.create<T>(addPending(doc, events, now));
  if (!resource) throw new Error(`create of ${doc.id ?? '?'} returned no document`);
  return (await flushPending(deps, container, partitionKey, resource)).doc ?? resource;
}

/** Replaces a document (if it still has `etag`) with its events; publishes them. 412/404 propagate. */
export async function replaceWithOutbox<T extends OutboxFields & ItemDefinition>(
  deps: OutboxDeps,
  container: Container,
  partitionKey: string,
  doc: T,
  events: readonly DomainEvent[],
  etag: string,
  now: Date,
): Promise<Stored<T>> {
  const id = doc.id ?? '';
  const { resource } = await container
    .item(id, partitionKey)
    .replace<T>(withoutSystemFields(addPending(doc, events, now)), ifMatch(etag));
  if (!resource) throw new Error(`replace of ${id} returned no document`);
  return (await flushPending(deps, container, partitionKey, resource)).doc ?? resource;
}

/** Deletes a document (if it still has `etag`): tombstone with its events, publish, hard delete. */
export async function deleteWithOutbox<T extends OutboxFields & ItemDefinition>(
  deps: OutboxDeps,
  container: Container,
  partitionKey: string,
  doc: T,
  events: readonly DomainEvent[],
  etag: string,
  now: Date,
): Promise<void> {
  const tombstone = { ...doc, deleted_at: now.toISOString() };
  await replaceWithOutbox(deps, container, partitionKey, tombstone, events, etag, now);
}

import { createHash, randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import {
  startedRecord,
  verdictOn,
  type IdempotencyBegin,
  type IdempotencyRecord,
  type IdempotencyStore,
  type StoredAnswer,
} from '@holiday-peak-hub/core';
import { cosmosStatus, isNotFound } from '../cosmos/cosmos-errors.ts';
import { writeIfUnchanged } from '../cosmos/write-if-unchanged.ts';

/** A record as stored: `ttl` (seconds) lets Cosmos DB delete it when its replay window ends. */
interface IdempotencyDocument extends IdempotencyRecord {
  id: string;
  ttl: number;
  _etag?: string;
}

/**
 * The document id of a key: its SHA-256 (base64url, 43 characters). A key may hold characters an id
 * may not (`/`, `\`, `?`, `#`) and, percent-encoded, exceed the id's 255 characters; the key itself
 * is kept in the document.
 */
export function idempotencyDocumentId(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** A claim that keeps losing its conditional write is answered "in progress" (409, retry) after this many tries. */
const MAX_CLAIM_ATTEMPTS = 5;

/**
 * Idempotency records in the `idempotency_keys` container (partition `/scope`, the caller), one
 * document per key. The claim is a conditional write: `items.create` of a new key (409: someone
 * else's), `replace` with `IfMatch` of a record that is free again (its window over, or its lease
 * run out), so of concurrent requests exactly one starts. Completion and release are conditional
 * on the same etag and lease. Each document's `ttl` is the rest of its 24-hour window (the
 * container has TTL on, no default); an expired record not yet removed is treated as absent.
 */
export class CosmosIdempotencyStore implements IdempotencyStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async begin(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyBegin> {
    // Most keys are new: try the create first, and read only when it is refused.
    let current: IdempotencyDocument | undefined;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const verdict = verdictOn(current, fingerprint, now);
      if (verdict.outcome !== 'claim') return verdict;
      const lease = randomUUID();
      const doc = documentOf(startedRecord(scope, key, fingerprint, lease, now, current), now);
      if (await writeIfUnchanged(this.#container, doc, scope, current?._etag ?? null)) {
        return { outcome: 'started', lease };
      }
      current = await this.#read(scope, key);
    }
    return { outcome: 'in_progress' };
  }

  async complete(scope: string, key: string, lease: string, answer: StoredAnswer, now: Date): Promise<boolean> {
    const current = await this.#read(scope, key);
    if (current?.state !== 'started' || current.lease !== lease || !current._etag) return false;
    const doc = documentOf({ ...recordOf(current), state: 'completed', answer }, now);
    return writeIfUnchanged(this.#container, doc, scope, current._etag);
  }

  async abandon(scope: string, key: string, lease: string): Promise<void> {
    const current = await this.#read(scope, key);
    if (current?.state !== 'started' || current.lease !== lease || !current._etag) return;
    try {
      await this.#container
        .item(current.id, scope)
        .delete({ accessCondition: { type: 'IfMatch', condition: current._etag } });
    } catch (err) {
      // Gone, or taken over meanwhile: not ours to release any more.
      if (isNotFound(err) || cosmosStatus(err) === 412) return;
      throw err;
    }
  }

  async #read(scope: string, key: string): Promise<IdempotencyDocument | undefined> {
    try {
      const { resource } = await this.#container.item(idempotencyDocumentId(key), scope).read<IdempotencyDocument>();
      return resource;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

/** The record's own fields, without the store's (`id`, `ttl`, system properties). */
function recordOf(doc: IdempotencyDocument): IdempotencyRecord {
  const { scope, key, fingerprint, state, lease, lease_until, expires_at, answer } = doc;
  return { scope, key, fingerprint, state, lease, lease_until, expires_at, ...(answer ? { answer } : {}) };
}

/** The document of a record, its `ttl` counted from this write (Cosmos DB counts from the last write). */
function documentOf(record: IdempotencyRecord, now: Date): IdempotencyDocument {
  const ttl = Math.max(1, Math.ceil((record.expires_at - now.getTime()) / 1000));
  return { id: idempotencyDocumentId(record.key), ...record, ttl };
}

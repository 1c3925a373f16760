import { randomToken } from '../random.ts';
import {
  startedRecord,
  verdictOn,
  type IdempotencyBegin,
  type IdempotencyRecord,
  type IdempotencyStore,
  type StoredAnswer,
} from './idempotency-store.ts';

/** Where the in-memory records live: by scope and key (e.g. a table of `MemoryTables`). */
export type IdempotencyTable = Map<string, IdempotencyRecord>;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const id = (scope: string, key: string) => `${scope}\n${key}`;

/** Expired records are swept every this many claims, so the table does not grow without end. */
const SWEEP_EVERY = 1000;

/**
 * Idempotency records in a Map: a claim reads and writes in one synchronous step, so of concurrent
 * requests exactly one starts, as a conditional write makes it on Cosmos DB.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #table: IdempotencyTable;
  #claims = 0;

  constructor(table: IdempotencyTable = new Map()) {
    this.#table = table;
  }

  begin(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyBegin> {
    this.#sweep(now);
    const current = this.#table.get(id(scope, key));
    const verdict = verdictOn(current, fingerprint, now);
    if (verdict.outcome !== 'claim') return Promise.resolve(copy(verdict));
    const lease = randomToken(16);
    this.#table.set(id(scope, key), startedRecord(scope, key, fingerprint, lease, now, current));
    return Promise.resolve({ outcome: 'started', lease });
  }

  complete(scope: string, key: string, lease: string, answer: StoredAnswer): Promise<boolean> {
    const current = this.#table.get(id(scope, key));
    if (current?.state !== 'started' || current.lease !== lease) return Promise.resolve(false);
    this.#table.set(id(scope, key), { ...current, state: 'completed', answer: copy(answer) });
    return Promise.resolve(true);
  }

  abandon(scope: string, key: string, lease: string): Promise<void> {
    const current = this.#table.get(id(scope, key));
    if (current?.state === 'started' && current.lease === lease) this.#table.delete(id(scope, key));
    return Promise.resolve();
  }

  #sweep(now: Date): void {
    this.#claims += 1;
    if (this.#claims % SWEEP_EVERY !== 0) return;
    for (const [name, record] of this.#table) if (now.getTime() >= record.expires_at) this.#table.delete(name);
  }
}

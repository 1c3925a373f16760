import type { Container, ItemDefinition } from '@azure/cosmos';
import type { Logger } from 'pino';
import { flushPending, type OutboxFields, type Stored } from './outbox.ts';
import type { EventPublisher } from '@holiday-peak-hub/core';

export interface OutboxSource {
  container: Container;
  /** The document field holding the partition key value (`category_slug`, `doc_type`). */
  partitionKeyField: string;
}

export interface OutboxRelayOptions {
  sources: readonly OutboxSource[];
  publisher: EventPublisher;
  logger: Logger;
  clock: () => Date;
  /** How often to look for leftovers. */
  intervalMs?: number;
  /** Only events pending longer than this are republished (younger ones belong to a write in flight). */
  olderThanMs?: number;
}

export interface OutboxRelay {
  /** One sweep now; resolves with the number of documents flushed. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

type Pending = OutboxFields & ItemDefinition & Record<string, unknown>;

/**
 * Crash recovery for the outbox: republishes events a write could not publish (publisher down,
 * process killed between write and publish). The sweep is a cross-partition query on an indexed
 * field, run in the background; with several instances the same leftover may go out twice, which
 * at-least-once delivery allows (consumers de-duplicate on event_id).
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const intervalMs = options.intervalMs ?? 5_000;
  const olderThanMs = options.olderThanMs ?? 10_000;
  const deps = { publisher: options.publisher, logger: options.logger };
  let running: Promise<number> | undefined;

  async function sweep(source: OutboxSource): Promise<number> {
    const cutoff = new Date(options.clock().getTime() - olderThanMs).toISOString();
    const { resources } = await source.container.items
      .query<Stored<Pending>>({
        query: 'SELECT * FROM c WHERE IS_DEFINED(c.pending_since) AND c.pending_since <= @cutoff',
        parameters: [{ name: '@cutoff', value: cutoff }],
      })
      .fetchAll();
    let flushed = 0;
    for (const doc of resources) {
      const partitionKey: unknown = (doc as Record<string, unknown>)[source.partitionKeyField];
      if (typeof partitionKey !== 'string') continue;
      const after = await flushPending(deps, source.container, partitionKey, doc);
      // The transport is down: the rest waits for the next sweep rather than failing one by one.
      if (!after.published) break;
      if (after.doc === undefined || after.doc.pending_events === undefined) flushed += 1;
    }
    if (flushed > 0)
      options.logger.info({ container: source.container.id, flushed }, 'outbox relay: leftovers published');
    return flushed;
  }

  async function runAll(): Promise<number> {
    let total = 0;
    for (const source of options.sources) {
      try {
        total += await sweep(source);
      } catch (err) {
        options.logger.warn({ err, container: source.container.id }, 'outbox relay: sweep failed');
      }
    }
    return total;
  }

  function runOnce(): Promise<number> {
    running ??= runAll().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    void runOnce();
  }, intervalMs);
  timer.unref();

  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      if (running) await running;
    },
  };
}

import {
  earliestEventPosition,
  type CheckpointStore,
  type EventHubConsumerClient,
  type PartitionContext,
  type ReceivedEventData,
  type Subscription,
} from '@azure/event-hubs';
import { isEventType, parseEvent } from '@holiday-peak-hub/contract';
import { applyEvent, topicsOf, type Applied, type EventConsumer } from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import type { DeadLetterStore } from './dead-letters.ts';
import type { EventHubsConnection, LoadBalancing } from './event-hubs-connection.ts';
import { CLOSE_TIMEOUT_MS, within } from './within.ts';

export interface RetryPolicy {
  /** Tries of one event before it is dead-lettered. */
  attempts: number;
  /** Pauses grow from this, doubling, with full jitter... */
  baseDelayMs: number;
  /** ...up to this. */
  maxDelayMs: number;
}

export interface ConsumerRunOptions {
  consumer: EventConsumer;
  connection: EventHubsConnection;
  /** Required for a `shared` consumer: where it checkpoints (and where KEDA reads its lag). */
  checkpointStore?: CheckpointStore;
  deadLetters: DeadLetterStore;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** Events per batch handed over by the client; a checkpoint is written after each batch. */
  maxBatchSize?: number;
  maxWaitTimeInSeconds?: number;
  /** How often the lag of each partition is logged; 0 turns it off. */
  lagIntervalMs?: number;
  /** Partition sharing among the processes of a `shared` consumer. */
  loadBalancing?: LoadBalancing;
}

export type Outcome = Applied | 'dead-lettered';

export interface PartitionLag {
  hub: string;
  partitionId: string;
  /** Events enqueued on the partition that this process has not handled yet. */
  lag: number;
}

export interface RunningConsumer {
  readonly name: string;
  /** Events handled by outcome since the start (applied counts state changes, not deliveries). */
  readonly counts: Record<Outcome, number>;
  /** Lag of every partition this process has handled events of. */
  lag(): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

/**
 * An `every-replica` consumer starts a little before its process did: its links attach after the
 * process has begun serving (and caching), and the hub's clock may differ from ours. Events from
 * before are applied again, which such consumers allow.
 */
const EVERY_REPLICA_LOOKBACK_MS = 30_000;

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 };

const pause = (policy: RetryPolicy, tries: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1))),
  );

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs one consumer on Event Hubs, on every hub its event types travel on.
 *
 * - `shared` consumers use the consumer group named after them with the Blob checkpoint store:
 *   the processes running them share the partitions, start where the group's checkpoint is (the
 *   earliest event when there is none) and checkpoint after each batch. A process killed
 *   mid-batch leaves the batch unchecked, so it is delivered again: handlers are idempotent.
 * - `every-replica` consumers read every partition from the events enqueued since shortly before
 *   the process started, without checkpoints.
 *
 * Each event is checked against its contract schema and applied by the consumer's handler for its
 * type; events of types it does not handle are skipped unparsed. A body that is no valid event, or
 * an event still failing after the retries (growing random pauses), goes to the dead letters with
 * the reason, and the partition moves on. Only a failure to record a dead letter stops the batch:
 * the client then restarts the partition from its last checkpoint.
 */
export function runEventHubsConsumer(options: ConsumerRunOptions): RunningConsumer {
  const { consumer, logger } = options;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const shared = consumer.delivery === 'shared';
  if (shared && !options.checkpointStore) throw new Error(`consumer ${consumer.name}: a checkpoint store is required`);
  const counts: Record<Outcome, number> = { applied: 0, 'already-applied': 0, ignored: 0, 'dead-lettered': 0 };
  /** Last sequence number handled, per hub and partition. */
  const positions = new Map<string, Map<string, number>>();
  const clients: { hub: string; client: EventHubConsumerClient; subscription: Subscription }[] = [];
  const startedAt = Date.now();

  async function deadLetter(
    hub: string,
    context: PartitionContext,
    received: ReceivedEventData,
    reason: string,
    attempts: number,
  ): Promise<Outcome> {
    const body = received.body as { event_id?: unknown; event_type?: unknown } | null;
    const letter = {
      id: `${consumer.name}:${hub}:${context.partitionId}:${received.sequenceNumber}`,
      consumer: consumer.name,
      hub,
      partition_id: context.partitionId,
      sequence_number: received.sequenceNumber,
      event_id: typeof body?.event_id === 'string' ? body.event_id : null,
      event_type: typeof body?.event_type === 'string' ? body.event_type : null,
      reason,
      attempts,
      body: received.body as unknown,
      dead_lettered_at: new Date().toISOString(),
    };
    for (let tries = 1; ; tries += 1) {
      try {
        await options.deadLetters.put(letter);
        break;
      } catch (err) {
        if (tries >= retry.attempts) throw err;
        await pause(retry, tries);
      }
    }
    logger.error(
      {
        consumer: consumer.name,
        hub,
        partition: context.partitionId,
        sequence_number: received.sequenceNumber,
        reason,
      },
      'event dead-lettered',
    );
    return 'dead-lettered';
  }

  async function handle(hub: string, context: PartitionContext, received: ReceivedEventData): Promise<Outcome> {
    const type = (received.body as { event_type?: unknown } | null)?.event_type;
    if (isEventType(type) && !Object.hasOwn(consumer.handlers, type)) return 'ignored';
    const parsed = parseEvent(received.body);
    if (!parsed.ok) return deadLetter(hub, context, received, parsed.reason, 0);
    const event = parsed.event;
    const ids = {
      consumer: consumer.name,
      hub,
      partition: context.partitionId,
      sequence_number: received.sequenceNumber,
      event_id: event.event_id,
      event_type: event.event_type,
      correlation_id: event.correlation_id,
      causation_id: event.causation_id,
    };
    for (let tries = 1; ; tries += 1) {
      try {
        const outcome = await applyEvent(consumer, event);
        logger.info({ ...ids, outcome, tries }, 'event consumed');
        return outcome;
      } catch (err) {
        logger.warn({ ...ids, tries, err: errorMessage(err) }, 'event handler failed');
        if (tries >= retry.attempts) {
          return deadLetter(hub, context, received, `failed ${tries} times: ${errorMessage(err)}`, tries);
        }
        await pause(retry, tries);
      }
    }
  }

  for (const hub of topicsOf(consumer)) {
    const client = options.connection.consumer(
      hub,
      consumer.name,
      shared ? options.checkpointStore : undefined,
      options.loadBalancing,
    );
    const handled = new Map<string, number>();
    positions.set(hub, handled);
    const subscription = client.subscribe(
      {
        processEvents: async (events, context) => {
          if (events.length === 0) return;
          for (const received of events) {
            const outcome = await handle(hub, context, received);
            counts[outcome] += 1;
            handled.set(context.partitionId, received.sequenceNumber);
          }
          if (shared) await context.updateCheckpoint(events[events.length - 1]!);
        },
        processError: (err, context) => {
          logger.warn(
            { consumer: consumer.name, hub, partition: context.partitionId, err: errorMessage(err) },
            'consumer error',
          );
          return Promise.resolve();
        },
        processInitialize: (context) => {
          logger.info({ consumer: consumer.name, hub, partition: context.partitionId }, 'consumer: partition claimed');
          return Promise.resolve();
        },
      },
      {
        startPosition: shared ? earliestEventPosition : { enqueuedOn: startedAt - EVERY_REPLICA_LOOKBACK_MS },
        maxBatchSize: options.maxBatchSize ?? 100,
        maxWaitTimeInSeconds: options.maxWaitTimeInSeconds ?? 1,
      },
    );
    clients.push({ hub, client, subscription });
  }
  logger.info(
    {
      consumer: consumer.name,
      delivery: consumer.delivery,
      hubs: clients.map((c) => c.hub),
      types: Object.keys(consumer.handlers),
    },
    'consumer started',
  );

  async function lag(): Promise<PartitionLag[]> {
    const lags: PartitionLag[] = [];
    for (const { hub, client } of clients) {
      for (const [partitionId, position] of positions.get(hub) ?? []) {
        const properties = await client.getPartitionProperties(partitionId);
        lags.push({ hub, partitionId, lag: Math.max(0, properties.lastEnqueuedSequenceNumber - position) });
      }
    }
    return lags;
  }

  const lagIntervalMs = options.lagIntervalMs ?? 30_000;
  const timer =
    lagIntervalMs > 0
      ? setInterval(() => {
          lag().then(
            (lags) => {
              for (const entry of lags) logger.info({ consumer: consumer.name, ...entry }, 'consumer lag');
            },
            (err: unknown) => logger.warn({ consumer: consumer.name, err: errorMessage(err) }, 'consumer lag unknown'),
          );
        }, lagIntervalMs)
      : undefined;
  timer?.unref();

  return {
    name: consumer.name,
    counts,
    lag,
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all(
        clients.map(async ({ hub, subscription, client }) => {
          const closing = (async () => {
            await subscription.close();
            await client.close();
          })();
          // Shutdown is bounded: a close that hangs on the wire (seen under heavy load) must not hold the process.
          const bounded = await within(closing, CLOSE_TIMEOUT_MS);
          if (!bounded) logger.warn({ consumer: consumer.name, hub }, 'consumer: close timed out, leaving it');
        }),
      );
    },
  };
}

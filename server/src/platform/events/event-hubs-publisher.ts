import type { EventData, EventHubProducerClient } from '@azure/event-hubs';
import { aggregateIdOf, EVENT_TOPICS, EVENTS, type DomainEvent } from '@holiday-peak-hub/contract';
import type { EventPublisher } from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import type { EventHubsConnection } from './event-hubs-connection.ts';
import { CLOSE_TIMEOUT_MS, within } from './within.ts';

export interface EventHubsPublisherOptions {
  /**
   * After a failed send, publishing fails at once for this long (the outbox keeps the events; the
   * relay retries); then one publish at a time tries the hub while the others still fail at once,
   * until one succeeds. So while the hub is away, writes do not wait for it.
   */
  cooldownMs?: number;
  now?: () => number;
}

/** The message of one event: the envelope as JSON body, its id as `messageId`, what consumers filter on as properties. */
export function toEventData(event: DomainEvent): EventData {
  return {
    body: event,
    messageId: event.event_id,
    contentType: 'application/json',
    correlationId: event.correlation_id,
    properties: {
      event_type: event.event_type,
      event_version: event.event_version,
      source: event.source,
      ...(event.causation_id === null ? {} : { causation_id: event.causation_id }),
    },
  };
}

/**
 * Publishes to Azure Event Hubs: one hub per event family (`EVENTS[type].topic`), partition key =
 * the aggregate's id, so one product's (or user's) events stay in order on one partition. Events
 * of one aggregate go in batches sized by the client, sent one after the other; different
 * aggregates are sent concurrently. Rejects when any send fails; the caller (the outbox) keeps
 * the events and the relay publishes them again, so a consumer may see an event twice.
 */
export class EventHubsPublisher implements EventPublisher {
  readonly #producers: Map<string, EventHubProducerClient>;
  readonly #logger: Logger;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  /** After a failed send: no publish before this time, then one probe at a time until a send succeeds. */
  #failingUntil: number | undefined;
  #probing = false;

  constructor(connection: EventHubsConnection, logger: Logger, options: EventHubsPublisherOptions = {}) {
    this.#producers = new Map(EVENT_TOPICS.map((hub) => [hub, connection.producer(hub)]));
    this.#logger = logger;
    this.#cooldownMs = options.cooldownMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const failingUntil = this.#failingUntil;
    const failing = failingUntil !== undefined;
    if (failing && (this.#probing || this.#now() < failingUntil)) {
      throw new Error('Event Hubs is failing: not trying again yet (the events stay in the outbox)');
    }
    const groups = new Map<string, { hub: string; key: string; events: DomainEvent[] }>();
    for (const event of events) {
      const hub = EVENTS[event.event_type].topic;
      const key = aggregateIdOf(event);
      const group = groups.get(`${hub}\n${key}`) ?? { hub, key, events: [] };
      group.events.push(event);
      groups.set(`${hub}\n${key}`, group);
    }
    this.#probing = failing;
    try {
      await Promise.all([...groups.values()].map((group) => this.#send(group.hub, group.key, group.events)));
      this.#failingUntil = undefined;
    } catch (err) {
      this.#failingUntil = this.#now() + this.#cooldownMs;
      throw err;
    } finally {
      this.#probing = false;
    }
  }

  async #send(hub: string, partitionKey: string, events: DomainEvent[]): Promise<void> {
    const producer = this.#producer(hub);
    let batch = await producer.createBatch({ partitionKey });
    for (const event of events) {
      if (batch.tryAdd(toEventData(event))) continue;
      if (batch.count === 0) throw new Error(`event ${event.event_id} is larger than a batch may be`);
      await producer.sendBatch(batch);
      batch = await producer.createBatch({ partitionKey });
      if (!batch.tryAdd(toEventData(event))) throw new Error(`event ${event.event_id} is larger than a batch may be`);
    }
    await producer.sendBatch(batch);
    for (const event of events) {
      this.#logger.info(
        {
          event_id: event.event_id,
          event_type: event.event_type,
          correlation_id: event.correlation_id,
          causation_id: event.causation_id,
          hub,
          partition_key: partitionKey,
        },
        'event published',
      );
    }
  }

  #producer(hub: string): EventHubProducerClient {
    const producer = this.#producers.get(hub);
    if (!producer) throw new Error(`no Event Hub for ${hub}`);
    return producer;
  }

  /** Readiness: every hub answers for its properties within `timeoutMs`. */
  async check(timeoutMs = 2_000): Promise<void> {
    const abortSignal = AbortSignal.timeout(timeoutMs);
    await Promise.all([...this.#producers.values()].map((producer) => producer.getEventHubProperties({ abortSignal })));
  }

  async close(): Promise<void> {
    const closed = await within(
      Promise.all([...this.#producers.values()].map((producer) => producer.close())),
      CLOSE_TIMEOUT_MS,
    );
    if (!closed) this.#logger.warn('event hubs publisher: close timed out, leaving it');
  }
}

import { EVENTS, type DomainEvent, type EventOf, type EventTopic, type EventType } from '@holiday-peak-hub/contract';
import type { InProcessEventBus } from './in-process-event-bus.ts';

/** What applying one event did: changed state, found it already applied (a redelivery), or had nothing to do. */
export type Applied = 'applied' | 'already-applied' | 'ignored';

/** A consumer's handler per event type, typed by the contract's schemas. */
export type EventHandlers = { [K in EventType]?: (event: EventOf<K>) => Promise<Applied> };

/**
 * Something the API does in reaction to events, whatever carries them (the in-process bus in the
 * embedded default and the mocks, Event Hubs in production). Delivery is at least once and only
 * one aggregate's events are in order, so every handler must be idempotent (record the event id
 * with the state change, or make the change one that a repeat cannot alter) and must not assume
 * that events of different aggregates arrive in the order they happened.
 */
export interface EventConsumer {
  /** Its consumer group on Event Hubs, and the owner of its checkpoints and dead letters. */
  name: string;
  /**
   * `shared`: the processes running it share the partitions and checkpoint, so each event is
   * applied by one of them. `every-replica`: every API process applies every event (from shortly
   * before it started), without checkpoints (for state each process holds, such as its read cache).
   */
  delivery: 'shared' | 'every-replica';
  handlers: EventHandlers;
}

/** The Event Hubs a consumer reads: those of the event types it handles. */
export function topicsOf(consumer: EventConsumer): EventTopic[] {
  const types = Object.keys(consumer.handlers) as EventType[];
  return [...new Set(types.map((type) => EVENTS[type].topic))];
}

/** Applies one (already validated) event with the consumer's handler for its type; `ignored` without one. */
export function applyEvent(consumer: EventConsumer, event: DomainEvent): Promise<Applied> {
  const handler = consumer.handlers[event.event_type] as ((e: DomainEvent) => Promise<Applied>) | undefined;
  return handler ? handler(event) : Promise.resolve('ignored');
}

/**
 * Runs consumers on the in-process bus: each published event is applied by each consumer before
 * the publish resolves (a failure is the bus's to log). Returns the unsubscribe function.
 */
export function subscribeInProcess(bus: InProcessEventBus, consumers: readonly EventConsumer[]): () => void {
  return bus.subscribe(async (event) => {
    for (const consumer of consumers) await applyEvent(consumer, event);
  });
}

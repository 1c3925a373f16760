import { EVENTS, type EventData, type EventOf, type EventType } from '@holiday-peak-hub/contract';

export interface EventContext {
  /** Who publishes (`EVENT_SOURCE`). */
  source: string;
  /** The request id of the HTTP call that caused the event. */
  correlationId: string;
  /** The event that caused this one, if any. */
  causationId?: string | null;
  now: Date;
}

/** A domain event in the design document's envelope, checked against its contract schema. */
export function createEvent<K extends EventType>(type: K, data: EventData<K>, context: EventContext): EventOf<K> {
  const event = {
    event_id: crypto.randomUUID(),
    event_type: type,
    event_version: '1.0',
    timestamp: context.now.toISOString(),
    source: context.source,
    data,
    correlation_id: context.correlationId,
    causation_id: context.causationId ?? null,
  };
  return EVENTS[type].schema.parse(event) as EventOf<K>;
}

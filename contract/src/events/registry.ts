import type * as z from 'zod';
import { CATALOG_EVENTS } from './catalog.ts';
import { IDENTITY_EVENTS } from './identity.ts';
import { ORDER_EVENTS } from './orders.ts';
import { PROMOTION_EVENTS } from './promotions.ts';

/**
 * Every domain event of the API, by type: its Event Hub (`topic`), the data field naming its
 * aggregate (`key`, the partition key) and its envelope schema.
 */
export const EVENTS = { ...CATALOG_EVENTS, ...IDENTITY_EVENTS, ...PROMOTION_EVENTS, ...ORDER_EVENTS } as const;

export type EventType = keyof typeof EVENTS;
export type EventOf<K extends EventType> = z.infer<(typeof EVENTS)[K]['schema']>;
export type EventData<K extends EventType> = EventOf<K>['data'];
export type DomainEvent = { [K in EventType]: EventOf<K> }[EventType];
export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];
/** The Event Hubs the events travel on, one per event family. */
export type EventTopic = (typeof EVENTS)[EventType]['topic'];
export const EVENT_TOPICS = [...new Set(EVENT_TYPES.map((type) => EVENTS[type].topic))] as EventTopic[];

/** The id of the aggregate an event is about: its partition key on Event Hubs. */
export function aggregateIdOf(event: DomainEvent): string {
  const { key } = EVENTS[event.event_type];
  return (event.data as Record<string, unknown>)[key] as string;
}

/** True for a known event type (a string from the wire is not yet one). */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENTS, value);
}

export type EventParse = { ok: true; event: DomainEvent } | { ok: false; reason: string };

/** Checks a received body against its event type's envelope schema. */
export function parseEvent(body: unknown): EventParse {
  const type = (body as { event_type?: unknown } | null)?.event_type;
  if (!isEventType(type)) return { ok: false, reason: `unknown event_type ${JSON.stringify(type ?? null)}` };
  const result = EVENTS[type].schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, reason: `invalid ${type}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
  }
  return { ok: true, event: result.data };
}

import type { DomainEvent, EventType } from './gen/types.gen.js';

/** The event of one type (or of several): `EventOf<'InventoryUpdated'>`. */
export type EventOf<T extends EventType> = Extract<DomainEvent, { event_type: T }>;

/**
 * True when the event is of one of `types`, narrowing it: for `.filter()` and early returns
 * (`switch (event.event_type)` narrows by itself). Types only: the body is not validated.
 */
export function isEventOf<const T extends EventType>(event: DomainEvent, ...types: T[]): event is EventOf<T> {
  return (types as readonly EventType[]).includes(event.event_type);
}

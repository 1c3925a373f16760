import type * as z from 'zod';
import { CATALOG_EVENTS } from './catalog.ts';
import { IDENTITY_EVENTS } from './identity.ts';

/** Every domain event of the API, by type: its Event Hubs topic and its envelope schema. */
export const EVENTS = { ...CATALOG_EVENTS, ...IDENTITY_EVENTS } as const;

export type EventType = keyof typeof EVENTS;
export type EventOf<K extends EventType> = z.infer<(typeof EVENTS)[K]['schema']>;
export type EventData<K extends EventType> = EventOf<K>['data'];
export type DomainEvent = { [K in EventType]: EventOf<K> }[EventType];
export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];

import { CATALOG_EVENTS, type CatalogEventType } from './catalog.ts';
import { EVENTS, type EventTopic, type EventType } from './registry.ts';

/**
 * How the processes of one consumer group share the events. `shared`: they share the partitions
 * and the group's checkpoints (in Blob Storage), so each event is applied by one of them.
 * `every-replica`: every process applies every event published from about the time it started,
 * without checkpoints (for state each process holds for itself, such as its read cache).
 */
export type ConsumerDelivery = 'shared' | 'every-replica';

/** A consumer group of the API itself on Event Hubs: its name, delivery and the event types it handles. */
export interface ConsumerGroup {
  /** The consumer group on Event Hubs (created by the operator), also the owner of its checkpoints and dead letters. */
  readonly name: string;
  readonly delivery: ConsumerDelivery;
  /** The event types its handlers apply; events of other types on its hubs are skipped. */
  readonly types: readonly EventType[];
  /** The events its handlers publish in reaction (the SAGA's next steps); none when absent. */
  readonly publishes?: readonly EventType[];
  readonly description: string;
}

const USER_EVENT_TYPES = ['UserCreated', 'UserUpdated', 'UserDeleted'] as const satisfies readonly EventType[];

/**
 * The API's own consumer groups. The consumers of the core take their name and delivery from here,
 * and the AsyncAPI document describes each as `receive` operations. Partner and agent services
 * read the hubs in consumer groups of their own.
 */
export const CONSUMER_GROUPS = {
  audit: {
    name: 'audit',
    delivery: 'shared',
    types: USER_EVENT_TYPES,
    description:
      'The audit trail: writes one `audit_logs` entry per admin action on another account (user events that carry ' +
      '`actor`), with an id derived from the event id, so a redelivered event adds none. Run by the API, or apart by ' +
      '`npm run consumers`.',
  },
  'catalog-cache': {
    name: 'catalog-cache',
    delivery: 'every-replica',
    types: Object.keys(CATALOG_EVENTS) as CatalogEventType[],
    description:
      "Read-cache coherence: every API replica clears its own catalog read caches on every catalog event, whichever replica wrote. Not run when the replicas share a Redis cache (the writer's own clearing is enough then).",
  },
  'order-saga': {
    name: 'order-saga',
    delivery: 'shared',
    types: ['PaymentAuthorized', 'PaymentProcessed'],
    publishes: ['PaymentProcessed', 'PaymentVoided', 'RefundProcessed', 'ShipmentScheduled', 'OrderStatusChanged'],
    description:
      'The order SAGA: captures an authorized payment of an order whose stock is reserved (the order is then paid), or ' +
      'voids it when the order was cancelled meanwhile; schedules the shipment of a paid order (the order is then ' +
      'processing). Each step re-reads the order and acts on its state, so a redelivery or an event arriving early changes nothing twice.',
  },
  'order-accounts': {
    name: 'order-accounts',
    delivery: 'shared',
    types: USER_EVENT_TYPES,
    description:
      "Orders and accounts: links a guest's past orders to an account once the account's email is verified (never on " +
      'an unverified one), and de-identifies the orders of an erased account (email, address, client metadata), keeping lines, totals and status.',
  },
} as const satisfies Record<string, ConsumerGroup>;

export type ConsumerGroupName = keyof typeof CONSUMER_GROUPS;

/** The Event Hubs a consumer group reads: those its event types travel on, in registry order. */
export function topicsOfGroup(group: ConsumerGroup): EventTopic[] {
  return [...new Set(group.types.map((type) => EVENTS[type].topic))];
}

/**
 * The SDK's event types, generated from contract/asyncapi.json: checked by the compiler (`npm run
 * typecheck` compiles this file: `expectTypeOf` and `@ts-expect-error` fail it there), and at run
 * time where a value can say it.
 */
import {
  EVENT_TYPES,
  EVENT_TOPICS,
  type DomainEvent as ContractEvent,
  type EventOf as ContractEventOf,
  type EventTopic as ContractEventTopic,
  type EventType as ContractEventType,
} from '@holiday-peak-hub/contract';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isEventOf, type EventOf } from './events.ts';
import type { DomainEvent, EventHub, EventType, InventoryUpdated, UserUpdated } from './index.ts';

/** Mutually assignable: the same shape, however each side spells it. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const inventoryUpdated: InventoryUpdated = {
  event_id: '6f1c1f0e-7f5b-4a0e-9d61-3b6f2f3e9a10',
  event_type: 'InventoryUpdated',
  event_version: '1.0',
  timestamp: '2026-01-25T10:45:00.000Z',
  source: 'holiday-peak-hub-api',
  data: {
    product_id: 'electronics-laptops.prd7k2m9q4x1',
    category_slug: 'electronics-laptops',
    sku: 'LAP-001',
    variant_id: 'v1',
    previous_stock: 12,
    stock: 4,
    status: 'low_stock',
  },
  correlation_id: 'req_01JH8ZK3Q5R7',
  causation_id: null,
};

const userUpdated: UserUpdated = {
  ...inventoryUpdated,
  event_type: 'UserUpdated',
  data: { user_id: 'usr_0123456789abcdef', role: 'staff', changed_fields: ['role'], previous_role: 'customer' },
};

/** What a consumer does with an event, by type: the compiler narrows `event.data` in each case. */
function describeEvent(event: DomainEvent): string {
  // @ts-expect-error -- before narrowing, `data` is the union: not every event has `stock`.
  void event.data.stock;
  switch (event.event_type) {
    case 'InventoryUpdated':
      expectTypeOf(event).toEqualTypeOf<InventoryUpdated>();
      expectTypeOf(event.data.stock).toEqualTypeOf<number>();
      return `${event.data.sku}: ${event.data.previous_stock} → ${event.data.stock}`;
    case 'UserUpdated':
      expectTypeOf(event.data.previous_role).toEqualTypeOf<'customer' | 'staff' | 'admin' | undefined>();
      // @ts-expect-error -- user events carry no product.
      void event.data.product_id;
      return `${event.data.user_id}: ${event.data.changed_fields.join(', ')}`;
    case 'CategoryCreated':
    case 'CategoryUpdated':
    case 'CategoryDeleted':
      expectTypeOf(event.data.parent_slug).toEqualTypeOf<string | null>();
      return event.data.slug;
    default:
      return event.event_type;
  }
}

describe('event types', () => {
  it('narrow on event_type in a switch', () => {
    expect(describeEvent(inventoryUpdated)).toBe('LAP-001: 12 → 4');
    expect(describeEvent(userUpdated)).toBe('usr_0123456789abcdef: role');
  });

  it('narrow with isEventOf, for filters', () => {
    const events: DomainEvent[] = [inventoryUpdated, userUpdated];
    const users = events.filter((event) => isEventOf(event, 'UserCreated', 'UserUpdated', 'UserDeleted'));
    expectTypeOf(users).toEqualTypeOf<EventOf<'UserCreated' | 'UserUpdated' | 'UserDeleted'>[]>();
    expect(users).toEqual([userUpdated]);
    expect(isEventOf(inventoryUpdated, 'InventoryUpdated')).toBe(true);
    expect(isEventOf(inventoryUpdated, 'ProductUpdated')).toBe(false);
    expectTypeOf<EventOf<'InventoryUpdated'>>().toEqualTypeOf<InventoryUpdated>();
  });

  it("are the contract's: the same event types, hubs and shapes", () => {
    expectTypeOf<Same<EventType, ContractEventType>>().toEqualTypeOf<true>();
    expectTypeOf<Same<EventHub, ContractEventTopic>>().toEqualTypeOf<true>();
    expectTypeOf<Same<DomainEvent, ContractEvent>>().toEqualTypeOf<true>();
    expectTypeOf<{ [K in EventType]: Same<EventOf<K>, ContractEventOf<K>> }[EventType]>().toEqualTypeOf<true>();
    // The contract's lists of types and hubs are lists of the SDK's.
    const types: readonly EventType[] = EVENT_TYPES;
    const hubs: readonly EventHub[] = EVENT_TOPICS;
    expect(types).toContain('InventoryUpdated');
    expect(hubs).toEqual([
      'product-events',
      'user-events',
      'promotion-events',
      'order-events',
      'inventory-events',
      'payment-events',
      'shipping-events',
    ]);
  });
});

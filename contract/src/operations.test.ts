import { describe, expect, it } from 'vitest';
import { CONSUMER_GROUPS } from './events/consumer-groups.ts';
import { EVENT_TYPES, type EventType } from './events/registry.ts';
import type { Operation } from './operation.ts';
import { operations } from './operations.ts';

describe('operations', () => {
  it('have unique operation ids and method + path pairs', () => {
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    expect(new Set(operations.map((op) => `${op.method} ${op.path}`)).size).toBe(operations.length);
  });

  it('publish only known event types, and every event type is published by some operation or consumer', () => {
    const byConsumers: readonly string[] = Object.values(CONSUMER_GROUPS).flatMap((group): readonly EventType[] =>
      'publishes' in group ? group.publishes : [],
    );
    const published = [...operations.flatMap((op: Operation) => op.publishes ?? []), ...byConsumers];
    expect(published.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type))).toEqual([]);
    expect(EVENT_TYPES.filter((type) => !published.includes(type))).toEqual([]);
  });
});

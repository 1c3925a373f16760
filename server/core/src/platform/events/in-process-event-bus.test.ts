import type { DomainEvent } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createEvent } from './create-event.ts';
import { InProcessEventBus } from './in-process-event-bus.ts';

const make = () =>
  createEvent(
    'CategoryCreated',
    { slug: 'toys', parent_slug: null },
    { source: 'test', correlationId: 'req-9', now: new Date('2026-11-01T00:00:00Z') },
  );

describe('InProcessEventBus', () => {
  it('hands every event to every subscriber, in order, until unsubscribed', async () => {
    const bus = new InProcessEventBus(pino({ level: 'silent' }));
    const seen: string[] = [];
    const unsubscribe = bus.subscribe((e: DomainEvent) => {
      seen.push(e.event_id);
    });
    const [a, b] = [make(), make()];
    await bus.publish([a, b]);
    unsubscribe();
    await bus.publish([make()]);
    expect(seen).toEqual([a.event_id, b.event_id]);
  });

  it('logs each event, and a failing subscriber does not fail the publish', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const bus = new InProcessEventBus(logger);
    const later: string[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe((e) => {
      later.push(e.event_type);
    });
    await expect(bus.publish([make()])).resolves.toBeUndefined();
    expect(later).toEqual(['CategoryCreated']);
    expect(
      lines.some((line) => line.includes('"event_type":"CategoryCreated"') && line.includes('event published')),
    ).toBe(true);
    expect(lines.some((line) => line.includes('event subscriber failed'))).toBe(true);
  });
});

import type { DomainEvent } from '@holiday-peak-hub/contract';
import type { Logger } from '../../ports/logger.ts';
import type { EventPublisher } from './publisher.ts';

export type EventListener = (event: DomainEvent) => void | Promise<void>;

/**
 * The embedded default transport: events are logged and handed to in-process subscribers (tests,
 * local consumers). A failing subscriber is logged; it does not fail the publish.
 */
export class InProcessEventBus implements EventPublisher {
  readonly #listeners = new Set<EventListener>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Calls `listener` for every event published from now on; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.#logger.info(
        {
          event_id: event.event_id,
          event_type: event.event_type,
          correlation_id: event.correlation_id,
          data: event.data,
        },
        'event published',
      );
      for (const listener of this.#listeners) {
        try {
          await listener(event);
        } catch (err) {
          this.#logger.error(
            { err, event_id: event.event_id, event_type: event.event_type },
            'event subscriber failed',
          );
        }
      }
    }
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }
}

import type { DomainEvent } from '@holiday-peak-hub/contract';

/** Where domain events go: Azure Event Hubs in production, the in-process bus by default. */
export interface EventPublisher {
  /** Publishes the events in order; rejects when they may not have been delivered. */
  publish(events: readonly DomainEvent[]): Promise<void>;
  close(): Promise<void>;
}

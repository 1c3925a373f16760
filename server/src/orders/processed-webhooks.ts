import type { Container } from '@azure/cosmos';
import { PROCESSED_WEBHOOK_RETENTION_DAYS, type ProcessedWebhooks } from '@holiday-peak-hub/core';
import { cosmosStatus, isNotFound } from '../platform/cosmos/cosmos-errors.ts';

/** A payment webhook event applied (id `webhook.<event id>`, its own partition), forgotten after the retention. */
interface ProcessedWebhookRecord {
  id: string;
  order_id: string;
  doc_type: 'processed_webhook';
  event_id: string;
  processed_at: string;
  ttl: number;
}

const idOf = (eventId: string) => `webhook.${encodeURIComponent(eventId)}`;
const RETENTION_SECONDS = PROCESSED_WEBHOOK_RETENTION_DAYS * 24 * 3600;

/**
 * Processed payment webhooks in the `orders` container: one point read to check an event, one
 * create to record it (a 409 means another delivery recorded it first: nothing to do). Cosmos DB
 * deletes a record after the retention (`ttl`); the stand-in never does, so `has` checks the age too.
 */
export class CosmosProcessedWebhooks implements ProcessedWebhooks {
  readonly #container: Container;
  readonly #clock: () => Date;

  constructor(container: Container, clock: () => Date) {
    this.#container = container;
    this.#clock = clock;
  }

  async has(eventId: string): Promise<boolean> {
    const id = idOf(eventId);
    try {
      const { resource } = await this.#container.item(id, id).read<ProcessedWebhookRecord>();
      if (!resource) return false;
      return this.#clock().getTime() - Date.parse(resource.processed_at) < RETENTION_SECONDS * 1000;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async add(eventId: string, now: Date): Promise<void> {
    const id = idOf(eventId);
    const record: ProcessedWebhookRecord = {
      id,
      order_id: id,
      doc_type: 'processed_webhook',
      event_id: eventId,
      processed_at: now.toISOString(),
      ttl: RETENTION_SECONDS,
    };
    try {
      await this.#container.items.create(record);
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
    }
  }
}

/**
 * The provider's webhook events already applied, by event id. Stripe delivers an event at least
 * once (and again when an answer is slow): an event recorded here is acknowledged without being
 * applied again. An event is recorded after it was applied, so one that failed midway is applied
 * when Stripe retries it; two copies arriving together may both be applied, which the payment
 * state's transition makes harmless (it changes an order once per state).
 *
 * Stripe retries for three days: a record must be kept at least that long (`RETENTION_DAYS`).
 */
export interface ProcessedWebhooks {
  has(eventId: string): Promise<boolean>;
  /** Idempotent: recording an event twice keeps one record. */
  add(eventId: string, now: Date): Promise<void>;
}

/** How long a processed event is remembered (Stripe gives up retrying after three days). */
export const PROCESSED_WEBHOOK_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Processed webhook events in memory (the embedded default, the mocks, tests), forgotten after the retention. */
export class MemoryProcessedWebhooks implements ProcessedWebhooks {
  readonly #seen = new Map<string, number>();
  readonly #clock: () => Date;

  constructor(clock: () => Date) {
    this.#clock = clock;
  }

  has(eventId: string): Promise<boolean> {
    const at = this.#seen.get(eventId);
    const fresh = at !== undefined && this.#clock().getTime() - at < PROCESSED_WEBHOOK_RETENTION_DAYS * DAY_MS;
    return Promise.resolve(fresh);
  }

  add(eventId: string, now: Date): Promise<void> {
    if (!this.#seen.has(eventId)) this.#seen.set(eventId, now.getTime());
    if (this.#seen.size % 1024 === 0) {
      const oldest = now.getTime() - PROCESSED_WEBHOOK_RETENTION_DAYS * DAY_MS;
      for (const [id, at] of this.#seen) if (at < oldest) this.#seen.delete(id);
    }
    return Promise.resolve();
  }
}

import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { AuditLog, AuditLogDocument } from '@holiday-peak-hub/core';

/** Writes the audit_logs entries of admin actions (partition `user`; expire after 90 days by the container's TTL). */
export class CosmosAuditLog implements AuditLog {
  readonly #container: Container;
  readonly #logger: Logger;

  constructor(container: Container, logger: Logger) {
    this.#container = container;
    this.#logger = logger;
  }

  async record(entry: AuditLogDocument): Promise<void> {
    await this.#container.items.create(entry);
    const { audit_id, action, entity_id, metadata } = entry;
    this.#logger.info({ audit_id, action, entity_id, requestId: metadata.request_id }, 'audit');
  }
}

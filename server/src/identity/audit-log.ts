import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { AuditLog, AuditLogDocument } from '@holiday-peak-hub/core';
import { cosmosStatus } from '../platform/cosmos/cosmos-errors.ts';

/** Writes the audit_logs entries of admin actions (partition `user`; expire after 90 days by the container's TTL), once per id. */
export class CosmosAuditLog implements AuditLog {
  readonly #container: Container;
  readonly #logger: Logger;

  constructor(container: Container, logger: Logger) {
    this.#container = container;
    this.#logger = logger;
  }

  async record(entry: AuditLogDocument): Promise<boolean> {
    try {
      await this.#container.items.create(entry);
    } catch (err) {
      if (cosmosStatus(err) === 409) return false;
      throw err;
    }
    const { audit_id, action, entity_id, metadata } = entry;
    this.#logger.info({ audit_id, action, entity_id, requestId: metadata.request_id }, 'audit');
    return true;
  }
}

import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { Caller } from '@holiday-peak-hub/core';
import type { Exchange as HttpExchange } from '@holiday-peak-hub/core';
import { randomToken } from '@holiday-peak-hub/core';
import type { AuditLogDocument } from './documents.ts';

export interface AuditEntry {
  action: AuditLogDocument['action'];
  entityId: string;
  changes: AuditLogDocument['changes'];
}

/** Writes the audit_logs entries of admin actions (partition `user`; expire after 90 days by the container's TTL). */
export class AuditLog {
  readonly #container: Container;
  readonly #logger: Logger;

  constructor(container: Container, logger: Logger) {
    this.#container = container;
    this.#logger = logger;
  }

  async record(entry: AuditEntry, actor: Caller, http: HttpExchange, requestId: string, now: Date): Promise<void> {
    const id = `aud_${randomToken(16)}`;
    const doc: AuditLogDocument = {
      id,
      audit_id: id,
      entity_type: 'user',
      entity_id: entry.entityId,
      action: entry.action,
      actor_id: actor.userId ?? 'unknown',
      actor_type: actor.role,
      actor_email: actor.email,
      changes: entry.changes,
      metadata: { ip_address: http.ip, user_agent: http.userAgent, request_id: requestId },
      timestamp: now.toISOString(),
    };
    await this.#container.items.create(doc);
    this.#logger.info({ audit_id: id, action: entry.action, entity_id: entry.entityId, requestId }, 'audit');
  }
}

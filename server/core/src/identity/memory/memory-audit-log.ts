import type { AuditLogDocument } from '../documents.ts';
import type { AuditLog } from '../ports.ts';
import { jsonCopy, ownTables, type TableSource } from './tables.ts';

/** The audit trail in memory (`identity.audit_logs`); nothing expires. */
export class MemoryAuditLog implements AuditLog {
  readonly #entries: Map<string, AuditLogDocument>;

  constructor(tables: TableSource = ownTables()) {
    this.#entries = tables.table<AuditLogDocument>('identity.audit_logs');
  }

  record(entry: AuditLogDocument): Promise<boolean> {
    if (this.#entries.has(entry.id)) return Promise.resolve(false);
    this.#entries.set(entry.id, jsonCopy(entry));
    return Promise.resolve(true);
  }

  /** Every entry, oldest first. */
  entries(): AuditLogDocument[] {
    return [...this.#entries.values()].map(jsonCopy);
  }
}

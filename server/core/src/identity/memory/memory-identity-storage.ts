import type { EventPublisher } from '../../platform/events/publisher.ts';
import type { Logger } from '../../ports/logger.ts';
import type { AddressDocument, PaymentMethodDocument } from '../documents.ts';
import { MemoryAuditLog } from './memory-audit-log.ts';
import { MemoryOwnedItems } from './memory-owned-items.ts';
import { MemoryUserRepository } from './memory-user-repository.ts';
import { ownTables, type TableSource } from './tables.ts';

export interface MemoryIdentityStorage {
  users: MemoryUserRepository;
  addresses: MemoryOwnedItems<AddressDocument>;
  paymentMethods: MemoryOwnedItems<PaymentMethodDocument>;
  audit: MemoryAuditLog;
}

/** The identity core's storage ports, in memory: for the mocks and for tests without a database. */
export function createMemoryIdentityStorage(deps: {
  publisher: EventPublisher;
  logger: Logger;
  /** Where the state is kept (the core's `MemoryTables`, to save and restore it); own Maps by default. */
  tables?: TableSource;
}): MemoryIdentityStorage {
  const tables = deps.tables ?? ownTables();
  return {
    users: new MemoryUserRepository({ publisher: deps.publisher, logger: deps.logger, tables }),
    addresses: new MemoryOwnedItems<AddressDocument>('identity.addresses', tables),
    paymentMethods: new MemoryOwnedItems<PaymentMethodDocument>('identity.payment_methods', tables),
    audit: new MemoryAuditLog(tables),
  };
}

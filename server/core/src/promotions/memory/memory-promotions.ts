import type { MemoryStoreDeps } from '../../catalog/memory/memory-document-store.ts';
import type { Versioned } from '../../catalog/documents.ts';
import type { MemoryTables } from '../../platform/memory-tables.ts';
import type { PromotionDocument } from '../documents.ts';
import type { PromotionRepositories } from '../ports.ts';
import { MemoryPromotionRepository } from './memory-promotion-repository.ts';
import { MemoryRedemptionLedger, type MemoryRedemption } from './memory-redemption-ledger.ts';

export interface MemoryPromotionRepositories extends PromotionRepositories {
  promotions: MemoryPromotionRepository;
  ledger: MemoryRedemptionLedger;
}

/** Promotions and their ledger in memory, over `tables` when given (the mocks' saved state). */
export function createMemoryPromotionRepositories(
  deps: MemoryStoreDeps & { tables?: MemoryTables },
): MemoryPromotionRepositories {
  const table = <T>(name: string) => deps.tables?.table<T>(name) ?? new Map<string, T>();
  const promotions = table<Versioned<PromotionDocument>>('promotions.promotions');
  return {
    promotions: new MemoryPromotionRepository(deps, promotions),
    ledger: new MemoryRedemptionLedger(
      promotions,
      table<MemoryRedemption>('promotions.redemptions'),
      table<number>('promotions.customer-uses'),
    ),
  };
}

import { answer } from '../../catalog/memory/memory-page.ts';
import type { MemoryStoreDeps } from '../../catalog/memory/memory-document-store.ts';
import type { MemoryTables } from '../../platform/memory-tables.ts';
import type { StoredOrder } from '../documents.ts';
import type { OrderNumbers, OrderRepositories } from '../ports.ts';
import { MemoryOrderRepository } from './memory-order-repository.ts';

/** The per-year counters of order numbers in memory: each `next` reads and counts in one synchronous step. */
export class MemoryOrderNumbers implements OrderNumbers {
  readonly #counters: Map<string, number>;

  constructor(counters: Map<string, number> = new Map()) {
    this.#counters = counters;
  }

  next(year: number): Promise<number> {
    return answer(() => {
      const value = (this.#counters.get(String(year)) ?? 0) + 1;
      this.#counters.set(String(year), value);
      return value;
    });
  }
}

export interface MemoryOrderRepositories extends OrderRepositories {
  orders: MemoryOrderRepository;
  numbers: MemoryOrderNumbers;
}

/** Orders and their number counters in memory, over `tables` when given (the mocks' saved state). */
export function createMemoryOrderRepositories(
  deps: MemoryStoreDeps & { tables?: MemoryTables },
): MemoryOrderRepositories {
  const table = <T>(name: string) => deps.tables?.table<T>(name) ?? new Map<string, T>();
  return {
    orders: new MemoryOrderRepository(deps, table<StoredOrder>('orders.orders')),
    numbers: new MemoryOrderNumbers(table<number>('orders.numbers')),
  };
}

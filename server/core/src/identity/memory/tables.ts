/**
 * Where the in-memory identity adapters keep their state: named Maps of plain JSON values. The
 * core's `MemoryTables` is one (its state can then be saved and restored whole, as the mocks do);
 * by default each adapter keeps its own Map.
 */
export interface TableSource {
  table<T>(name: string): Map<string, T>;
}

/** Fresh Maps, one a name. */
export function ownTables(): TableSource {
  const tables = new Map<string, Map<string, unknown>>();
  return {
    table<T>(name: string): Map<string, T> {
      let table = tables.get(name);
      if (!table) {
        table = new Map();
        tables.set(name, table);
      }
      return table as Map<string, T>;
    },
  };
}

/** A copy with JSON semantics, as storage answers: no shared references, no undefined fields. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

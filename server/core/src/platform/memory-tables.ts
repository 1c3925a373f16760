/** The whole state of a set of in-memory adapters, as plain JSON. */
export type MemorySnapshot = Record<string, [string, unknown][]>;

/**
 * Named tables (Maps of plain JSON values by key) that the in-memory adapters keep their state in.
 * One object holds them all, so the state can be saved and restored whole (the mocks keep it in
 * `localStorage` across page reloads) and reset between tests.
 */
export class MemoryTables {
  readonly #tables = new Map<string, Map<string, unknown>>();

  /** The table of that name, made empty on first use. */
  table<T>(name: string): Map<string, T> {
    let table = this.#tables.get(name);
    if (!table) {
      table = new Map();
      this.#tables.set(name, table);
    }
    return table as Map<string, T>;
  }

  snapshot(): MemorySnapshot {
    const snapshot: MemorySnapshot = {};
    for (const [name, table] of this.#tables) snapshot[name] = structuredClone([...table]);
    return snapshot;
  }

  /** Replaces the content of every table named in the snapshot (others are emptied). */
  restore(snapshot: MemorySnapshot): void {
    for (const table of this.#tables.values()) table.clear();
    for (const [name, entries] of Object.entries(snapshot)) {
      const table = this.table<unknown>(name);
      for (const [key, value] of structuredClone(entries)) table.set(key, value);
    }
  }
}

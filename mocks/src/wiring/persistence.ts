import type { MemorySnapshot } from '@holiday-peak-hub/core';
import type { MockStore } from './mock-store.ts';

/** The little of the Web Storage API persistence needs (`localStorage` fits). */
export interface StateStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PersistOptions {
  storage: StateStorage;
  /** Default `holiday-peak-hub-mocks`. */
  key?: string;
}

/** 2: the payment provider's intents are kept with the orders (a state of 1 had orders without them). */
const VERSION = 2;

/**
 * The mocks' state kept in Web Storage: saved after every write, restored when the handlers first
 * answer. A saved state of another version, or one that cannot be read, is ignored (a fresh demo
 * state starts).
 */
export function persistence(options: PersistOptions) {
  const key = options.key ?? 'holiday-peak-hub-mocks';
  return {
    restoreInto(store: MockStore): void {
      const text = options.storage.getItem(key);
      if (text === null) return;
      try {
        const saved = JSON.parse(text) as { version?: number; tables?: MemorySnapshot; seeded?: MemorySnapshot };
        if (saved.version !== VERSION || !saved.tables) return;
        store.tables.restore(saved.tables);
        store.seeded = saved.seeded;
      } catch {
        // Not ours or damaged: start from the demo state.
      }
    },
    save(store: MockStore): void {
      options.storage.setItem(
        key,
        JSON.stringify({ version: VERSION, tables: store.tables.snapshot(), seeded: store.seeded }),
      );
    },
  };
}

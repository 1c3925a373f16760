import type { Banner, Category, StaffProduct } from '@holiday-peak-hub/contract';
import {
  DEMO_CATALOG_DEFAULTS,
  demoCatalog,
  type DemoCatalog,
  type DemoCatalogOptions,
} from '@holiday-peak-hub/contract/fixtures';
import { createIdentityStore, type IdentityStore, type IdentityStoreOptions } from './identity-store.ts';

export type MockStoreOptions = DemoCatalogOptions &
  IdentityStoreOptions & {
    /** Start from this catalog instead of `demoCatalog(options)`. It is deep-copied. */
    catalog?: DemoCatalog;
    /**
     * The mock's clock. Default: starts at the catalog's `now` (2026-11-01T00:00:00Z unless given)
     * and runs at real speed, so the fixture's banner schedule and timestamps stay meaningful.
     */
    clock?: () => Date;
  };

/** The in-memory state the mock handlers read and write. */
export type MockStore = {
  readonly products: Map<string, StaffProduct>;
  readonly categories: Map<string, Category>;
  readonly banners: Map<string, Banner>;
  /** Accounts (the three demo accounts to start with), sessions, emailed links and the outbox. */
  readonly identity: IdentityStore;
  now(): Date;
  /** A new product id in a category, not used before (deterministic sequence). */
  nextProductId(category: string): string;
  nextBannerId(): string;
  /** Back to the initial catalog and the demo accounts, with no sessions (for `afterEach` in tests). */
  reset(): void;
};

function runningClock(start: Date): () => Date {
  const startedAt = Date.now();
  return () => new Date(start.getTime() + (Date.now() - startedAt));
}

const token = (n: number) => `m${n.toString(36).padStart(11, '0')}`;

export function createMockStore(options: MockStoreOptions = {}): MockStore {
  const initial = options.catalog ?? demoCatalog(options);
  const now = options.clock ?? runningClock(options.now ?? DEMO_CATALOG_DEFAULTS.now);
  const products = new Map<string, StaffProduct>();
  const categories = new Map<string, Category>();
  const banners = new Map<string, Banner>();
  const identity = createIdentityStore(options);
  let sequence = 0;

  const reset = () => {
    const copy = structuredClone(initial);
    products.clear();
    categories.clear();
    banners.clear();
    for (const product of copy.products) products.set(product.id, product);
    for (const category of copy.categories) categories.set(category.slug, category);
    for (const banner of copy.banners) banners.set(banner.id, banner);
    identity.reset();
    sequence = 0;
  };
  reset();

  return {
    products,
    categories,
    banners,
    identity,
    now,
    nextProductId(category) {
      for (;;) {
        sequence += 1;
        const id = `${category}.${token(sequence)}`;
        if (!products.has(id)) return id;
      }
    },
    nextBannerId() {
      for (;;) {
        sequence += 1;
        const id = `bnr_${token(sequence)}`;
        if (!banners.has(id)) return id;
      }
    },
    reset,
  };
}

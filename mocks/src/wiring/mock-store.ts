import {
  DEMO_CATALOG_DEFAULTS,
  demoCatalog,
  demoPromotions,
  type DemoCatalog,
  type DemoCatalogOptions,
} from '@holiday-peak-hub/contract/fixtures';
import type { Promotion } from '@holiday-peak-hub/contract';
import {
  createTestPaymentGateway,
  MemoryMailer,
  MemoryTables,
  type MemorySnapshot,
  type TestPaymentGateway,
} from '@holiday-peak-hub/core';
import { noCheckoutSwitches, withForcedDeclines, type CheckoutSwitches } from './checkout-switches.ts';

export type MockStoreOptions = DemoCatalogOptions & {
  /** Start from this catalog instead of `demoCatalog(options)`. */
  catalog?: DemoCatalog;
  /**
   * The mock's clock. Default: starts at the catalog's `now` (2026-11-01T00:00:00Z unless given)
   * and runs at real speed, so the fixture's banner schedule and timestamps stay meaningful.
   */
  clock?: () => Date;
};

/**
 * The state the mocks answer from: the tables of the core's in-memory adapters (catalog,
 * accounts, sessions), the mail they sent, and their clock. The core's services read and write it;
 * nothing in the mocks does.
 */
export interface MockStore {
  readonly tables: MemoryTables;
  /** Every mail "sent" (verification and reset links): read it with `mockInbox` / `latestMockLink`. */
  readonly mailer: MemoryMailer;
  /** What the catalog tables are seeded from. */
  readonly catalog: DemoCatalog;
  /** The promo codes the promotions table is seeded with (`demoPromotions`: HOLIDAY10, FREESHIP, LAPTOPS50). */
  readonly promotions: Promotion[];
  /**
   * Stripe's test mode in process: test cards, 3-D Secure, and its scenario switches (delays,
   * outages). Its intents, keys and events live in the tables (`payments.*`), so a reset or a
   * reload keeps them with the orders that pay with them.
   */
  readonly payments: TestPaymentGateway;
  /** @internal The checkout switches (`api.scenarios.checkout`): forced declines and sell-outs. */
  readonly checkout: CheckoutSwitches;
  now(): Date;
  /** Back to the seeded catalog and demo accounts: no sessions, mail, lockouts, orders or payments (for `afterEach` in tests). */
  reset(): void;
  /** @internal The state right after seeding, which `reset` goes back to. */
  seeded: MemorySnapshot | undefined;
  /** @internal What else `reset` clears (caches in front of the tables). */
  readonly onReset: (() => void)[];
}

function runningClock(start: Date): () => Date {
  const startedAt = Date.now();
  return () => new Date(start.getTime() + (Date.now() - startedAt));
}

export function createMockStore(options: MockStoreOptions = {}): MockStore {
  const tables = new MemoryTables();
  const now = options.clock ?? runningClock(options.now ?? DEMO_CATALOG_DEFAULTS.now);
  const mailer = new MemoryMailer(undefined, now);
  const checkout = noCheckoutSwitches();
  const store: MockStore = {
    tables,
    mailer,
    catalog: options.catalog ?? demoCatalog(options),
    promotions: demoPromotions(options.now ?? DEMO_CATALOG_DEFAULTS.now),
    payments: withForcedDeclines(createTestPaymentGateway({ clock: now, tables }), checkout),
    checkout,
    now,
    seeded: undefined,
    onReset: [],
    reset() {
      mailer.clear();
      store.payments.scenario.reset();
      Object.assign(checkout, noCheckoutSwitches());
      if (store.seeded) tables.restore(store.seeded);
      for (const hook of store.onReset) hook();
    },
  };
  return store;
}

import { silentLogger } from '@holiday-peak-hub/core';
import type { HttpHandler } from 'msw';
import { mswRoutes } from './adapter/msw-routes.ts';
import { createCheckoutScenarios } from './adapter/checkout-scenarios.ts';
import { createScenarios, type ScenarioControls } from './adapter/scenarios.ts';
import { mockCore } from './wiring/mock-core.ts';
import { createMockStore, type MockStore } from './wiring/mock-store.ts';
import { persistence, type PersistOptions } from './wiring/persistence.ts';

export type CreateHandlersOptions = {
  /**
   * Origin (and optional prefix) of the mocked API, e.g. `http://localhost:3000`. Default `*`:
   * any origin, which works both in the browser and in Node.
   */
  baseUrl?: string;
  /** The state to answer from; default a fresh `createMockStore()`. */
  store?: MockStore;
  /** Where the emailed links point (default `http://localhost:5173`, Vite's). */
  appUrl?: string;
  /** Keep the state across page reloads (in the browser: `{ storage: localStorage }`). */
  persist?: PersistOptions;
};

export interface MockApi {
  /** The MSW handlers: `setupWorker(...api.handlers)` or `setupServer(...api.handlers)`. */
  handlers: HttpHandler[];
  /** Latency, forced failures, the checkout's situations (`scenarios.checkout`) to put the UI in. */
  scenarios: ScenarioControls;
  store: MockStore;
}

/**
 * The API in MSW handlers: every operation of the contract answered by the server's own core on
 * in-memory adapters, so the mocks behave as the server does by construction.
 */
export function createMockApi(options: CreateHandlersOptions = {}): MockApi {
  const store = options.store ?? createMockStore();
  const appUrl = options.appUrl ?? 'http://localhost:5173';
  const saved = options.persist ? persistence(options.persist) : undefined;
  // A reset is a write too: the saved state follows it, so a reload does not bring the old one back.
  if (saved) store.onReset.push(() => saved.save(store));
  let core: ReturnType<typeof mockCore> | undefined;
  const ready = () => {
    if (!core) {
      saved?.restoreInto(store);
      core = mockCore(store, { appUrl });
    }
    return core;
  };
  const checkout = createCheckoutScenarios({ store, core: ready, afterWrite: saved && (() => saved.save(store)) });
  const scenarios = createScenarios({ logger: silentLogger, clock: () => store.now(), checkout });
  const handlers = mswRoutes({
    baseUrl: options.baseUrl ?? '*',
    core: ready,
    intercept: scenarios.intercept,
    afterWrite: saved ? () => saved.save(store) : undefined,
  });
  return { handlers, scenarios: scenarios.controls, store };
}

/** MSW handlers for every operation (see `createMockApi` for scenario controls). */
export function createHandlers(options: CreateHandlersOptions = {}): HttpHandler[] {
  return createMockApi(options).handlers;
}

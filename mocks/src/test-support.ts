import type { AccountRole, Address, PaymentMethod } from '@holiday-peak-hub/contract';
import { DEMO_ACCOUNTS, stripeTestCard, type DemoAccount } from '@holiday-peak-hub/contract/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHandlers } from './create-handlers.ts';
import { mockTokens } from './http/tokens.ts';
import { createMockStore, type MockStore, type MockStoreOptions } from './store/mock-store.ts';

export const BASE_URL = 'http://api.test';

/** An msw server over a fresh demo store for one test file; the store is reset after each test. */
export function useMockApi(options: MockStoreOptions = {}): { store: MockStore } {
  const store = createMockStore(options);
  const server = setupServer(...createHandlers({ baseUrl: BASE_URL, store }));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => store.reset());
  afterAll(() => server.close());
  return { store };
}

type CallOptions = {
  /** One of the fixed `mockTokens`. */
  token?: keyof typeof mockTokens;
  /** Any other bearer token (one a sign-in answered). */
  bearer?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

/** `fetch` against the mocked API; `body` is sent as JSON. */
export function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${mockTokens[options.token]}`);
  if (options.bearer !== undefined) headers.set('Authorization', `Bearer ${options.bearer}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(`${BASE_URL}${path}`, {
    method: method.toUpperCase(),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

/** The contract's demo account of a role. */
export function demoAccount(role: AccountRole): DemoAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  return account;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Saves a valid address for an account straight into the store (for tests that need one). */
export function seedAddress(store: MockStore, userId: string): Address {
  const account = store.identity.accounts.get(userId);
  if (!account) throw new Error(`no account ${userId}`);
  const at = store.now().toISOString();
  const address: Address = {
    id: store.identity.nextId('adr'),
    name: 'Jane Doe',
    line1: '1 Market St',
    line2: null,
    city: 'San Francisco',
    state: 'CA',
    postal_code: '94105',
    country: 'US',
    phone: null,
    type: 'shipping',
    is_default: account.addresses.length === 0,
    created_at: at,
    updated_at: at,
  };
  account.addresses.push(address);
  return address;
}

/** Saves a Visa test card for an account straight into the store. */
export function seedCard(store: MockStore, userId: string): PaymentMethod {
  const account = store.identity.accounts.get(userId);
  if (!account) throw new Error(`no account ${userId}`);
  const method: PaymentMethod = {
    id: store.identity.nextId('pmt'),
    type: 'card',
    ...stripeTestCard('pm_card_visa', store.now())!,
    billing_address_id: null,
    is_default: account.paymentMethods.length === 0,
    created_at: store.now().toISOString(),
  };
  account.paymentMethods.push(method);
  return method;
}

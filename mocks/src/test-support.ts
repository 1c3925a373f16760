import type { AccountRole, Address, PaymentMethod } from '@holiday-peak-hub/contract';
import { DEMO_ACCOUNTS, type DemoAccount } from '@holiday-peak-hub/contract/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHandlers } from './create-handlers.ts';
import { mockTokens } from './wiring/fixed-tokens.ts';
import { createMockStore, type MockStore, type MockStoreOptions } from './wiring/mock-store.ts';

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

/** The fixed token of a demo account's role. */
function tokenOf(role: AccountRole): keyof typeof mockTokens {
  return role;
}

/** Saves a valid address for a demo account through the API (for tests that need one). */
export async function seedAddress(role: AccountRole): Promise<Address> {
  const response = await call('POST', '/api/users/me/addresses', {
    token: tokenOf(role),
    body: {
      name: 'Jane Doe',
      line1: '1 Market St',
      city: 'San Francisco',
      state: 'CA',
      postal_code: '94105',
      country: 'US',
      type: 'shipping',
    },
  });
  if (response.status !== 201) throw new Error(`seedAddress: ${response.status} ${await response.text()}`);
  return json<Address>(response);
}

/** Saves a Visa test card for a demo account through the API. */
export async function seedCard(role: AccountRole): Promise<PaymentMethod> {
  const response = await call('POST', '/api/users/me/payment-methods', {
    token: tokenOf(role),
    body: { provider_token: 'pm_card_visa' },
  });
  if (response.status !== 201) throw new Error(`seedCard: ${response.status} ${await response.text()}`);
  return json<PaymentMethod>(response);
}

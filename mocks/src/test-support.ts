import type { AccountRole, Address, PaymentMethod, User } from '@holiday-peak-hub/contract';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from '@holiday-peak-hub/contract/fixtures';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ScenarioControls } from './adapter/scenarios.ts';
import { createMockApi } from './create-handlers.ts';
import { mockTokens } from './wiring/fixed-tokens.ts';
import { MOCK_TWO_FACTOR_CODE } from './wiring/mock-core.ts';
import { createMockStore, type MockStore, type MockStoreOptions } from './wiring/mock-store.ts';

export const BASE_URL = 'http://api.test';

/**
 * An msw server over a fresh demo store for one test file; the store is reset and every scenario
 * turned off after each test.
 */
export function useMockApi(options: MockStoreOptions = {}): { store: MockStore; scenarios: ScenarioControls } {
  const store = createMockStore(options);
  const api = createMockApi({ baseUrl: BASE_URL, store });
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    store.reset();
    api.scenarios.reset();
  });
  afterAll(() => server.close());
  return { store, scenarios: api.scenarios };
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

/** Saves a valid address for a demo account through the API (for tests that need one). */
export async function seedAddress(role: AccountRole): Promise<Address> {
  const response = await call('POST', '/api/users/me/addresses', {
    token: role,
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
    token: role,
    body: { provider_token: 'pm_card_visa' },
  });
  if (response.status !== 201) throw new Error(`seedCard: ${response.status} ${await response.text()}`);
  return json<PaymentMethod>(response);
}

/** Turns two-factor on for a demo account through the API (enrol, confirm with `000000`); answers the recovery codes. */
export async function seedTwoFactor(role: AccountRole): Promise<string[]> {
  const enrol = await call('POST', '/api/users/me/2fa/enable', { token: role, body: { password: DEMO_PASSWORD } });
  if (enrol.status !== 200) throw new Error(`seedTwoFactor: ${enrol.status} ${await enrol.text()}`);
  const verify = await call('POST', '/api/users/me/2fa/verify', { token: role, body: { code: MOCK_TWO_FACTOR_CODE } });
  if (verify.status !== 200) throw new Error(`seedTwoFactor: ${verify.status} ${await verify.text()}`);
  return (await json<{ recovery_codes: string[] }>(verify)).recovery_codes;
}

/** Every account, newest first, as the admin list answers it (all its pages). */
export async function listAccounts(): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  do {
    const response: Response = await call('GET', `/api/admin/users?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      token: 'admin',
    });
    if (response.status !== 200) throw new Error(`listAccounts: ${response.status} ${await response.text()}`);
    const page: { items: User[]; next_cursor: string | null } = await json(response);
    users.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return users;
}

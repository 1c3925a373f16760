import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHandlers } from './create-handlers.ts';
import { mockTokens } from './http/tokens.ts';
import { createMockStore, type MockStore } from './store/mock-store.ts';

export const BASE_URL = 'http://api.test';

/** An msw server over a fresh demo store for one test file; the store is reset after each test. */
export function useMockApi(): { store: MockStore } {
  const store = createMockStore();
  const server = setupServer(...createHandlers({ baseUrl: BASE_URL, store }));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => store.reset());
  afterAll(() => server.close());
  return { store };
}

type CallOptions = { token?: keyof typeof mockTokens; body?: unknown; headers?: Record<string, string> };

/** `fetch` against the mocked API; `body` is sent as JSON. */
export function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${mockTokens[options.token]}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(`${BASE_URL}${path}`, {
    method: method.toUpperCase(),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

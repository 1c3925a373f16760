/** The identity HTTP helpers (support/identity-http.ts) bound to a test server, with typed bodies. */
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { call, mailedToken as mailedTokenIn, newCustomer as newCustomerAt, type CallOptions } from './identity-http.ts';
import { InProcessEventBus } from '@holiday-peak-hub/core';
import type { TestServer } from './test-server.ts';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON call to a test server; every answer is scanned for secrets (see `call`). */
export async function api<T = Record<string, unknown>>(
  server: TestServer,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const reply = await call(server.baseUrl, method, path, options);
  return { status: reply.status, body: (reply.json ?? null) as T, headers: reply.headers };
}

/** The token of the newest link mailed to an address whose subject matches. */
export const mailedToken = (server: TestServer, to: string, subject: RegExp) =>
  mailedTokenIn(server.mailbox, to, subject);

/** A real customer (signed up, verified through the mailed link, signed in with body delivery); `token` is its access token. */
export async function newCustomer(server: TestServer, label = 'shopper') {
  const account = await newCustomerAt(server.baseUrl, server.mailbox, label);
  return { ...account, token: account.access };
}

/** Collects the events a test server publishes from now on. */
export function recordEvents(server: TestServer): DomainEvent[] {
  const seen: DomainEvent[] = [];
  const bus = server.composed.events;
  if (!(bus instanceof InProcessEventBus)) throw new Error('recordEvents needs the in-process bus');
  bus.subscribe((event) => {
    seen.push(event);
  });
  return seen;
}

import type { AuthSession, DomainEvent } from '@holiday-peak-hub/contract';
import type { TestServer } from './test-server.ts';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON call to a test server, with an optional bearer token and extra headers. */
export async function api<T = Record<string, unknown>>(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** The token of the newest link mailed to an address whose subject matches. */
export function mailedToken(server: TestServer, to: string, subject: RegExp): string {
  const mail = [...server.mailbox.messages()].reverse().find((m) => m.to === to && subject.test(m.subject));
  const token = mail ? /[?&]token=([^\s&]+)/.exec(mail.text)?.[1] : undefined;
  if (!token) throw new Error(`no mail to ${to} matching ${String(subject)}`);
  return decodeURIComponent(token);
}

/** Signs up, verifies the mailed link and signs in with body delivery: a real customer. */
export async function newCustomer(server: TestServer, name = 'Test Shopper', password = 'Velvet-Harbor-Quietly-93') {
  const email = `shopper-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const signup = await api(server, 'POST', '/api/auth/signup', { body: { name, email, password } });
  if (signup.status !== 202) throw new Error(`signup answered ${signup.status}`);
  const token = mailedToken(server, email, /Confirm your email/);
  const verified = await api(server, 'POST', '/api/auth/verify-email', { body: { token } });
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}`);
  const session = await api<AuthSession>(server, 'POST', '/api/auth/login', {
    body: { email, password, token_delivery: 'body' },
  });
  if (session.status !== 200 || !session.body.tokens) throw new Error(`login answered ${session.status}`);
  return { email, password, session: session.body, token: session.body.tokens.access_token };
}

/** Collects the events a test server publishes from now on. */
export function recordEvents(server: TestServer): DomainEvent[] {
  const seen: DomainEvent[] = [];
  server.composed.events.subscribe((event) => {
    seen.push(event);
  });
  return seen;
}

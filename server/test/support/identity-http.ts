/**
 * A small HTTP client for the identity security tests: every call goes over real HTTP to a running
 * server, and every JSON answer is scanned for fields that must never leave the server.
 */
import { randomUUID } from 'node:crypto';
import { ErrorEnvelopeSchema, type AuthSession, type ErrorEnvelope } from '@holiday-peak-hub/contract';
import { expect } from 'vitest';
import type { MemoryMailer } from '@holiday-peak-hub/core';
import { STRONG_PASSWORD } from './sample-requests.ts';

/** Keys of stored documents that no answer may carry, at any depth. */
export const SECRET_KEYS = ['password_hash', 'secret', 'token_hash', 'recovery_code_hashes', 'secretHash'] as const;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when there is none. */
  json: unknown;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** The whole `Cookie` header. */
  cookie?: string;
  headers?: Record<string, string>;
  /** Keys this answer is meant to carry: two-factor enrolment shows its new `secret`, once. */
  shows?: readonly SecretKey[];
}

type SecretKey = (typeof SECRET_KEYS)[number];

/** How many answers were scanned, so a test can prove the scan ran. */
export const scanned = { count: 0 };

function keysOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

/** Fails the test when an answer carries a stored secret (as a key anywhere, or as text). */
export function expectNoSecrets(reply: Pick<Reply, 'text' | 'json'>, shows: readonly SecretKey[] = []): void {
  const keys = keysOf(reply.json, new Set());
  for (const key of SECRET_KEYS) {
    if (!shows.includes(key)) expect(keys.has(key), `answer carries "${key}": ${reply.text}`).toBe(false);
  }
  for (const word of ['password_hash', 'token_hash', 'recovery_code_hashes']) expect(reply.text).not.toContain(word);
  scanned.count += 1;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  const reply = { status: res.status, headers: res.headers, text, json };
  expectNoSecrets(reply, options.shows);
  return reply;
}

/** Asserts the status and the one error envelope with its code; answers the envelope. */
export function expectError(reply: Reply, status: number, code: string): ErrorEnvelope {
  expect(reply.status, reply.text).toBe(status);
  const envelope = ErrorEnvelopeSchema.parse(reply.json);
  expect(envelope.error.code).toBe(code);
  return envelope;
}

/** A 401 with the envelope: what every dead token must get. */
export const expect401 = (reply: Reply) => expectError(reply, 401, 'UNAUTHORIZED');

export function sessionOf(reply: Reply): AuthSession {
  expect(reply.status, reply.text).toBeLessThan(300);
  const session = reply.json as AuthSession;
  expect(session.status).toBe('authenticated');
  return session;
}

/** The `Set-Cookie` lines of an answer by cookie name (the last one of a name wins, as in a browser). */
export function setCookies(reply: Reply): Map<string, string> {
  return new Map(reply.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
}

/** `name=value` of a `Set-Cookie` line, as a browser sends it back. */
export const cookiePair = (line: string) => line.slice(0, line.indexOf(';'));

/** The attributes of a `Set-Cookie` line, lower-cased: `httponly`, `path=/`, `max-age=900`... */
export const cookieAttributes = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());

export interface Account {
  id: string;
  email: string;
  password: string;
  access: string;
  refresh: string;
}

export async function login(baseUrl: string, email: string, password: string): Promise<Account> {
  const session = sessionOf(
    await call(baseUrl, 'POST', '/api/auth/login', { body: { email, password, token_delivery: 'body' } }),
  );
  if (!session.tokens) throw new Error('body delivery answered no tokens');
  return {
    id: session.subject,
    email,
    password,
    access: session.tokens.access_token,
    refresh: session.tokens.refresh_token,
  };
}

/** The token of the newest mailed link to `to` whose subject matches. */
export function mailedToken(mailer: MemoryMailer, to: string, subject: RegExp): string {
  const mail = mailer
    .messages()
    .filter((m) => m.to === to && subject.test(m.subject))
    .at(-1);
  const token = mail && /\?token=([^\s]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no mail to ${to} matching ${String(subject)}`);
  return decodeURIComponent(token);
}

/** A real customer: signs up, verifies through the mailed link, signs in with body delivery. */
export async function newCustomer(baseUrl: string, mailer: MemoryMailer, label: string): Promise<Account> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const signup = await call(baseUrl, 'POST', '/api/auth/signup', {
    body: { name: `Shopper ${label}`, email, password: STRONG_PASSWORD },
  });
  expect(signup.status, signup.text).toBe(202);
  const token = mailedToken(mailer, email, /confirm your email/i);
  const verified = await call(baseUrl, 'POST', '/api/auth/verify-email', { body: { token } });
  expect(verified.status, verified.text).toBe(200);
  return login(baseUrl, email, STRONG_PASSWORD);
}

import type { ResolvedRequestOptions } from './gen/client/index.js';
import type * as operations from './gen/sdk.gen.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The headers an operation's first argument accepts (never `undefined`). */
type HeadersOf<F> = F extends (options: infer O) => unknown
  ? O extends { headers?: infer H }
    ? NonNullable<H>
    : never
  : never;

/**
 * The operations whose contract declares an `Idempotency-Key` header, read from the generated functions: a new one
 * in the contract makes `IDEMPOTENT_ROUTES` below fail to compile until it is listed, and a removed one too.
 */
export type IdempotentOperation = {
  [K in keyof typeof operations]: typeof IDEMPOTENCY_HEADER extends keyof HeadersOf<(typeof operations)[K]> ? K : never;
}[keyof typeof operations];

/**
 * `METHOD url-template` of each idempotent operation, as the generated client resolves it; the client's request
 * interceptor sees the same two values. Checked against contract/openapi.json by idempotency.test.ts.
 */
export const IDEMPOTENT_ROUTES = {
  placeOrder: 'POST /api/orders',
  confirmPayment: 'POST /api/payments/confirm',
  refundPayment: 'POST /api/payments/refund',
} as const satisfies Record<IdempotentOperation, `${string} /${string}`>;

const idempotentRoutes: ReadonlySet<string> = new Set(Object.values(IDEMPOTENT_ROUTES));

/**
 * A new key for one write you may retry (a random UUID). Keep it while you retry the same input (the same "Place
 * order" click), pass it as `headers: { 'idempotency-key': key }`, and make a new one for new input.
 */
export function createIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** `{ ...options, headers: { ...options.headers, 'idempotency-key': key } }`, for one key across your own retries. */
export function withIdempotencyKey<O extends object>(
  options: O,
  key: string = createIdempotencyKey(),
): O & { headers: { 'idempotency-key': string } } {
  const given: unknown = 'headers' in options ? options.headers : undefined;
  // Spreading a `Headers` (or entry list) would drop its entries: copy them as a plain object.
  const headers =
    given instanceof Headers || Array.isArray(given) ? Object.fromEntries(new Headers(given as HeadersInit)) : given;
  return { ...options, headers: { ...(headers as object | undefined), [IDEMPOTENCY_HEADER]: key } };
}

/**
 * The client's request interceptor: a call of an idempotent operation without a key gets a new one. It runs once per
 * call, before the fetch, so every retry of that call (after a token refresh, a lost connection, a key in use) re-sends
 * the same `Request`, key included.
 */
export function addIdempotencyKey(request: Request, options: Pick<ResolvedRequestOptions, 'method' | 'url'>): Request {
  if (!request.headers.has(IDEMPOTENCY_HEADER) && idempotentRoutes.has(`${options.method} ${options.url}`)) {
    request.headers.set(IDEMPOTENCY_HEADER, createIdempotencyKey());
  }
  return request;
}

export interface RetryOptions {
  /** Attempts in all for a call that carries an `Idempotency-Key` (default 3; 1 never retries). */
  attempts?: number;
  /** Longest wait before a retry, in ms (default 5000): `Retry-After` is followed up to this. */
  maxDelayMs?: number;
}

function delayOf(response: Response | undefined, attempt: number, maxDelayMs: number): number {
  const seconds = Number(response?.headers.get('retry-after'));
  const wanted = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 250 * 2 ** (attempt - 1);
  return Math.min(wanted, maxDelayMs);
}

async function isKeyInUse(response: Response): Promise<boolean> {
  if (response.status !== 409) return false;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return body.error?.code === 'IDEMPOTENCY_KEY_IN_USE';
  } catch {
    return false;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Retries a request that carries an `Idempotency-Key` (the server answers a repeat with the first answer, so a retry
 * never writes twice) when no response arrived, or when the server answers 409 `IDEMPOTENCY_KEY_IN_USE` (the first
 * request with the key is still running; waits `Retry-After`). Other requests go out once.
 */
export function createRetryingFetch(
  send: (request: Request) => Promise<Response>,
  options: RetryOptions = {},
): (request: Request) => Promise<Response> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const maxDelayMs = options.maxDelayMs ?? 5000;
  return async (request) => {
    if (!request.headers.has(IDEMPOTENCY_HEADER) || attempts === 1) return send(request);
    for (let attempt = 1; ; attempt++) {
      const last = attempt === attempts;
      // The body of a request can be read once: each attempt but the last sends a copy.
      const sent = last ? request : request.clone();
      let response: Response;
      try {
        response = await send(sent);
      } catch (error) {
        if (last || isAbort(error) || request.signal.aborted) throw error;
        await sleep(delayOf(undefined, attempt, maxDelayMs), request.signal);
        continue;
      }
      if (last || !(await isKeyInUse(response))) return response;
      await response.body?.cancel();
      await sleep(delayOf(response, attempt, maxDelayMs), request.signal);
    }
  };
}

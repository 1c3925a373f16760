/**
 * A local Stripe for tests: the PaymentIntents and Refunds endpoints the gateway calls, over HTTP
 * with Stripe's form-encoded bodies, Idempotency-Key replays and error bodies, so the real `stripe`
 * client runs against it. Test-card outcomes are the core's in-process test mode (the contract's
 * fixture), answered as Stripe answers them: a decline is a 402 card_error carrying the intent, and
 * an intent's `payment_method` is its id unless the request asked for `expand[]=payment_method`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppError,
  createTestPaymentGateway,
  PaymentIntentNotFoundError,
  PaymentIntentStateError,
  stripeIntentObject,
  type PaymentIntentState,
  type TestPaymentGateway,
} from '@holiday-peak-hub/core';
import Stripe from 'stripe';

export type StripeFakeEndpoint = 'create' | 'retrieve' | 'confirm' | 'capture' | 'cancel' | 'refund';

interface Answer {
  status: number;
  body: object;
}

export interface StripeFake {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Client settings that point the real `stripe` client here. */
  readonly stripeOptions: { host: string; port: number; protocol: 'http' };
  /** The test mode behind it (3-D Secure answers, its events). */
  readonly gateway: TestPaymentGateway;
  /** Requests that reached each endpoint (retries and idempotent replays included). */
  calls(endpoint: StripeFakeEndpoint): number;
  /** Parameters received by an endpoint (form body; a GET's query), oldest first, with their Idempotency-Key. */
  bodies(endpoint: StripeFakeEndpoint): { params: Record<string, string>; idempotencyKey: string | null }[];
  /** Every answer waits this long first (a slow Stripe, for client timeouts); 0 for none. */
  slow(ms: number): void;
  /** Every request answers 503 api_error until switched off. */
  unavailable(down: boolean): void;
  /** A `Stripe-Signature` header for a body, made by Stripe's own helper. */
  signature(payload: string, secret: string, timestampSeconds?: number): string;
  /** Posts a body to a webhook endpoint, signed as Stripe signs it. */
  sendWebhook(url: string, payload: string, secret: string): Promise<Response>;
  close(): Promise<void>;
}

const stripe = new Stripe('sk_test_fake_signer');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const stripeError = (status: number, error: Record<string, unknown>): Answer => ({ status, body: { error } });

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function startStripeFake(options: { clock?: () => Date } = {}): Promise<StripeFake> {
  const clock = options.clock ?? (() => new Date());
  const gateway = createTestPaymentGateway({ clock });
  const created = () => Math.floor(clock().getTime() / 1000);
  /** The PaymentMethod each intent's last accepted confirm attached. */
  const methods = new Map<string, string>();
  const expanded = (params: URLSearchParams) =>
    [...params].some(([name, value]) => /^expand\[\d*\]$/.test(name) && value === 'payment_method');
  const intent = (state: PaymentIntentState, params: URLSearchParams) =>
    stripeIntentObject(state, created(), { id: methods.get(state.id) ?? null, expand: expanded(params) });
  const counts = new Map<StripeFakeEndpoint, number>();
  const received = new Map<StripeFakeEndpoint, ReturnType<StripeFake['bodies']>>();
  const replays = new Map<string, { fingerprint: string; answer: Promise<Answer> }>();
  let delayMs = 0;
  let down = false;

  /** The core's refusals as Stripe writes them. */
  async function failure(err: unknown, params: URLSearchParams, intentId?: string): Promise<Answer> {
    if (err instanceof PaymentIntentNotFoundError) {
      return stripeError(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'intent',
        message: `No such payment_intent: '${intentId}'`,
      });
    }
    if (err instanceof PaymentIntentStateError) {
      const state = intentId ? await gateway.retrieve(intentId) : undefined;
      return stripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: err.message,
        ...(state ? { payment_intent: intent(state, params) } : {}),
      });
    }
    if (err instanceof AppError && err.code === 'UNPROCESSABLE_ENTITY') {
      const unknownMethod = 'payment_method' in err.details;
      return stripeError(400, {
        type: 'invalid_request_error',
        code: unknownMethod ? 'resource_missing' : 'amount_too_large',
        param: unknownMethod ? 'payment_method' : 'amount',
        message: err.message,
      });
    }
    throw err;
  }

  async function route(method: string, path: string, params: URLSearchParams, key: string | null): Promise<Answer> {
    const match = /^\/v1\/payment_intents(?:\/([^/]+))?(?:\/(confirm|capture|cancel))?$/.exec(path);
    const id = match?.[1];
    try {
      if (method === 'POST' && path === '/v1/payment_intents') {
        if (params.get('capture_method') !== 'manual') {
          return stripeError(400, {
            type: 'invalid_request_error',
            message: 'this fake expects capture_method=manual',
          });
        }
        const state = await gateway.createIntent({
          amount: Number(params.get('amount')),
          currency: params.get('currency') ?? '',
          orderId: params.get('metadata[order_id]') ?? '',
          email: params.get('receipt_email') ?? '',
          idempotencyKey: key ?? crypto.randomUUID(),
        });
        return { status: 200, body: intent(state, params) };
      }
      if (method === 'GET' && id && !match[2]) {
        const state = await gateway.retrieve(id);
        return state
          ? { status: 200, body: intent(state, params) }
          : failure(new PaymentIntentNotFoundError(id), params, id);
      }
      if (method === 'POST' && id && match[2] === 'confirm') {
        const state = await gateway.confirm(id, params.get('payment_method') ?? '');
        methods.set(id, params.get('payment_method') ?? '');
        if (state.status !== 'requires_payment_method' || !state.last_error)
          return { status: 200, body: intent(state, params) };
        const { code, decline_code, message } = state.last_error;
        return stripeError(402, {
          type: 'card_error',
          code,
          decline_code,
          message,
          payment_intent: intent(state, params),
        });
      }
      if (method === 'POST' && id && (match[2] === 'capture' || match[2] === 'cancel')) {
        // Stripe refuses to capture a captured intent or cancel a canceled one (the adapter makes those idempotent).
        const done = match[2] === 'capture' ? 'succeeded' : 'canceled';
        if ((await gateway.retrieve(id))?.status === done) throw new PaymentIntentStateError(id, done, `${match[2]}d`);
        const state = match[2] === 'capture' ? await gateway.capture(id) : await gateway.cancel(id);
        return { status: 200, body: intent(state, params) };
      }
      if (method === 'POST' && path === '/v1/refunds') {
        const intentId = params.get('payment_intent') ?? '';
        const refund = await gateway.refund(intentId, Number(params.get('amount')), key ?? crypto.randomUUID());
        return { status: 200, body: { ...refund, object: 'refund', payment_intent: intentId } };
      }
      return stripeError(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path})`,
      });
    } catch (err) {
      return failure(err, params, id ?? params.get('payment_intent') ?? undefined);
    }
  }

  function endpointOf(method: string, path: string): StripeFakeEndpoint | undefined {
    if (path === '/v1/refunds') return 'refund';
    if (path === '/v1/payment_intents') return 'create';
    const action = /^\/v1\/payment_intents\/[^/]+\/(confirm|capture|cancel)$/.exec(path)?.[1];
    if (action) return action as StripeFakeEndpoint;
    return method === 'GET' && /^\/v1\/payment_intents\/[^/]+$/.test(path) ? 'retrieve' : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const raw = await readBody(req);
    const key = method === 'POST' ? ((req.headers['idempotency-key'] as string | undefined) ?? null) : null;
    const params = new URLSearchParams(method === 'GET' ? url.search : raw);
    const endpoint = endpointOf(method, path);
    if (endpoint) {
      counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
      received.set(endpoint, [
        ...(received.get(endpoint) ?? []),
        { params: Object.fromEntries(params), idempotencyKey: key },
      ]);
    }
    if (delayMs > 0) await sleep(delayMs);
    let answer: Answer;
    if (down) {
      answer = stripeError(503, { type: 'api_error', message: 'Stripe is unavailable (a fake outage)' });
    } else if (req.headers.authorization !== 'Bearer sk_test_fake') {
      answer = stripeError(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' });
    } else if (key === null) {
      answer = await route(method, path, params, null);
    } else {
      // Stripe's idempotency: the same key and parameters replay the first answer; other parameters are refused.
      const fingerprint = `${method} ${path} ${raw}`;
      const first = replays.get(key);
      if (!first) {
        const pending = route(method, path, params, key);
        replays.set(key, { fingerprint, answer: pending });
        answer = await pending;
      } else if (first.fingerprint === fingerprint) {
        answer = await first.answer;
      } else {
        answer = stripeError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
        });
      }
    }
    if (!res.destroyed) {
      res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': `req_${crypto.randomUUID()}` });
      res.end(JSON.stringify(answer.body));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    stripeOptions: { host: '127.0.0.1', port, protocol: 'http' },
    gateway,
    calls: (endpoint) => counts.get(endpoint) ?? 0,
    bodies: (endpoint) => received.get(endpoint) ?? [],
    slow: (ms) => void (delayMs = ms),
    unavailable: (value) => void (down = value),
    signature: (payload, secret, timestamp) =>
      stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) }),
    sendWebhook: (url, payload, secret) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }),
        },
        body: payload,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

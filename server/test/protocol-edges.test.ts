/**
 * Protocol edges over real HTTP: 405 with `Allow` at every path the server serves (operations and
 * the app's own pages alike), what Node's parser refuses (431, a NUL in a header, an unknown
 * `Expect`) answered in the envelope with a request id and the security headers, the bearer scheme
 * in any case, decimal-only numbers in queries, the declared list limits, and a slow client cut
 * off by the request and header timeouts.
 */
import { connect } from 'node:net';
import {
  ErrorEnvelopeSchema,
  listProducts,
  searchProducts,
  operations,
  type ErrorEnvelope,
  type Operation,
} from '@holiday-peak-hub/contract';
import { buildOpenApi } from '@holiday-peak-hub/contract/openapi';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { listen } from '../src/http/listen.ts';
import { startBareServer, startTestServer, type BareServer, type TestServer } from './support/test-server.ts';
import { parseRaw, rawExchange as rawExchangeWith } from './support/raw-http.ts';

let server: TestServer;
let port = 0;
/** The security headers of an ordinary API answer, which every refusal must carry too. */
let securityHeaders: Record<string, string> = {};

const SECURITY_HEADER_NAMES = [
  'content-security-policy',
  'cross-origin-resource-policy',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
];

beforeAll(async () => {
  server = await startTestServer({ products: 5 });
  port = Number(new URL(server.baseUrl).port);
  const res = await fetch(`${server.baseUrl}/api/categories`);
  expect(res.status).toBe(200);
  securityHeaders = Object.fromEntries(SECURITY_HEADER_NAMES.map((name) => [name, res.headers.get(name) ?? '']));
  for (const [name, value] of Object.entries(securityHeaders)) expect(value, name).not.toBe('');
});
afterAll(() => server.close());

function envelopeOf(status: number, text: string, expected: number, code: string): ErrorEnvelope {
  expect(status, text).toBe(expected);
  const envelope = ErrorEnvelopeSchema.parse(JSON.parse(text));
  expect(envelope.error.code).toBe(code);
  return envelope;
}

function expectSecurityHeaders(get: (name: string) => string | null | undefined): void {
  for (const [name, value] of Object.entries(securityHeaders)) expect(get(name), name).toBe(value);
}

describe('405 with Allow at the paths Express serves itself, as at the operations', () => {
  const own = ['/docs', '/openapi.json', '/asyncapi.json', '/favicon.ico', '/dev/mail'];

  it.each(own)('%s: other methods answer 405 METHOD_NOT_ALLOWED, Allow: GET, in the envelope', async (path) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${server.baseUrl}${path}`, { method, headers: { 'x-request-id': 'req_edge-405' } });
      const envelope = envelopeOf(res.status, await res.text(), 405, 'METHOD_NOT_ALLOWED');
      expect(res.headers.get('allow'), `${method} ${path}`).toBe('GET');
      expect(envelope.error.details).toEqual({ allowed: ['GET'] });
      expect(envelope.error.request_id).toBe('req_edge-405');
      expect(res.headers.get('x-request-id')).toBe('req_edge-405');
      expectSecurityHeaders((name) => res.headers.get(name));
    }
  });

  it('answers the same way as an API path does (here /healthz, an operation)', async () => {
    const api = await fetch(`${server.baseUrl}/healthz`, { method: 'DELETE' });
    const page = await fetch(`${server.baseUrl}/openapi.json`, { method: 'DELETE' });
    envelopeOf(api.status, await api.text(), 405, 'METHOD_NOT_ALLOWED');
    envelopeOf(page.status, await page.text(), 405, 'METHOD_NOT_ALLOWED');
    for (const name of ['allow', 'content-type', 'cache-control', ...SECURITY_HEADER_NAMES]) {
      expect(page.headers.get(name), name).toBe(api.headers.get(name));
    }
  });

  it('still serves GET there, and answers 404 at a path nothing serves', async () => {
    expect((await fetch(`${server.baseUrl}/favicon.ico`)).status).toBe(204);
    expect((await fetch(`${server.baseUrl}/dev/mail`)).status).toBe(200);
    const res = await fetch(`${server.baseUrl}/docs-not-here`, { method: 'POST' });
    envelopeOf(res.status, await res.text(), 404, 'RESOURCE_NOT_FOUND');
    expect(res.headers.get('allow')).toBeNull();
  });
});

/** Writes raw bytes to a server (the test server unless told) and reads everything it answers until it closes. */
const rawExchange = (bytes: string, to = port) => rawExchangeWith(bytes, to);

/** A refusal written on the raw socket: the envelope, its request id in `X-Request-ID`, the security headers, closed. */
function expectRawRefusal(answer: string, status: number, reason: string, code: string): ErrorEnvelope {
  const { statusLine, headers, body } = parseRaw(answer);
  expect(statusLine).toBe(`HTTP/1.1 ${status} ${reason}`);
  expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('connection')).toBe('close');
  expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body));
  expectSecurityHeaders((name) => headers.get(name));
  const envelope = envelopeOf(status, body, status, code);
  expect(envelope.error.request_id).toBe(headers.get('x-request-id'));
  return envelope;
}

describe('what the HTTP parser refuses carries the envelope, a request id and the security headers', () => {
  it('431 for headers over the limit', async () => {
    const answer = await rawExchange(
      `GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const envelope = expectRawRefusal(answer, 431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE');
    expect(envelope.error.request_id).toMatch(/^req_/);
  });

  it('400 for a NUL in a header value, and for a malformed request line', async () => {
    const nul = await rawExchange(`GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: a\u0000b\r\n\r\n`);
    expect(expectRawRefusal(nul, 400, 'Bad Request', 'INVALID_REQUEST').error.message).toBe(
      'The request could not be parsed',
    );
    expectRawRefusal(await rawExchange('NOT HTTP AT ALL\r\n\r\n'), 400, 'Bad Request', 'INVALID_REQUEST');
  });

  it('417 for an unknown Expect, with the request id it was sent, on any path', async () => {
    for (const path of ['/api/categories', '/api/auth/login', '/docs', '/nowhere']) {
      const answer = await rawExchange(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nX-Request-ID: req_expect-1\r\n` +
          `Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      );
      const envelope = expectRawRefusal(answer, 417, 'Expectation Failed', 'EXPECTATION_FAILED');
      expect(envelope.error.request_id).toBe('req_expect-1');
      expect(envelope.error.details).toEqual({ expect: '200-ok' });
    }
  });

  it('answers Expect: 100-continue with 100 Continue, then the request on its merits', async () => {
    const answer = await rawExchange(
      `GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n'), answer.slice(0, 200)).toBe(true);
  });

  it('answers parallel refusals each with its own request id', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        rawExchange(`GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: \u0000\r\n\r\n`),
      ),
    );
    const ids = answers.map((a) => expectRawRefusal(a, 400, 'Bad Request', 'INVALID_REQUEST').error.request_id);
    expect(new Set(ids).size).toBe(8);
  });
});

describe('the bearer scheme in any case (RFC 9110 §11.1)', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR', 'Bearer  '])('"%s <token>" is accepted', async (scheme) => {
    const res = await fetch(`${server.baseUrl}/api/users/me`, {
      headers: { authorization: `${scheme} ${server.tokens.customer}` },
    });
    expect(res.status, await res.text()).toBe(200);
  });

  it.each(['Basic', 'Bearertoken', 'Token'])('"%s …" is still refused with 401', async (scheme) => {
    const value = scheme === 'Bearertoken' ? `Bearer${server.tokens.customer}` : `${scheme} ${server.tokens.customer}`;
    const res = await fetch(`${server.baseUrl}/api/users/me`, { headers: { authorization: value } });
    envelopeOf(res.status, await res.text(), 401, 'UNAUTHORIZED');
  });
});

describe('numbers in a query are decimal digits only', () => {
  const notDecimal = ['0x10', '1e1', '1E1', '0b1', '0o7', '+5', ' 5', '5 ', '', '5.0', 'Infinity', '١٠'];
  const cases: [string, string][] = [
    ['/api/products', 'limit'],
    ['/api/products/search?q=wool', 'limit'],
    ['/api/products/featured', 'limit'],
    ['/api/categories', 'limit'],
  ];

  it.each(cases)('%s ?%s= refuses hex, exponents and the rest with 400 naming the parameter', async (path, name) => {
    const sep = path.includes('?') ? '&' : '?';
    for (const value of notDecimal) {
      const res = await fetch(`${server.baseUrl}${path}${sep}${name}=${encodeURIComponent(value)}`);
      const envelope = envelopeOf(res.status, await res.text(), 400, 'INVALID_REQUEST');
      expect(envelope.error.details.issues, value).toContainEqual(expect.objectContaining({ in: 'query', path: name }));
    }
    const ok = await fetch(`${server.baseUrl}${path}${sep}${name}=2`);
    expect(ok.status).toBe(200);
  });

  it('takes decimal numbers in min_price/max_price, and refuses hex and exponents', async () => {
    for (const name of ['min_price', 'max_price']) {
      for (const value of ['0x10', '1e3', '1.5e2', '.5', '5.', 'Infinity', '']) {
        const res = await fetch(`${server.baseUrl}/api/products?${name}=${encodeURIComponent(value)}`);
        envelopeOf(res.status, await res.text(), 400, 'INVALID_REQUEST');
      }
      for (const value of ['0', '12', '12.5', '099.99']) {
        const res = await fetch(`${server.baseUrl}/api/products?${name}=${value}`);
        expect(res.status, `${name}=${value}`).toBe(200);
      }
    }
  });

  it('reads limit=3 as three items and the default page size without one', async () => {
    const page = (await (await fetch(`${server.baseUrl}/api/products?limit=3`)).json()) as { items: unknown[] };
    expect(page.items).toHaveLength(3);
    const related = await fetch(`${server.baseUrl}/api/products/nothing-here/related?limit=0x4`);
    envelopeOf(related.status, await related.text(), 400, 'INVALID_REQUEST');
  });
});

describe('list query limits are declared in the spec', () => {
  const spec = buildOpenApi(operations) as unknown as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: object }[] }>>;
  };
  const param = (op: Operation, name: string) =>
    spec.paths[op.path]?.[op.method]?.parameters?.find((p) => p.in === 'query' && p.name === name)?.schema;

  it.each([
    ['listProducts ?brand', listProducts, 'brand'],
    ['listProducts ?attr', listProducts, 'attr'],
    ['searchProducts ?brand', searchProducts, 'brand'],
    ['searchProducts ?attr', searchProducts, 'attr'],
  ] as [string, Operation, string][])('%s declares maxItems 20, and 21 values are refused', async (_, op, name) => {
    expect(param(op, name)).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 });
    const value = (i: number) => (name === 'brand' ? `Brand${i}` : `color:c${i}`);
    const query = (n: number) =>
      [op === searchProducts ? 'q=wool' : '', ...Array.from({ length: n }, (_, i) => `${name}=${value(i)}`)]
        .filter(Boolean)
        .join('&');
    expect((await fetch(`${server.baseUrl}${op.path}?${query(20)}`)).status).toBe(200);
    const res = await fetch(`${server.baseUrl}${op.path}?${query(21)}`);
    envelopeOf(res.status, await res.text(), 400, 'INVALID_REQUEST');
  });

  it('declares the page size bounds (limit 1–100) and refuses 0 and 101', async () => {
    expect(param(listProducts, 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    for (const limit of ['0', '101', '-1']) {
      const res = await fetch(`${server.baseUrl}/api/products?limit=${limit}`);
      envelopeOf(res.status, await res.text(), 400, 'INVALID_REQUEST');
    }
  });
});

describe('request and header timeouts', () => {
  it('defaults to 30 s per request, 10 s for headers and 65 s keep-alive, set on the listening server', async () => {
    const { http } = loadConfig({});
    expect(http).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 65_000 });
    const listening = await listen(express(), 0, '127.0.0.1', http);
    try {
      expect(listening.requestTimeout).toBe(30_000);
      expect(listening.headersTimeout).toBe(10_000);
      expect(listening.keepAliveTimeout).toBe(65_000);
    } finally {
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' })).toThrow(/HEADERS_TIMEOUT_MS/);
  });

  describe('with short timeouts (600 ms per request, 300 ms for headers)', () => {
    let slow: BareServer;
    let slowPort = 0;
    beforeAll(async () => {
      slow = await startBareServer({ products: 2, env: { REQUEST_TIMEOUT_MS: '600', HEADERS_TIMEOUT_MS: '300' } });
      slowPort = Number(new URL(slow.baseUrl).port);
    });
    afterAll(() => slow.close());

    /** Sends `head` at once, then one byte of `trickle` every `everyMs`, until the server answers and closes. */
    function trickled(head: string, trickle: string, everyMs: number) {
      return new Promise<{ answer: string; elapsedMs: number; sent: number }>((resolve, reject) => {
        const started = Date.now();
        const socket = connect(slowPort, '127.0.0.1');
        let answer = '';
        let sent = 0;
        const timer = setInterval(() => {
          if (sent < trickle.length && socket.writable) socket.write(trickle[sent++]!);
        }, everyMs);
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (answer += chunk));
        socket.on('error', (err) => {
          clearInterval(timer);
          if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE')
            return;
          reject(err);
        });
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ answer, elapsedMs: Date.now() - started, sent });
        });
        socket.write(head);
      });
    }

    it('cuts off bodies trickled a byte at a time, in parallel, with 408 in the envelope', async () => {
      const body = JSON.stringify({ email: 'slow@example.com', password: 'x'.repeat(60) });
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          trickled(
            `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
              `X-Request-ID: req_trickle-${i}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
            body,
            100,
          ),
        ),
      );
      // Meanwhile, and after, ordinary requests are answered.
      expect((await fetch(`${slow.baseUrl}/api/categories`)).status).toBe(200);
      results.forEach(({ answer, elapsedMs, sent }, i) => {
        expect(sent).toBeLessThan(body.length);
        expect(elapsedMs).toBeGreaterThanOrEqual(550);
        expect(elapsedMs).toBeLessThan(3_000);
        const envelope = expectRawRefusal(answer, 408, 'Request Timeout', 'REQUEST_TIMEOUT');
        // The request had reached Express: the answer keeps the id it was given.
        expect(envelope.error.request_id).toBe(`req_trickle-${i}`);
      });
    });

    it('cuts off headers trickled a byte at a time', async () => {
      const { answer, elapsedMs } = await trickled(
        'GET /api/categories HTTP/1.1\r\n',
        `Host: 127.0.0.1\r\nX-Slow: ${'s'.repeat(100)}\r\n\r\n`,
        50,
      );
      expect(elapsedMs).toBeLessThan(3_000);
      const envelope = expectRawRefusal(answer, 408, 'Request Timeout', 'REQUEST_TIMEOUT');
      expect(envelope.error.request_id).toMatch(/^req_/);
    });

    it('answers a request sent in time', async () => {
      const res = await fetch(`${slow.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
      });
      envelopeOf(res.status, await res.text(), 401, 'UNAUTHORIZED');
    });
  });
});

/**
 * What the HTTP mount does at its edges, over real HTTP against the composed app listening through
 * `listen()`: caching headers and conditional reads, the CORS allowlist, the body and header size
 * limits, and a social-only account erasing itself.
 */
import { request as httpRequest } from 'node:http';
import {
  ErrorEnvelopeSchema,
  getMe,
  getProduct,
  getProductInventory,
  listCategories,
  listProducts,
  RECENT_SIGN_IN_SECONDS,
  type AuthSession,
  type DomainEvent,
  type ErrorEnvelope,
  type Operation,
  type User,
} from '@holiday-peak-hub/contract';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, recordEvents } from './support/identity-client.ts';
import { startTestIssuer, type TestIssuer } from './support/test-issuer.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { parseRaw, rawExchange as rawExchangeWith } from './support/raw-http.ts';

const ALLOWED_ORIGIN = 'https://shop.example.com';
const OTHER_ORIGIN = 'https://evil.example.com';

let server: TestServer;
let google: TestIssuer;
/** The parsed `BODY_LIMIT` the server runs with, in bytes. */
let bodyLimitBytes = 0;
let port = 0;

beforeAll(async () => {
  google = await startTestIssuer();
  server = await startTestServer({
    products: 5,
    env: { CORS_ORIGINS: `${ALLOWED_ORIGIN}, https://admin.example.com` },
    configure: (config) => {
      const [, amount, unit] = /^(\d+)(kb|mb)$/.exec(config.bodyLimit)!;
      bodyLimitBytes = Number(amount) * (unit === 'kb' ? 1024 : 1024 * 1024);
      config.social = { google: { issuer: google.issuer, jwksUri: google.jwksUri, clientId: 'google-client-id' } };
    },
  });
  port = Number(new URL(server.baseUrl).port);
});
afterAll(async () => {
  await server.close();
  await google.close();
});

const http = () => request(server.baseUrl);

/** What the operation's `cache` field says the `Cache-Control` header must be. */
function publicCacheControl(op: Operation): string {
  if (!op.cache) throw new Error(`${op.operationId} is not a cached operation`);
  return `public, max-age=${op.cache.maxAgeSeconds}, stale-while-revalidate=${op.cache.staleWhileRevalidateSeconds}`;
}

/** A strong entity tag (RFC 9110 §8.8.3): quoted, no `W/`. */
const STRONG_ETAG = /^"[\x21\x23-\x7e]+"$/;

function envelopeOf(res: { status: number; text: string }, status: number, code: string): ErrorEnvelope {
  expect(res.status, res.text).toBe(status);
  const envelope = ErrorEnvelopeSchema.parse(JSON.parse(res.text));
  expect(envelope.error.code).toBe(code);
  expect(Number.isNaN(Date.parse(envelope.error.timestamp))).toBe(false);
  return envelope;
}

let activeProductId = '';
async function productId(): Promise<string> {
  if (activeProductId) return activeProductId;
  const page = await http().get('/api/products?limit=1').expect(200);
  activeProductId = (page.body as { items: { id: string }[] }).items[0]!.id;
  return activeProductId;
}

describe('cached public reads', () => {
  const cachedReads: [string, Operation, () => Promise<string>][] = [
    ['GET /api/products?limit=2', listProducts, () => Promise.resolve('/api/products?limit=2')],
    ['GET /api/products/{id}', getProduct, async () => `/api/products/${await productId()}`],
    [
      'GET /api/products/{id}/inventory',
      getProductInventory,
      async () => `/api/products/${await productId()}/inventory`,
    ],
    ['GET /api/categories', listCategories, () => Promise.resolve('/api/categories')],
  ];

  it('reads the numbers from operations that differ (the test is not blind to them)', () => {
    expect(publicCacheControl(getProductInventory)).not.toBe(publicCacheControl(getProduct));
    expect((getMe as Operation).cache).toBeUndefined();
  });

  describe.each(cachedReads)('%s', (_name, op, pathOf) => {
    it("answers 200 with the operation's Cache-Control, a strong ETag and Vary", async () => {
      const res = await http().get(await pathOf());
      expect(res.status, res.text).toBe(200);
      expect(res.headers['cache-control']).toBe(publicCacheControl(op));
      expect(res.headers.etag).toMatch(STRONG_ETAG);
      expect(res.headers.vary).toBe('Accept-Encoding, Origin');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
      const again = await http().get(await pathOf());
      expect(again.headers.etag).toBe(res.headers.etag);
      expect(again.text).toBe(res.text);
    });

    it('answers If-None-Match with that ETag, `*`, or a list holding it with 304, no body and the same headers', async () => {
      const path = await pathOf();
      const { etag } = (await http().get(path).expect(200)).headers as { etag: string };
      for (const ifNoneMatch of [etag, '*', `"not-this-one", ${etag}`, `W/${etag}`]) {
        const res = await http().get(path).set('If-None-Match', ifNoneMatch);
        expect(res.status, `If-None-Match: ${ifNoneMatch}`).toBe(304);
        expect(res.text ?? '').toBe('');
        expect(res.headers['content-type']).toBeUndefined();
        expect(res.headers.etag).toBe(etag);
        expect(res.headers['cache-control']).toBe(publicCacheControl(op));
        expect(res.headers.vary).toBe('Accept-Encoding, Origin');
        expect(res.headers['x-request-id']).toMatch(/^req_/);
      }
    });

    it('answers a non-matching If-None-Match with 200 and the whole body', async () => {
      const path = await pathOf();
      const fresh = await http().get(path).expect(200);
      for (const ifNoneMatch of ['"not-this-one"', `"x${fresh.headers.etag!.slice(1)}`, '"a", "b"']) {
        const res = await http().get(path).set('If-None-Match', ifNoneMatch);
        expect(res.status, `If-None-Match: ${ifNoneMatch}`).toBe(200);
        expect(res.text).toBe(fresh.text);
        expect(res.headers.etag).toBe(fresh.headers.etag);
      }
    });
  });

  it('gives different representations different ETags', async () => {
    const two = await http().get('/api/products?limit=2').expect(200);
    const three = await http().get('/api/products?limit=3').expect(200);
    expect(two.text).not.toBe(three.text);
    expect(two.headers.etag).not.toBe(three.headers.etag);
  });

  it('answers HEAD of a cached GET with its headers (Content-Length included) and no body, and 304 on a match', async () => {
    const path = `/api/products/${await productId()}`;
    const get = await http().get(path).expect(200);
    const head = await http().head(path);
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    for (const name of ['cache-control', 'etag', 'vary', 'content-type', 'content-length']) {
      expect(head.headers[name], name).toBe(get.headers[name]);
    }
    const notModified = await http().head(path).set('If-None-Match', get.headers.etag!);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(get.headers.etag);
  });

  it('sends no-store on a signed-in read, and answers its ETag in If-None-Match with the whole body', async () => {
    const me = await http().get('/api/users/me').set('Authorization', `Bearer ${server.tokens.customer}`);
    expect(me.status, me.text).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    // The ETag is for If-Match on updates; it never turns a personal read into a 304.
    expect(me.headers.etag).toMatch(STRONG_ETAG);
    for (const ifNoneMatch of [me.headers.etag!, '*']) {
      const again = await http()
        .get('/api/users/me')
        .set('Authorization', `Bearer ${server.tokens.customer}`)
        .set('If-None-Match', ifNoneMatch);
      expect(again.status).toBe(200);
      expect(again.headers['cache-control']).toBe('no-store');
      expect((again.body as User).id).toBe((me.body as User).id);
    }
  });

  it('sends no-store and no ETag on a write, whatever If-None-Match says', async () => {
    const res = await http()
      .post('/api/auth/guest')
      .set('Content-Type', 'application/json')
      .set('If-None-Match', '*')
      .send(JSON.stringify({ token_delivery: 'body' }));
    expect(res.status, res.text).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
    expect((res.body as AuthSession).role).toBe('guest');
  });
});

describe('CORS allowlist', () => {
  const EXPOSED = 'ETag,Location,Retry-After,X-Request-ID,Idempotent-Replayed';

  it('echoes an allowed origin with credentials and the exposed headers', async () => {
    for (const origin of [ALLOWED_ORIGIN, 'https://admin.example.com']) {
      const res = await http().get('/api/categories').set('Origin', origin);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(res.headers['access-control-expose-headers']).toBe(EXPOSED);
      expect(res.headers.vary).toBe('Accept-Encoding, Origin');
    }
  });

  it('keeps the CORS headers on error answers, so the browser can read the envelope', async () => {
    const res = await http().get('/api/users/me').set('Origin', ALLOWED_ORIGIN);
    envelopeOf(res, 401, 'UNAUTHORIZED');
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toBe(EXPOSED);
  });

  it('answers a preflight from an allowed origin with 204, the methods, the asked headers and a max age', async () => {
    const res = await http()
      .options('/api/users/me')
      .set('Origin', ALLOWED_ORIGIN)
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization, if-match, content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toBe('GET,HEAD,PUT,PATCH,POST,DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('authorization, if-match, content-type');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['content-length']).toBe('0');
  });

  it('gives a disallowed origin (or a near miss of an allowed one) no CORS header, on reads and preflights', async () => {
    const refused = [OTHER_ORIGIN, 'http://shop.example.com', 'https://shop.example.com.evil.com', 'null'];
    for (const origin of refused) {
      const read = await http().get('/api/categories').set('Origin', origin);
      expect(read.status).toBe(200);
      const preflight = await http()
        .options('/api/users/me')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'DELETE');
      for (const res of [read, preflight]) {
        const cors = Object.keys(res.headers).filter((name) => name.startsWith('access-control-'));
        expect(cors, origin).toEqual([]);
      }
    }
  });

  it('does no CORS work for a request without Origin', async () => {
    const res = await http().get('/api/categories').expect(200);
    expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

/** A login body of exactly `size` bytes (a long password pads it). */
function loginBodyOf(size: number): string {
  if (size < 1024) throw new Error(`no body limit read from the configuration (${size})`);
  const base = JSON.stringify({ email: 'someone@example.com', password: '' });
  const body = JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(size - base.length) });
  expect(Buffer.byteLength(body)).toBe(size);
  return body;
}

/** A POST whose body is sent chunked, without Content-Length (so the limit is found while reading). */
function postChunked(path: string, chunks: string[]): Promise<{ status: number; requestId: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, requestId: String(res.headers['x-request-id']), text }),
        );
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('body limit', () => {
  it('answers a JSON body one byte over the limit with 413 in the envelope, naming the request', async () => {
    const res = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Request-ID', 'req_too-large-body')
      .send(loginBodyOf(bodyLimitBytes + 1));
    const envelope = envelopeOf(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(envelope.error.message).toBe('The body is larger than the server accepts');
    expect(envelope.error.details).toEqual({});
    expect(envelope.error.request_id).toBe('req_too-large-body');
    expect(res.headers['x-request-id']).toBe('req_too-large-body');
  });

  it('reads a body of exactly the limit (and answers it on its merits)', async () => {
    const res = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(loginBodyOf(bodyLimitBytes));
    envelopeOf(res, 400, 'INVALID_REQUEST');
  });

  it('answers 413 for a chunked body without Content-Length that grows past the limit', async () => {
    const body = loginBodyOf(bodyLimitBytes + 1024);
    const res = await postChunked('/api/auth/login', body.match(/[^]{1,16384}/g)!);
    const envelope = envelopeOf(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(envelope.error.request_id).toBe(res.requestId);
    expect(res.requestId).toMatch(/^req_/);
  });
});

/** Writes raw bytes to the test server and reads everything it answers until it closes. */
const rawExchange = (bytes: string) => rawExchangeWith(bytes, port);

describe('requests the HTTP parser refuses', () => {
  it('answers oversized headers with 431 in the envelope and closes the connection', async () => {
    const answer = await rawExchange(
      `GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const { statusLine, headers, body } = parseRaw(answer);
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('connection')).toBe('close');
    expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body));
    const envelope = envelopeOf({ status: 431, text: body }, 431, 'HEADERS_TOO_LARGE');
    expect(envelope.error.message).toBe('The request line or headers are too large');
    expect(envelope.error.details).toEqual({});
    // A request id is made for a request that was never parsed, and sent back as for any other.
    expect(envelope.error.request_id).toMatch(/^req_/);
    expect(headers.get('x-request-id')).toBe(envelope.error.request_id);
  });

  it('answers the same headers under the limit normally', async () => {
    const answer = await rawExchange(
      `GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(8_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(parseRaw(answer).statusLine).toBe('HTTP/1.1 200 OK');
  });

  it('answers an unparseable request line with 400 in the envelope', async () => {
    const { statusLine, body } = parseRaw(await rawExchange('NOT HTTP AT ALL\r\n\r\n'));
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    const envelope = envelopeOf({ status: 400, text: body }, 400, 'INVALID_REQUEST');
    expect(envelope.error.message).toBe('The request could not be parsed');
  });
});

describe('a social-only account deleting itself', () => {
  it('is erased (204) when signed in within the last ten minutes, without a password', async () => {
    const sub = `http-edges-${Date.now()}`;
    const email = `${sub}@example.com`;
    const idToken = () =>
      google.token('customer', {
        sub,
        audience: 'google-client-id',
        payload: { email, email_verified: true, name: 'Gina Google', role: undefined },
      });
    const signIn = async () =>
      api<AuthSession>(server, 'POST', '/api/auth/social/google', {
        body: { id_token: await idToken(), token_delivery: 'body' },
      });
    const events: DomainEvent[] = recordEvents(server);

    const session = await signIn();
    expect(session.status).toBe(200);
    const { access_token: access, refresh_token: refresh } = session.body.tokens!;
    const id = session.body.subject;

    // A minute before the window closes (the refusal after it is tested with social sign-in).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (RECENT_SIGN_IN_SECONDS - 60) * 1000 });
    try {
      const deleted = await api(server, 'DELETE', '/api/users/me', { token: access, body: {} });
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
      expect(deleted.body).toBeNull();
      expect(deleted.headers.get('cache-control')).toBe('no-store');
    } finally {
      vi.useRealTimers();
    }

    expect(events.filter((e) => e.event_type === 'UserDeleted').map((e) => e.data)).toMatchObject([{ user_id: id }]);
    const me = await api(server, 'GET', '/api/users/me', { token: access });
    expect(me.status).toBe(401);
    expect(ErrorEnvelopeSchema.parse(me.body).error.code).toBe('UNAUTHORIZED');
    const refreshed = await api(server, 'POST', '/api/auth/refresh', { body: { refresh_token: refresh } });
    expect(refreshed.status).toBe(401);
    // The identity no longer finds the erased account: signing in again makes a new one.
    const again = await signIn();
    expect(again.status).toBe(200);
    expect(again.body.subject).not.toBe(id);
  });
});

import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProductOptions } from './gen/@tanstack/react-query.gen.ts';
import {
  createHolidayPeakClient,
  getProduct,
  HolidayPeakApiError,
  listProducts,
  staffListProducts,
  unwrap,
} from './index.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

const seen: Seen[] = [];
let baseUrl = '';

const envelope = (code: string, message: string) => ({
  error: { code, message, details: {}, timestamp: '2026-01-25T10:45:00Z', request_id: 'req_test_1' },
});

function answer(req: IncomingMessage, res: ServerResponse): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const url = new URL(req.url ?? '/', 'http://x');
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_header_1' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/base/api/products') return json(200, { items: [], next_cursor: null });
  if (url.pathname === '/api/products') return json(200, { items: [], next_cursor: 'abc' });
  if (url.pathname === '/api/products/missing') return json(404, envelope('RESOURCE_NOT_FOUND', 'Product not found'));
  if (url.pathname === '/api/products/p1') return json(200, { id: 'p1' });
  if (url.pathname === '/api/products/gateway') {
    res.writeHead(502, { 'content-type': 'text/html' });
    return void res.end('<html>Bad gateway</html>');
  }
  if (url.pathname === '/api/staff/products') {
    const auth = req.headers.authorization;
    if (auth === 'Bearer staff-token') return json(200, { items: [], next_cursor: null });
    return json(401, envelope('UNAUTHORIZED', 'Missing or invalid token'));
  }
  json(404, envelope('RESOURCE_NOT_FOUND', 'No route'));
}

const server = createServer(answer);

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

const last = (): Seen => {
  const entry = seen.at(-1);
  if (!entry) throw new Error('no request reached the server');
  return entry;
};

describe('createHolidayPeakClient', () => {
  it('sends calls to the base URL (trailing slash and path prefix kept) with the given headers', async () => {
    const client = createHolidayPeakClient({ baseUrl: `${baseUrl}/base/`, headers: { 'x-app': 'storefront' } });
    const { data } = await listProducts({ client });
    expect(data).toEqual({ items: [], next_cursor: null });
    expect(last().url).toBe('/base/api/products');
    expect(last().headers['x-app']).toBe('storefront');
  });

  it('serialises filters and the cursor as the contract declares (repeated array keys)', async () => {
    const client = createHolidayPeakClient({ baseUrl });
    await listProducts({ client, query: { brand: ['Acme', 'Zen'], in_stock: true, limit: 5, cursor: 'abc' } });
    expect(last().url).toBe('/api/products?brand=Acme&brand=Zen&in_stock=true&limit=5&cursor=abc');
  });

  it('asks the token provider on every secured call and sends Authorization: Bearer', async () => {
    let calls = 0;
    const client = createHolidayPeakClient({
      baseUrl,
      getToken: async () => {
        calls += 1;
        return Promise.resolve('staff-token');
      },
    });
    const page = await unwrap(staffListProducts({ client }));
    expect(page.items).toEqual([]);
    expect(last().headers.authorization).toBe('Bearer staff-token');
    // The operation also accepts the `hph_access` cookie: the token must not be copied into a Cookie header.
    expect(last().headers.cookie).toBeUndefined();
    await staffListProducts({ client });
    expect(calls).toBe(2);
  });

  it('sends no Authorization header to public operations, nor when the provider has no token', async () => {
    const client = createHolidayPeakClient({ baseUrl, getToken: () => 'staff-token' });
    await getProduct({ client, path: { id: 'p1' } });
    expect(last().headers.authorization).toBeUndefined();

    const anonymous = createHolidayPeakClient({ baseUrl, getToken: () => undefined });
    const { error } = await staffListProducts({ client: anonymous });
    expect(last().headers.authorization).toBeUndefined();
    expect(error).toBeInstanceOf(HolidayPeakApiError);
    expect((error as HolidayPeakApiError).code).toBe('UNAUTHORIZED');
  });

  it('uses the fetch it is given', async () => {
    const urls: string[] = [];
    const client = createHolidayPeakClient({
      baseUrl,
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    await getProduct({ client, path: { id: 'p1' } });
    expect(urls).toEqual([`${baseUrl}/api/products/p1`]);
  });
});

describe('errors', () => {
  const client = () => createHolidayPeakClient({ baseUrl });

  it('maps the envelope to HolidayPeakApiError with code, status and request id (returned style)', async () => {
    const { data, error } = await getProduct({ client: client(), path: { id: 'missing' } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(HolidayPeakApiError);
    const apiError = error as HolidayPeakApiError;
    expect([apiError.code, apiError.status, apiError.requestId, apiError.fromEnvelope]).toEqual([
      'RESOURCE_NOT_FOUND',
      404,
      'req_test_1',
      true,
    ]);
    expect(apiError.message).toBe('Product not found');
    // Still the generated `ErrorEnvelope` shape.
    expect(apiError.error.code).toBe('RESOURCE_NOT_FOUND');
  });

  it('throws HolidayPeakApiError with throwOnError and with unwrap', async () => {
    await expect(getProduct({ client: client(), path: { id: 'missing' }, throwOnError: true })).rejects.toMatchObject({
      name: 'HolidayPeakApiError',
      code: 'RESOURCE_NOT_FOUND',
      status: 404,
    });
    await expect(unwrap(getProduct({ client: client(), path: { id: 'missing' } }))).rejects.toBeInstanceOf(
      HolidayPeakApiError,
    );
    await expect(unwrap(getProduct({ client: client(), path: { id: 'p1' } }))).resolves.toEqual({ id: 'p1' });
  });

  it('names a response without envelope by its status and keeps the header request id', async () => {
    const error = await getProduct({ client: client(), path: { id: 'gateway' }, throwOnError: true }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(HolidayPeakApiError);
    const apiError = error as HolidayPeakApiError;
    expect([apiError.code, apiError.status, apiError.fromEnvelope]).toEqual(['SERVICE_UNAVAILABLE', 502, false]);
    expect(apiError.details).toEqual({ body: '<html>Bad gateway</html>' });
  });

  it('reports a network failure with status 0 and the cause', async () => {
    const dead = createHolidayPeakClient({ baseUrl: 'http://127.0.0.1:1' });
    const { error } = await getProduct({ client: dead, path: { id: 'p1' } });
    const apiError = error as HolidayPeakApiError;
    expect(apiError).toBeInstanceOf(HolidayPeakApiError);
    expect([apiError.status, apiError.code, apiError.requestId]).toEqual([0, 'SERVICE_UNAVAILABLE', undefined]);
    expect(apiError.cause).toBeInstanceOf(TypeError);
  });

  it('lets an abort through untouched', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await getProduct({ client: client(), path: { id: 'p1' }, signal: controller.signal });
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('gives TanStack Query options that use the client and reject with HolidayPeakApiError', async () => {
    const queryClient = new QueryClient();
    const found = await queryClient.fetchQuery(getProductOptions({ client: client(), path: { id: 'p1' } }));
    expect(found).toEqual({ id: 'p1' });
    const missing = getProductOptions({ client: client(), path: { id: 'missing' } });
    expect(missing.queryKey[0]).toMatchObject({ _id: 'getProduct', path: { id: 'missing' } });
    await expect(queryClient.fetchQuery(missing)).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND', status: 404 });
  });
});

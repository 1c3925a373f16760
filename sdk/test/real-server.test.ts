// The SDK against the real server (same composition as `npm start`, embedded Cosmos DB stand-in, local token issuer).
import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { getProductOptions } from '../src/gen/@tanstack/react-query.gen.ts';
import {
  type Client,
  createHolidayPeakClient,
  getProduct,
  HolidayPeakApiError,
  listProducts,
  staffGetProduct,
  staffListProducts,
  unwrap,
  updateProduct,
} from '../src/index.ts';

let server: TestServer;
let publicClient: Client;
const as = (role: 'customer' | 'staff' | 'admin') =>
  createHolidayPeakClient({ baseUrl: server.baseUrl, getToken: () => server.tokens[role] });

beforeAll(async () => {
  server = await startTestServer({ products: 12 });
  publicClient = createHolidayPeakClient({ baseUrl: server.baseUrl });
});

afterAll(async () => {
  await server.close();
});

describe('SDK against the real server', () => {
  it('walks every product page by cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await unwrap(listProducts({ client: publicClient, query: { limit: 5, cursor } }));
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads a product, through the function and through TanStack Query options', async () => {
    const page = await unwrap(listProducts({ client: publicClient, query: { limit: 1 } }));
    const id = page.items[0]?.id;
    if (!id) throw new Error('the demo catalog has no active product');
    const product = await unwrap(getProduct({ client: publicClient, path: { id } }));
    expect(product.id).toBe(id);
    const viaQuery = await new QueryClient().fetchQuery(getProductOptions({ client: publicClient, path: { id } }));
    expect(viaQuery).toEqual(product);
  });

  it('maps the server envelope: 404, 401, 403, 400 with issues', async () => {
    const missing = await getProduct({ client: publicClient, path: { id: 'toys-games.aaaaaaaaaaaa' } });
    expect(missing.error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', status: 404, fromEnvelope: true });
    expect((missing.error as HolidayPeakApiError).requestId).toBe(missing.response?.headers.get('x-request-id'));

    const anonymous = await staffListProducts({ client: publicClient });
    expect(anonymous.error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    const customer = await staffListProducts({ client: as('customer') });
    expect(customer.error).toMatchObject({ code: 'FORBIDDEN', status: 403 });

    const invalid = await listProducts({ client: publicClient, query: { limit: 1000 } });
    expect(invalid.error).toBeInstanceOf(HolidayPeakApiError);
    expect(invalid.error).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
    expect((invalid.error as HolidayPeakApiError).details).toHaveProperty('issues');
  });

  it('sends the staff token and honours If-Match (412 on a stale ETag)', async () => {
    const staff = as('staff');
    const page = await unwrap(staffListProducts({ client: staff, query: { limit: 1 } }));
    const id = page.items[0]?.id;
    if (!id) throw new Error('no product for staff');
    const read = await staffGetProduct({ client: staff, path: { id } });
    const etag = read.response?.headers.get('etag');
    expect(etag).toBeTruthy();
    const updated = await updateProduct({
      client: staff,
      path: { id },
      headers: { 'if-match': etag ?? '' },
      body: { name: 'Renamed by the SDK test' },
    });
    expect(updated.error).toBeUndefined();
    const stale = await updateProduct({
      client: staff,
      path: { id },
      headers: { 'if-match': etag ?? '' },
      body: { name: 'Second rename' },
    });
    expect(stale.error).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
  });
});

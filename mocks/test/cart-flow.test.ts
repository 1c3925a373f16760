/**
 * A cart through the SDK against the mocks (MSW in Node): a guest fills a cart, signs in, and the
 * guest cart joins the customer's. The same core answers as on the server.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import {
  addCartItem,
  createHolidayPeakClient,
  createTokenSession,
  getCart,
  isHolidayPeakApiError,
  mergeCart,
  signIn,
  startGuest,
  unwrap,
  updateCartItem,
} from '@holiday-peak-hub/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, useMockApi } from '../src/test-support.ts';

const { store } = useMockApi();
const newClient = () => createHolidayPeakClient({ baseUrl: BASE_URL, session: createTokenSession() });

describe('a cart in the mocks, through the SDK', () => {
  it('a guest adds, the customer signs in and merges; a stale If-Match is a 412', async () => {
    const product = store.catalog.products.find((p) => p.status === 'active' && p.variants.some((v) => v.stock >= 3))!;
    const variant = product.variants.find((v) => v.stock >= 3)!;
    const guest = newClient();
    const guestSession = await startGuest(guest);
    const added = await addCartItem({
      client: guest,
      body: { product_id: product.id, variant_id: variant.variant_id, quantity: 2 },
    });
    expect(added.response?.status).toBe(200);
    const cart = added.data!;
    expect(cart.items[0]).toMatchObject({ name: product.name, sku: variant.sku, quantity: 2, issues: [] });
    expect(cart.totals.subtotal).toBe(cart.items[0]!.line_total);
    const etag = added.response?.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);

    const changed = await unwrap(
      updateCartItem({
        client: guest,
        path: { id: cart.items[0]!.id },
        headers: { 'if-match': etag },
        body: { quantity: 3 },
      }),
    );
    expect(changed.item_count).toBe(3);
    const stale = await updateCartItem({
      client: guest,
      path: { id: cart.items[0]!.id },
      headers: { 'if-match': etag },
      body: { quantity: 1 },
    });
    expect(isHolidayPeakApiError(stale.error) && stale.error.code).toBe('PRECONDITION_FAILED');

    const customer = newClient();
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'customer')!;
    await signIn(customer, { email: account.email, password: DEMO_PASSWORD });
    const merged = await unwrap(
      mergeCart({ client: customer, body: { guest_token: guestSession.tokens!.access_token } }),
    );
    expect(merged.items.map((l) => [l.product_id, l.variant_id, l.quantity])).toEqual([
      [product.id, variant.variant_id, 3],
    ]);
    expect((await unwrap(getCart({ client: guest }))).items).toEqual([]);
    expect(await unwrap(getCart({ client: customer }))).toEqual(merged);
  });
});

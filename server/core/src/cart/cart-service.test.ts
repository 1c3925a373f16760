import { MAX_LINE_QUANTITY, type Cart } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductDocument } from '../catalog/documents.ts';
import { productDocument } from '../catalog/seed-documents.ts';
import type { Authenticator } from '../pipeline/authenticate.ts';
import { AppError, UnauthorizedError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import { MemoryCartRepository, type CartTable } from './memory/memory-cart-repository.ts';
import type { CartPromotions } from './ports.ts';
import { createCart, type CartModule } from './module.ts';

/** The cart services on the in-memory repository, over a catalog held in a Map. */

const START = new Date('2026-11-15T12:00:00Z');
const seed = demoCatalog({ products: 12, now: START });
let now: Date;
let products: Map<string, ProductDocument>;
let table: CartTable;
let cart: CartModule;

const guest: Caller = { role: 'guest', userId: 'gst_a', email: null, issuer: 'test', sessionId: 's1' };
const otherGuest: Caller = { role: 'guest', userId: 'gst_b', email: null, issuer: 'test', sessionId: 's2' };
const customer: Caller = { role: 'customer', userId: 'usr_c', email: 'c@example.com', issuer: 'test', sessionId: 's3' };
const tokens: Record<string, Caller> = { 'token-a': guest, 'token-b': otherGuest, 'token-c': customer };
const authenticate: Authenticator = (request) => {
  const token = String(request.headers.authorization).replace('Bearer ', '');
  const caller = tokens[token];
  return caller ? Promise.resolve(caller) : Promise.reject(new UnauthorizedError());
};
const ctx = (ifMatch?: string) => ({ requestId: 'req-1', ifMatch });
/** No code exists here (promo codes on the cart: cart-promo.test.ts). */
const noPromotions: CartPromotions = {
  evaluate: () => Promise.resolve({ ok: false, refusal: { reason: 'unknown_or_inactive' } }),
};

/** An active product with two variants, 20 units of each, changed as a test needs. */
function product(index = 0, change: (doc: ProductDocument) => void = () => {}): ProductDocument {
  const candidates = [...products.values()].filter((p) => p.status === 'active');
  const doc = candidates[index]!;
  const first = doc.variants[0]!;
  const second = doc.variants[1] ?? { ...first, variant_id: `${first.variant_id}_b`, sku: `${first.sku}-B` };
  doc.variants = [first, second].map((v) => ({ ...v, stock: 20 }));
  change(doc);
  return doc;
}
const item = (doc: ProductDocument, quantity = 1, variant = 0) => ({
  product_id: doc.id,
  variant_id: doc.variants[variant]!.variant_id,
  quantity,
});
const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = err.details.reason;
    return `${err.status} ${typeof reason === 'string' ? reason : err.code}`;
  }
};

beforeEach(() => {
  now = START;
  products = new Map(seed.products.map((p) => [p.id, productDocument(p)]));
  table = new Map();
  cart = createCart({
    carts: new MemoryCartRepository(table),
    catalog: { get: (id) => Promise.resolve(products.get(id)) },
    promotions: noPromotions,
    authenticate,
    clock: () => now,
  });
});

describe('a cart priced from the catalog', () => {
  it('starts empty, with the ETag of an absent cart', async () => {
    const { cart: view, version } = await cart.service.get(guest);
    expect(view).toEqual({
      items: [],
      item_count: 0,
      totals: { subtotal: 0, discount: 0, tax_estimate: 0, shipping: 0, total_estimate: 0, currency: 'USD' },
      promo_code: null,
      promo_issue: null,
      shipping: null,
      updated_at: null,
      expires_at: null,
    });
    expect(httpEtag(version)).toBe('"empty"');
  });

  it('prices each line in minor units: 3 × (19.99 + 1.01) at 8.25 %', async () => {
    const doc = product(0, (p) => {
      p.price = { ...p.price, amount: 19.99, tax_rate: 0.0825 };
      p.variants[0]!.price_adjustment = 1.01;
    });
    const { cart: view } = await cart.service.add(guest, item(doc, 3), ctx());
    expect(view.items[0]).toMatchObject({ unit_price: 21, line_total: 63, issues: [], available_quantity: 20 });
    expect(view.totals).toEqual({
      subtotal: 63,
      discount: 0,
      tax_estimate: 5.2,
      shipping: 0,
      total_estimate: 68.2,
      currency: 'USD',
    });
    expect(view.item_count).toBe(3);
  });

  it('adds to the line of a variant already in the cart, and reads the price at every read', async () => {
    const doc = product();
    await cart.service.add(guest, item(doc, 2), ctx());
    await cart.service.add(guest, item(doc, 3), ctx());
    doc.price = { ...doc.price, amount: 10 };
    doc.variants[0]!.price_adjustment = 0;
    const { cart: view } = await cart.service.get(guest);
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({ quantity: 5, unit_price: 10, line_total: 50 });
  });

  it('refuses unknown products and variants, the line limit and more than the stock (422)', async () => {
    const doc = product(0, (p) => (p.variants[0]!.stock = 4));
    expect(await code(cart.service.add(guest, { ...item(doc), product_id: 'toys-games.zzzzzzzzzzzz' }, ctx()))).toBe(
      '422 unknown_product',
    );
    expect(await code(cart.service.add(guest, { ...item(doc), variant_id: 'var_nope' }, ctx()))).toBe(
      '422 unknown_variant',
    );
    expect(await code(cart.service.add(guest, { product_id: doc.id, quantity: 1 }, ctx()))).toBe(
      '422 variant_required',
    );
    expect(await code(cart.service.add(guest, item(doc, 5), ctx()))).toBe('422 insufficient_stock');
    doc.variants[0]!.stock = 500;
    await cart.service.add(guest, item(doc, MAX_LINE_QUANTITY - 1), ctx());
    expect(await code(cart.service.add(guest, item(doc, 2), ctx()))).toBe('422 line_limit');
    expect((await cart.service.get(guest)).cart.items[0]!.quantity).toBe(MAX_LINE_QUANTITY - 1);
  });

  it('flags lines whose product was archived or deleted, or whose stock fell, and leaves them out of the totals', async () => {
    const [a, b, c] = [product(0), product(1), product(2)];
    for (const doc of [a, b, c]) await cart.service.add(guest, item(doc, 3), ctx());
    a.status = 'archived';
    products.delete(b.id);
    c.variants[0]!.stock = 1;
    const { cart: view } = await cart.service.get(guest);
    expect(view.items.map((l) => [l.issues, l.available_quantity])).toEqual([
      [['unavailable'], 0],
      [['unavailable'], 0],
      [['insufficient_stock'], 1],
    ]);
    expect(view.items[1]).toMatchObject({ name: null, sku: null, unit_price: null, line_total: null });
    expect(view.totals.subtotal).toBe(view.items[2]!.line_total);
  });

  it('updates and removes lines of its own cart only: another cart’s line is a 404', async () => {
    const doc = product();
    const line = (await cart.service.add(guest, item(doc), ctx())).cart.items[0]!;
    expect(await code(cart.service.update(otherGuest, line.id, 2, ctx()))).toBe('404 RESOURCE_NOT_FOUND');
    expect(await code(cart.service.remove(otherGuest, line.id, ctx()))).toBe('404 RESOURCE_NOT_FOUND');
    expect((await cart.service.update(guest, line.id, 4, ctx())).cart.items[0]!.quantity).toBe(4);
    expect(await code(cart.service.update(guest, line.id, 21, ctx()))).toBe('422 insufficient_stock');
    expect((await cart.service.remove(guest, line.id, ctx())).cart.items).toEqual([]);
  });

  it('honours If-Match: the current version passes, a stale one is a 412', async () => {
    const doc = product();
    const first = await cart.service.add(guest, item(doc), ctx('"empty"'));
    expect(await code(cart.service.add(guest, item(doc), ctx('"empty"')))).toBe('412 PRECONDITION_FAILED');
    const second = await cart.service.add(guest, item(doc), ctx(httpEtag(first.version)));
    expect(second.cart.items[0]!.quantity).toBe(2);
    expect(await code(cart.service.clear(guest, ctx(httpEtag(first.version))))).toBe('412 PRECONDITION_FAILED');
  });

  it('lives 14 days after its last change for a guest, 90 for a customer, renewed on every write', async () => {
    const doc = product();
    await cart.service.add(guest, item(doc), ctx());
    await cart.service.add(customer, item(doc), ctx());
    expect(table.get('gst_a')!.ttl).toBe(14 * 24 * 3600);
    expect(table.get('usr_c')!.ttl).toBe(90 * 24 * 3600);
    now = new Date(START.getTime() + 13 * 24 * 3600_000);
    await cart.service.add(guest, item(doc), ctx());
    now = new Date(START.getTime() + 20 * 24 * 3600_000);
    expect((await cart.service.get(guest)).cart.item_count).toBe(2);
    now = new Date(START.getTime() + 28 * 24 * 3600_000);
    expect((await cart.service.get(guest)).cart.items).toEqual([]);
    expect((await cart.service.get(customer)).cart.expires_at).toBe('2027-02-13T12:00:00.000Z');
  });

  it('loses no add under concurrency: 20 parallel adds of different variants, 30 of one', async () => {
    const docs = Array.from({ length: 10 }, (_, i) => product(i));
    await Promise.all(docs.flatMap((doc) => [0, 1].map((v) => cart.service.add(guest, item(doc, 1, v), ctx()))));
    expect((await cart.service.get(guest)).cart.items).toHaveLength(20);
    docs[0]!.variants[0]!.stock = 1000;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => code(cart.service.add(customer, item(docs[0]!, 5), ctx()))),
    );
    const accepted = results.filter((r) => r === 'ok').length;
    expect(results.filter((r) => r !== 'ok').every((r) => r === '422 line_limit')).toBe(true);
    expect((await cart.service.get(customer)).cart.items[0]!.quantity).toBe(5 * accepted);
    expect(5 * accepted).toBe(95);
  });
});

describe('merging a guest cart', () => {
  const merge = (token: string, caller = customer) =>
    cart.handlers.mergeCart({
      input: { params: {}, query: {}, headers: {}, body: { guest_token: token } },
      caller,
      requestId: 'req-m',
      http: undefined as never,
    });
  const lines = (view: Cart) => view.items.map((l) => [l.product_id, l.variant_id, l.quantity]);

  it('sums the quantities of a variant in both, capped by stock, adds the others, deletes the guest cart', async () => {
    const [a, b] = [product(0, (p) => (p.variants[0]!.stock = 6)), product(1)];
    await cart.service.add(customer, item(a, 4), ctx());
    await cart.service.add(guest, item(a, 5), ctx());
    await cart.service.add(guest, item(b, 2), ctx());
    const merged = await merge('token-a');
    expect(lines(merged.body)).toEqual([
      [a.id, a.variants[0]!.variant_id, 6],
      [b.id, b.variants[0]!.variant_id, 2],
    ]);
    expect(table.has('gst_a')).toBe(false);
    const again = await merge('token-a');
    expect(again.body).toEqual(merged.body);
    expect(again.headers?.ETag).toBe(merged.headers?.ETag);
  });

  it('counts each guest line once when merges race', async () => {
    const doc = product();
    await cart.service.add(guest, item(doc, 2), ctx());
    await Promise.all(Array.from({ length: 8 }, () => merge('token-a')));
    expect(lines((await cart.service.get(customer)).cart)).toEqual([[doc.id, doc.variants[0]!.variant_id, 2]]);
  });

  it('refuses a token that is not a live guest session’s (422)', async () => {
    for (const token of ['token-c', 'nonsense']) {
      expect(await code(merge(token))).toBe('422 UNPROCESSABLE_ENTITY');
    }
  });
});

import { toMinor } from '@holiday-peak-hub/contract';
import { demoCatalog, demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductDocument } from '../catalog/documents.ts';
import { createMemoryCatalogRepositories } from '../catalog/memory/memory-catalog.ts';
import { productDocument } from '../catalog/seed-documents.ts';
import { AppError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { InProcessEventBus } from '../platform/events/in-process-event-bus.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import { silentLogger } from '../ports/logger.ts';
import {
  createMemoryPromotionRepositories,
  type MemoryPromotionRepositories,
} from '../promotions/memory/memory-promotions.ts';
import { createPromotions, type Promotions } from '../promotions/module.ts';
import { promotionDocument } from '../promotions/seed-documents.ts';
import { MemoryCartRepository, type CartTable } from './memory/memory-cart-repository.ts';
import { createCart, type CartModule } from './module.ts';

/** Promo codes on the cart, on the in-memory adapters: the demo codes, a catalog in a Map. */

const START = new Date('2026-11-15T12:00:00Z');
const DAY = 24 * 3600_000;
const seed = demoCatalog({ products: 6, now: START });
let now: Date;
let products: Map<string, ProductDocument>;
let table: CartTable;
let cart: CartModule;
let promotions: Promotions<MemoryPromotionRepositories>;

const guest: Caller = { role: 'guest', userId: 'gst_p', email: null, issuer: 'test', sessionId: 's1' };
const customer: Caller = { role: 'customer', userId: 'usr_p', email: 'p@example.com', issuer: 'test', sessionId: 's2' };
const ctx = (ifMatch?: string) => ({ requestId: 'req-p', ifMatch });

/** Active product `index`, one variant priced `amount` with `stock` units, taxed 8.25 %, in `category`. */
function product(index: number, amount: number, category = 'toys-games'): ProductDocument {
  const doc = [...products.values()].filter((p) => p.status === 'active')[index]!;
  doc.price = { ...doc.price, amount, currency: 'USD', tax_rate: 0.0825 };
  doc.category_slug = category;
  doc.variants = [{ ...doc.variants[0]!, price_adjustment: 0, stock: 50 }];
  return doc;
}
const add = (caller: Caller, doc: ProductDocument, quantity: number) =>
  cart.service.add(caller, { product_id: doc.id, variant_id: doc.variants[0]!.variant_id, quantity }, ctx());
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'applied';
  } catch (err) {
    if (err instanceof AppError) return `${err.status} ${err.code}`;
    throw err;
  }
};

beforeEach(() => {
  now = START;
  products = new Map(seed.products.map((p) => [p.id, productDocument(p)]));
  table = new Map();
  const events = new InProcessEventBus(silentLogger);
  const catalog = createMemoryCatalogRepositories({ publisher: events, logger: silentLogger }, seed);
  promotions = createPromotions({
    repositories: (publisher) => createMemoryPromotionRepositories({ publisher, logger: silentLogger }),
    events,
    categories: catalog.categories,
    clock: () => now,
    logger: silentLogger,
    eventSource: 'test',
  });
  for (const p of demoPromotions(START)) promotions.repositories.promotions.upsert(promotionDocument(p));
  cart = createCart({
    carts: new MemoryCartRepository(table),
    catalog: { get: (id) => Promise.resolve(products.get(id)) },
    promotions: promotions.service,
    authenticate: () => Promise.reject(new Error('no merges here')),
    clock: () => now,
  });
});

describe('a promo code on the cart', () => {
  it('applies HOLIDAY10 in any case: 10 % of the lines, rounded half up once, total = Σ lines − discount + tax', async () => {
    await add(guest, product(0, 19.99), 3); // 59.97, tax 4.95
    await add(guest, product(1, 0.35), 1); // 0.35, tax 0.03
    const { cart: view } = await cart.service.applyPromo(guest, 'holiday10', ctx());
    expect(view.promo_code).toBe('HOLIDAY10');
    expect(view.promo_issue).toBeNull();
    // 10 % of 60.32 = 6.032 → 6.03
    expect(view.totals).toEqual({
      subtotal: 60.32,
      discount: 6.03,
      tax_estimate: 4.98,
      shipping: 0,
      total_estimate: 59.27,
      currency: 'USD',
    });
    const { subtotal, discount, tax_estimate, total_estimate } = view.totals;
    expect(toMinor(total_estimate)).toBe(toMinor(subtotal) - toMinor(discount) + toMinor(tax_estimate));
    expect(table.get('gst_p')!.promo_code).toBe('HOLIDAY10');
  });

  it('takes a fixed amount off the eligible category only, and free shipping gives no line discount', async () => {
    await add(customer, product(0, 450, 'electronics-laptops'), 1);
    await add(customer, product(1, 100), 1);
    const laptops = await cart.service.applyPromo(customer, 'LAPTOPS50', ctx());
    expect(laptops.cart.totals).toMatchObject({ subtotal: 550, discount: 50 });
    const freeShipping = await cart.service.applyPromo(customer, 'FREESHIP', ctx());
    expect(freeShipping.cart).toMatchObject({ promo_code: 'FREESHIP', promo_issue: null });
    expect(freeShipping.cart.totals).toMatchObject({ subtotal: 550, discount: 0 });
  });

  it('refuses each code that does not apply with its PROMO_* 422, and changes nothing', async () => {
    await add(customer, product(0, 20), 1);
    const before = table.get('usr_p')!;
    expect(await refusal(cart.service.applyPromo(customer, 'NOPE42', ctx()))).toBe('422 PROMO_CODE_INVALID');
    expect(await refusal(cart.service.applyPromo(customer, 'FREESHIP', ctx()))).toBe('422 PROMO_MINIMUM_NOT_MET');
    await add(customer, product(1, 600), 1);
    expect(await refusal(cart.service.applyPromo(customer, 'LAPTOPS50', ctx()))).toBe('422 PROMO_NOT_APPLICABLE');
    await promotions.repositories.ledger.redeem('HOLIDAY10', 'ord-1', 'usr_p', now);
    expect(await refusal(cart.service.applyPromo(customer, 'HOLIDAY10', ctx()))).toBe(
      '422 PROMO_CUSTOMER_LIMIT_REACHED',
    );
    now = new Date(START.getTime() + 61 * DAY);
    expect(await refusal(cart.service.applyPromo(customer, 'HOLIDAY10', ctx()))).toBe('422 PROMO_CODE_EXPIRED');
    expect(table.get('usr_p')!.promo_code).toBeUndefined();
    expect(table.get('usr_p')!.lines).toHaveLength(2);
    expect(before.promo_code).toBeUndefined();
  });

  it('is evaluated again at every read: below the minimum, then expired, it gives nothing and says why (a customer’s cart lives 90 days)', async () => {
    const doc = product(0, 30);
    const line = (await add(customer, doc, 2)).cart.items[0]!;
    await cart.service.applyPromo(customer, 'FREESHIP', ctx());
    await cart.service.update(customer, line.id, 1, ctx());
    let view = (await cart.service.get(customer)).cart;
    expect(view).toMatchObject({ promo_code: 'FREESHIP', promo_issue: 'PROMO_MINIMUM_NOT_MET' });
    await cart.service.applyPromo(customer, 'HOLIDAY10', ctx());
    expect((await cart.service.get(customer)).cart.totals.discount).toBe(3);
    now = new Date(START.getTime() + 60 * DAY);
    view = (await cart.service.get(customer)).cart;
    expect(view).toMatchObject({ promo_code: 'HOLIDAY10', promo_issue: 'PROMO_CODE_EXPIRED' });
    expect(view.totals).toMatchObject({ subtotal: 30, discount: 0, tax_estimate: 2.48, total_estimate: 32.48 });
  });

  it('stops applying when the customer used it meanwhile (the ledger counts, the cart does not)', async () => {
    await add(customer, product(0, 10), 1);
    await cart.service.applyPromo(customer, 'HOLIDAY10', ctx());
    expect(await promotions.repositories.ledger.usesOf('HOLIDAY10', 'usr_p')).toBe(0);
    await promotions.repositories.ledger.redeem('HOLIDAY10', 'ord-2', 'usr_p', now);
    const view = (await cart.service.get(customer)).cart;
    expect(view).toMatchObject({ promo_issue: 'PROMO_CUSTOMER_LIMIT_REACHED', totals: { discount: 0 } });
  });

  it('is removed, and a removal without a code writes nothing; If-Match guards both', async () => {
    const first = await add(guest, product(0, 10), 1);
    const applied = await cart.service.applyPromo(guest, 'HOLIDAY10', ctx(httpEtag(first.version)));
    expect(await refusal(cart.service.removePromo(guest, ctx(httpEtag(first.version))))).toBe(
      '412 PRECONDITION_FAILED',
    );
    const removed = await cart.service.removePromo(guest, ctx(httpEtag(applied.version)));
    expect(removed.cart).toMatchObject({ promo_code: null, promo_issue: null, totals: { discount: 0 } });
    const again = await cart.service.removePromo(guest, ctx());
    expect(again.version).toBe(removed.version);
  });

  it('of two parallel applies of different codes, the cart holds one, and its totals are that code’s', async () => {
    await add(customer, product(0, 450, 'electronics-laptops'), 2);
    const results = await Promise.all([
      cart.service.applyPromo(customer, 'HOLIDAY10', ctx()),
      cart.service.applyPromo(customer, 'LAPTOPS50', ctx()),
    ]);
    expect(results.map((r) => r.cart.promo_code).sort()).toEqual(['HOLIDAY10', 'LAPTOPS50']);
    const { cart: view } = await cart.service.get(customer);
    expect(['HOLIDAY10', 'LAPTOPS50']).toContain(view.promo_code);
    expect(view.totals.discount).toBe(view.promo_code === 'HOLIDAY10' ? 90 : 50);
  });
});

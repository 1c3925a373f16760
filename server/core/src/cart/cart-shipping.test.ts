import { demoCatalog, demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductDocument } from '../catalog/documents.ts';
import { createMemoryCatalogRepositories } from '../catalog/memory/memory-catalog.ts';
import { productDocument } from '../catalog/seed-documents.ts';
import { AppError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { InProcessEventBus } from '../platform/events/in-process-event-bus.ts';
import { silentLogger } from '../ports/logger.ts';
import { createMemoryPromotionRepositories } from '../promotions/memory/memory-promotions.ts';
import { createPromotions } from '../promotions/module.ts';
import { promotionDocument } from '../promotions/seed-documents.ts';
import { MemoryCartRepository, type CartTable } from './memory/memory-cart-repository.ts';
import { createCart, type CartModule } from './module.ts';

/** Shipping on the cart, on the in-memory adapters: options, choice, totals, free shipping. */

const NOW = new Date('2026-12-01T10:00:00Z'); // a Tuesday
const seed = demoCatalog({ products: 4, now: NOW });
let products: Map<string, ProductDocument>;
let table: CartTable;
let cart: CartModule;

const customer: Caller = { role: 'customer', userId: 'usr_s', email: 's@example.com', issuer: 'test', sessionId: 's' };
const ctx = () => ({ requestId: 'req-s' });

function product(amount: number): ProductDocument {
  const doc = [...products.values()].filter((p) => p.status === 'active')[0]!;
  doc.price = { ...doc.price, amount, currency: 'USD', tax_rate: 0.1 };
  doc.variants = [{ ...doc.variants[0]!, price_adjustment: 0, stock: 50 }];
  return doc;
}
const add = (doc: ProductDocument, quantity: number) =>
  cart.service.add(customer, { product_id: doc.id, variant_id: doc.variants[0]!.variant_id, quantity }, ctx());
const reason = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return `${err.status} ${String(err.details.reason)}`;
    throw err;
  }
};

beforeEach(() => {
  products = new Map(seed.products.map((p) => [p.id, productDocument(p)]));
  table = new Map();
  const events = new InProcessEventBus(silentLogger);
  const catalog = createMemoryCatalogRepositories({ publisher: events, logger: silentLogger }, seed);
  const promotions = createPromotions({
    repositories: (publisher) => createMemoryPromotionRepositories({ publisher, logger: silentLogger }),
    events,
    categories: catalog.categories,
    clock: () => NOW,
    logger: silentLogger,
    eventSource: 'test',
  });
  for (const p of demoPromotions(NOW)) promotions.repositories.promotions.upsert(promotionDocument(p));
  cart = createCart({
    carts: new MemoryCartRepository(table),
    catalog: { get: (id) => Promise.resolve(products.get(id)) },
    promotions: promotions.service,
    authenticate: () => Promise.reject(new Error('no merges here')),
    clock: () => NOW,
  });
});

describe('shipping on the cart', () => {
  it('lists the options for the cart and the destination, and refuses a country not shipped to', async () => {
    await add(product(20), 2);
    const list = await cart.service.shippingOptions(customer, 'us', '94102');
    expect(list.country).toBe('US');
    expect(list.options.map((o) => [o.id, o.price.amount, o.estimated_delivery.earliest])).toEqual([
      ['standard', 5.99, '2026-12-04'],
      ['express', 14.99, '2026-12-03'],
      ['overnight', 29.99, '2026-12-02'],
    ]);
    expect(await reason(cart.service.shippingOptions(customer, 'JP', '100-0001'))).toBe('422 unsupported_country');
  });

  it('adds the chosen option to the totals, priced again at every read (standard free from 100 USD)', async () => {
    const doc = product(20);
    const line = (await add(doc, 2)).cart.items[0]!;
    const chosen = await cart.service.chooseShipping(
      customer,
      { country: 'us', postal_code: '94102', option_id: 'standard' },
      ctx(),
    );
    expect(chosen.cart.shipping).toMatchObject({ country: 'US', postal_code: '94102', option: { id: 'standard' } });
    expect(chosen.cart.totals).toMatchObject({ subtotal: 40, tax_estimate: 4, shipping: 5.99, total_estimate: 49.99 });
    const grown = await cart.service.update(customer, line.id, 5, ctx());
    expect(grown.cart.totals).toMatchObject({ subtotal: 100, shipping: 0, total_estimate: 110 });
    expect(grown.cart.shipping!.option.price.amount).toBe(0);
  });

  it('refuses an option not offered to the destination, and changes nothing', async () => {
    await add(product(20), 1);
    expect(
      await reason(
        cart.service.chooseShipping(customer, { country: 'DE', postal_code: '10115', option_id: 'overnight' }, ctx()),
      ),
    ).toBe('422 unknown_option');
    expect(
      await reason(
        cart.service.chooseShipping(customer, { country: 'BR', postal_code: '01000', option_id: 'standard' }, ctx()),
      ),
    ).toBe('422 unsupported_country');
    expect(table.get('usr_s')!.shipping).toBeUndefined();
  });

  it('with FREESHIP, the shipping is 0 and the discount on the lines stays 0', async () => {
    await add(product(30), 2);
    await cart.service.chooseShipping(customer, { country: 'CA', postal_code: 'K1A 0B1', option_id: 'express' }, ctx());
    const { cart: view } = await cart.service.applyPromo(customer, 'FREESHIP', ctx());
    expect(view.shipping!.option.price.amount).toBe(29.99);
    expect(view.totals).toMatchObject({ subtotal: 60, discount: 0, tax_estimate: 6, shipping: 0, total_estimate: 66 });
  });
});

import { demoCatalog, demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { createMemoryCatalogRepositories } from '../catalog/memory/memory-catalog.ts';
import { InProcessEventBus } from '../platform/events/in-process-event-bus.ts';
import { silentLogger } from '../ports/logger.ts';
import { promotionDocument } from './seed-documents.ts';
import { createMemoryPromotionRepositories } from './memory/memory-promotions.ts';
import { createPromotions } from './module.ts';

const NOW = new Date('2026-11-15T00:00:00Z');

function setup() {
  const events = new InProcessEventBus(silentLogger);
  const catalog = createMemoryCatalogRepositories(
    { publisher: events, logger: silentLogger },
    demoCatalog({ products: 5 }),
  );
  const promotions = createPromotions({
    repositories: (publisher) => createMemoryPromotionRepositories({ publisher, logger: silentLogger }),
    events,
    categories: catalog.categories,
    clock: () => NOW,
    logger: silentLogger,
    eventSource: 'test',
  });
  for (const p of demoPromotions(new Date('2026-11-01T00:00:00Z'))) {
    promotions.repositories.promotions.upsert(promotionDocument(p));
  }
  return promotions;
}

const ctx = { requestId: 'req_test' };
const body = (code: string) => ({
  code,
  description: null,
  kind: 'percent' as const,
  percent_off: 10,
  amount_off: null,
  minimum_subtotal: null,
  starts_at: '2026-11-01T00:00:00Z',
  ends_at: null,
  usage_limit_total: null,
  usage_limit_per_customer: null,
  category_slugs: [],
  active: true,
});

describe('promotion service on the in-memory adapters', () => {
  it('of 10 parallel creates of one code (any case), exactly one succeeds; the others are 409', async () => {
    const { service } = setup();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => service.create(body(i % 2 ? 'gift5' : 'GIFT5'), ctx)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(Array<string>(9).fill('CONFLICT'));
    expect((await service.get('Gift5')).code).toBe('GIFT5');
  });

  it('refuses unknown categories with 422 before writing', async () => {
    const { service } = setup();
    await expect(service.create({ ...body('CATS'), category_slugs: ['no-such-thing'] }, ctx)).rejects.toMatchObject({
      code: 'UNPROCESSABLE_ENTITY',
    });
    await expect(service.get('CATS')).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  });

  it('evaluates a code against a cart with the customer uses the ledger holds', async () => {
    const { service, repositories } = setup();
    const cart = {
      lines: [{ product_id: 'x.abcdefghijkl', category_slug: 'toys-games', unit_price: 2_500, quantity: 2 }],
      subtotal: 5_000,
      shipping: 799,
      currency: 'USD',
    };
    expect(await service.evaluate('holiday10', cart, 'cus-1', NOW)).toMatchObject({ ok: true, discount: 500 });
    expect(await service.evaluate('FREESHIP', cart, null, NOW)).toMatchObject({ ok: true, discount: 799 });
    expect(await service.evaluate('LAPTOPS50', cart, null, NOW)).toMatchObject({
      ok: false,
      refusal: { reason: 'minimum_not_met' },
    });
    expect(await repositories.ledger.redeem('HOLIDAY10', 'ord-1', 'cus-1', NOW)).toEqual({ status: 'redeemed' });
    expect(await service.evaluate('HOLIDAY10', cart, 'cus-1', NOW)).toMatchObject({
      ok: false,
      refusal: { reason: 'customer_limit_reached', limit: 1 },
    });
    expect((await service.get('HOLIDAY10')).redemption_count).toBe(1);
  });
});

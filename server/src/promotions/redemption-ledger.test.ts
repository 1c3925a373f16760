/**
 * The redemption ledger under real parallelism, on Cosmos DB (the embedded stand-in, over HTTP)
 * and in memory alike: the same calls, the same outcomes.
 */
import { randomUUID } from 'node:crypto';
import { demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import {
  createMemoryPromotionRepositories,
  promotionDocument,
  silentLogger,
  type PromotionDocument,
  type PromotionRepository,
  type RedemptionLedger,
} from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosPromotionRepository } from './promotion-repository.ts';
import { CosmosRedemptionLedger } from './redemption-ledger.ts';

const NOW = new Date('2026-11-15T00:00:00Z');
const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };

interface Bed {
  ledger: RedemptionLedger;
  promotions: PromotionRepository;
  /** Stores a promotion as it is (no event). */
  add(doc: PromotionDocument): Promise<void>;
}

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos(`ledger-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
});
afterAll(() => cosmos.close());

const beds: [string, () => Bed][] = [
  [
    'Cosmos DB (stand-in)',
    () => {
      const container = cosmos.database.container(CONTAINER.promotions);
      const outbox = { publisher, logger: silentLogger as never };
      return {
        ledger: new CosmosRedemptionLedger(container),
        promotions: new CosmosPromotionRepository(container, outbox, createCursorCodec(new Uint8Array(32))),
        add: async (doc) => void (await container.items.create(doc)),
      };
    },
  ],
  [
    'memory',
    () => {
      const repositories = createMemoryPromotionRepositories({ publisher, logger: silentLogger });
      return {
        ...repositories,
        add: (doc) => Promise.resolve(void repositories.promotions.upsert(doc)),
      };
    },
  ],
];

let serial = 0;
/** A fresh code (its own partition) with these limits, valid around NOW. */
function promotion(limits: {
  total?: number | null;
  perCustomer?: number | null;
  active?: boolean;
}): PromotionDocument {
  const [base] = demoPromotions(NOW);
  return promotionDocument({
    ...base!,
    code: `LEDGER${(serial++).toString(36).toUpperCase()}${randomUUID().slice(0, 6).toUpperCase()}`,
    usage_limit_total: limits.total ?? null,
    usage_limit_per_customer: limits.perCustomer ?? null,
    active: limits.active ?? true,
  });
}

describe.each(beds)('redemption ledger on %s', (_name, makeBed) => {
  let bed: Bed;
  beforeAll(() => {
    bed = makeBed();
  });
  const count = async (code: string) => (await bed.promotions.get(code))?.redemption_count;

  it('50 concurrent orders on a code limited to 10 uses: exactly 10 redeemed, the counter is 10', async () => {
    const doc = promotion({ total: 10 });
    await bed.add(doc);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => bed.ledger.redeem(doc.code, `ord-${i}`, `cus-${i}`, NOW)),
    );
    expect(outcomes.filter((o) => o.status === 'redeemed')).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'refused' && o.reason === 'total_limit_reached')).toHaveLength(40);
    expect(await count(doc.code)).toBe(10);
  });

  it('20 concurrent orders of one customer limited to 2: exactly 2 redeemed', async () => {
    const doc = promotion({ perCustomer: 2 });
    await bed.add(doc);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bed.ledger.redeem(doc.code, `ord-${i}`, 'jane@example.com', NOW)),
    );
    expect(outcomes.filter((o) => o.status === 'redeemed')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'refused' && o.reason === 'customer_limit_reached')).toHaveLength(18);
    expect(await bed.ledger.usesOf(doc.code, 'jane@example.com')).toBe(2);
    expect(await count(doc.code)).toBe(2);
  });

  it('10 concurrent redemptions of one order: counted once', async () => {
    const doc = promotion({ total: 5 });
    await bed.add(doc);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => bed.ledger.redeem(doc.code, 'ord-same', 'cus-1', NOW)),
    );
    expect(outcomes.filter((o) => o.status === 'redeemed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'already_redeemed')).toHaveLength(9);
    expect(await count(doc.code)).toBe(1);
    expect(await bed.ledger.usesOf(doc.code, 'cus-1')).toBe(1);
  });

  it('both limits at once under concurrency: 30 orders of 5 customers, 2 each, 6 in all', async () => {
    const doc = promotion({ total: 6, perCustomer: 2 });
    await bed.add(doc);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => bed.ledger.redeem(doc.code, `ord-${i}`, `cus-${i % 5}`, NOW)),
    );
    expect(outcomes.filter((o) => o.status === 'redeemed')).toHaveLength(6);
    const uses = await Promise.all([0, 1, 2, 3, 4].map((c) => bed.ledger.usesOf(doc.code, `cus-${c}`)));
    expect(uses.every((u) => u <= 2)).toBe(true);
    expect(uses.reduce((sum, u) => sum + u, 0)).toBe(6);
    expect(await count(doc.code)).toBe(6);
  });

  it('release gives a use back once; the freed use can be taken again', async () => {
    const doc = promotion({ total: 1, perCustomer: 1 });
    await bed.add(doc);
    expect(await bed.ledger.redeem(doc.code, 'ord-1', 'cus-1', NOW)).toEqual({ status: 'redeemed' });
    expect(await bed.ledger.redeem(doc.code, 'ord-2', 'cus-2', NOW)).toEqual({
      status: 'refused',
      reason: 'total_limit_reached',
    });
    const releases = await Promise.all([1, 2, 3].map(() => bed.ledger.release(doc.code, 'ord-1')));
    expect(releases.filter((r) => r === 'released')).toHaveLength(1);
    expect(await count(doc.code)).toBe(0);
    expect(await bed.ledger.usesOf(doc.code, 'cus-1')).toBe(0);
    expect(await bed.ledger.release(doc.code, 'ord-never')).toBe('not_redeemed');
    expect(await bed.ledger.redeem(doc.code, 'ord-2', 'cus-2', NOW)).toEqual({ status: 'redeemed' });
    expect(await count(doc.code)).toBe(1);
  });

  it('refuses an unknown or inactive code and one outside its window, counting nothing', async () => {
    const inactive = promotion({ active: false });
    const open = promotion({});
    await bed.add(inactive);
    await bed.add(open);
    const refused = (reason: string) => ({ status: 'refused', reason });
    expect(await bed.ledger.redeem('NOSUCHCODE', 'ord-1', 'cus-1', NOW)).toEqual(refused('unknown_or_inactive'));
    expect(await bed.ledger.redeem(inactive.code, 'ord-1', 'cus-1', NOW)).toEqual(refused('unknown_or_inactive'));
    const before = new Date(Date.parse(open.starts_at) - 1);
    const after = new Date(Date.parse(open.ends_at!));
    expect(await bed.ledger.redeem(open.code, 'ord-1', 'cus-1', before)).toEqual(refused('not_yet_valid'));
    expect(await bed.ledger.redeem(open.code, 'ord-1', 'cus-1', after)).toEqual(refused('expired'));
    expect(await count(open.code)).toBe(0);
    expect(await count(inactive.code)).toBe(0);
  });
});

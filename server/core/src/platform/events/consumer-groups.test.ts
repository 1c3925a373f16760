import { CONSUMER_GROUPS, type ConsumerGroupName } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { catalogCacheConsumer } from '../../catalog/cache-invalidation.ts';
import { auditTrailConsumer } from '../../identity/audit-trail.ts';
import { MemoryOrderRepository } from '../../orders/memory/memory-order-repository.ts';
import { accountOrdersConsumer } from '../../orders/saga/account-orders.ts';
import { orderSagaConsumer } from '../../orders/saga/order-saga.ts';
import { createTestPaymentGateway } from '../../payments/test-gateway.ts';
import { silentLogger } from '../../ports/logger.ts';
import { MemoryCatalogCache } from '../cache/memory-cache.ts';
import type { EventConsumer } from './consumer.ts';

const orders = new MemoryOrderRepository({
  publisher: { publish: () => Promise.resolve(), close: () => Promise.resolve() },
  logger: silentLogger,
});
const clock = () => new Date();

/** The core's consumers, by the contract's consumer group each one is. */
const consumers: Record<ConsumerGroupName, EventConsumer> = {
  audit: auditTrailConsumer({ record: () => Promise.resolve(true) }),
  'catalog-cache': catalogCacheConsumer({
    cache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 }),
    categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 }),
    logger: silentLogger,
  }),
  'order-saga': orderSagaConsumer({
    orders,
    gateway: createTestPaymentGateway({ clock }),
    clock,
    eventSource: 'test',
    logger: silentLogger,
  }),
  'order-accounts': accountOrdersConsumer({
    orders,
    accounts: { get: () => Promise.resolve(undefined) },
    clock,
    logger: silentLogger,
  }),
};

describe("the core's event consumers are the contract's consumer groups", () => {
  it('every consumer group of the contract has a consumer in the core', () => {
    expect(Object.keys(consumers).sort()).toEqual(Object.keys(CONSUMER_GROUPS).sort());
  });

  it.each(Object.entries(consumers))(
    '%s: its name, delivery and handled types are those of its group',
    (key, consumer) => {
      const group = CONSUMER_GROUPS[key as ConsumerGroupName];
      expect(consumer.name).toBe(group.name);
      expect(consumer.delivery).toBe(group.delivery);
      expect(Object.keys(consumer.handlers).sort()).toEqual([...group.types].sort());
    },
  );
});

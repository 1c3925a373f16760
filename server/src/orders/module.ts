import type { Database } from '@azure/cosmos';
import {
  createOrders,
  type AccountLookup,
  type CartRepository,
  type CartService,
  type EventPublisher,
  type Orders,
  type PaymentGateway,
  type RedemptionLedger,
  type StockReservations,
} from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { startOutboxRelay } from '../platform/events/outbox-relay.ts';
import { CosmosOrderNumbers } from './order-numbers.ts';
import { CosmosOrderRepository } from './order-repository.ts';
import { CosmosProcessedWebhooks } from './processed-webhooks.ts';

export interface OrdersModuleDeps {
  database: Database;
  events: EventPublisher;
  cursors: CursorCodec;
  cart: Pick<CartService, 'get'>;
  carts: Pick<CartRepository, 'remove'>;
  stock: StockReservations;
  ledger: RedemptionLedger;
  gateway: PaymentGateway;
  accounts: AccountLookup;
  clock: () => Date;
  logger: Logger;
  eventSource: string;
  /** Outbox relay timing (defaults: every 5 s, events pending for 10 s or more). */
  relay?: { intervalMs?: number; olderThanMs?: number };
  /** How often unpaid orders past their deadline are cancelled (default 60 s; 0: never, the tests sweep by hand). */
  sweepIntervalMs?: number;
}

export interface OrdersModule extends Orders {
  stop(): Promise<void>;
}

/** How often the unpaid-order sweeper runs by default. */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * The core's orders on Cosmos DB (container `orders`, partitioned by order id: the orders, the
 * per-year number counters and the processed payment webhooks), writes publishing through the
 * outbox, the relay for events left pending, and the unpaid-order sweeper on a timer. Every
 * replica sweeps: each expiry is one conditional write, so two replicas sweeping the same order
 * cancel it once.
 */
export function createOrdersModule(deps: OrdersModuleDeps): OrdersModule {
  const { logger, clock } = deps;
  const container = deps.database.container(CONTAINER.orders);
  const orders = createOrders({
    ...deps,
    repositories: (publisher) => ({
      orders: new CosmosOrderRepository(container, { publisher, logger }, deps.cursors),
      numbers: new CosmosOrderNumbers(container),
    }),
    webhooks: new CosmosProcessedWebhooks(container, clock),
  });
  const relay = startOutboxRelay({
    sources: [{ container, partitionKeyField: 'order_id' }],
    publisher: deps.events,
    logger,
    clock,
    ...deps.relay,
  });
  const every = deps.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  let sweeping: Promise<unknown> | undefined;
  const timer =
    every > 0
      ? setInterval(() => {
          // A sweep still running (a slow provider) is not overlapped by the next one.
          if (sweeping) return;
          sweeping = orders
            .sweepUnpaid()
            .then(
              (counts) => {
                if (counts.expired + counts.recovered + counts.failed > 0) logger.info(counts, 'orders: unpaid sweep');
              },
              (err: unknown) => logger.error({ err }, 'orders: unpaid sweep failed'),
            )
            .finally(() => {
              sweeping = undefined;
            });
        }, every)
      : undefined;
  timer?.unref();
  return {
    ...orders,
    async stop() {
      clearInterval(timer);
      await sweeping;
      await relay.stop();
    },
  };
}

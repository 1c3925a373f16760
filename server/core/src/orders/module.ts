import type { CartRepository } from '../cart/ports.ts';
import type { CartService } from '../cart/cart-service.ts';
import type { StockReservations } from '../catalog/stock-reservations.ts';
import type { HandlersFor } from '../pipeline/handler.ts';
import type { EventConsumer } from '../platform/events/consumer.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';
import type { Logger } from '../ports/logger.ts';
import type { PaymentGateway } from '../payments/gateway.ts';
import type { RedemptionLedger } from '../promotions/ports.ts';
import { createOrderHandlers, type OrderOperationId } from './handlers.ts';
import { OrderCancellation } from './order-cancel.ts';
import { OrderPlacement } from './order-placement.ts';
import { OrderReads } from './order-reads.ts';
import { createPaymentHandlers, type PaymentHandlers } from './payments/handlers.ts';
import { createPaymentStateRecorder } from './payments/payment-state.ts';
import type { ProcessedWebhooks } from './payments/processed-webhooks.ts';
import type { OrderRepositories } from './ports.ts';
import { accountOrdersConsumer, type AccountLookup } from './saga/account-orders.ts';
import { orderSagaConsumer } from './saga/order-saga.ts';
import { createUnpaidSweeper, type SweepCounts } from './saga/unpaid-sweeper.ts';
import { ShipmentEvents } from './shipment-events.ts';

export interface OrdersDeps<R extends OrderRepositories = OrderRepositories> {
  /** Builds the storage adapters over the publisher their writes hand events to. */
  repositories: (events: EventPublisher) => R;
  events: EventPublisher;
  /** The cart as priced now (`CartService.get`) and its storage (the placed cart is removed). */
  cart: Pick<CartService, 'get'>;
  carts: Pick<CartRepository, 'remove'>;
  /** The catalog's stock reservations (`createCatalog(...).stock`). */
  stock: StockReservations;
  /** The promotions' redemption ledger. */
  ledger: RedemptionLedger;
  /** Stripe, or its test mode in process. */
  gateway: PaymentGateway;
  /** The provider's webhook events already applied. */
  webhooks: ProcessedWebhooks;
  /** Accounts' emails, to link a guest's past orders once the email is verified. */
  accounts: AccountLookup;
  clock: () => Date;
  logger: Logger;
  /** `source` of the events. */
  eventSource: string;
}

export interface Orders<R extends OrderRepositories = OrderRepositories> {
  handlers: HandlersFor<OrderOperationId | keyof PaymentHandlers>;
  /** The SAGA (capture, shipment) and the account links, to run on the event transport. */
  consumers: EventConsumer[];
  /**
   * Cancels the orders not paid in time, after removing placements a crash left (their stock and
   * promo given back): run it every minute or so (`SweepCounts` says what it did with unpaid orders).
   */
  sweepUnpaid(): Promise<SweepCounts>;
  repositories: R;
}

/**
 * Orders and their payments over any storage and payment provider: placement, reads, cancellation,
 * shipment events, the payment operations, the SAGA's consumers and the unpaid-order sweeper. The
 * server passes Cosmos DB repositories and Stripe; the mocks and tests in-memory ones and Stripe's
 * test mode in process (`createTestPaymentGateway`).
 */
export function createOrders<R extends OrderRepositories>(deps: OrdersDeps<R>): Orders<R> {
  const repositories = deps.repositories(deps.events);
  const { orders, numbers } = repositories;
  const { clock, logger, eventSource, gateway, stock, ledger } = deps;
  const common = { orders, clock, logger, eventSource };
  const record = createPaymentStateRecorder(common);
  const handlers = {
    ...createOrderHandlers({
      placement: new OrderPlacement({
        ...common,
        numbers,
        cart: deps.cart,
        carts: deps.carts,
        stock,
        ledger,
        payments: gateway,
      }),
      reads: new OrderReads(orders),
      cancellation: new OrderCancellation({ ...common, stock, ledger, payments: gateway }),
      shipments: new ShipmentEvents({ ...common, stock }),
    }),
    ...createPaymentHandlers({ ...common, gateway, record, webhooks: deps.webhooks }),
  };
  const sweeper = createUnpaidSweeper({ ...common, gateway, stock, ledger, record });
  return {
    handlers,
    consumers: [
      orderSagaConsumer({ ...common, gateway }),
      accountOrdersConsumer({ ...common, accounts: deps.accounts }),
    ],
    async sweepUnpaid() {
      const now = clock();
      await sweeper.abandonStalePlacements(now);
      return sweeper.expireUnpaidOrders(now);
    },
    repositories,
  };
}

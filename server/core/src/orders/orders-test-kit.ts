import type { DomainEvent, OrderPlace } from '@holiday-peak-hub/contract';
import { demoCatalog, demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import { MemoryCartRepository, type CartTable } from '../cart/memory/memory-cart-repository.ts';
import { createCart, type CartModule } from '../cart/module.ts';
import type { ProductDocument } from '../catalog/documents.ts';
import { createMemoryCatalogRepositories } from '../catalog/memory/memory-catalog.ts';
import { createStockReservations, type StockLine, type StockReservations } from '../catalog/stock-reservations.ts';
import { createTestPaymentGateway, type TestPaymentGateway } from '../payments/test-gateway.ts';
import type { Caller } from '../pipeline/handler.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';
import type { Logger } from '../ports/logger.ts';
import { createMemoryPromotionRepositories } from '../promotions/memory/memory-promotions.ts';
import { createPromotions } from '../promotions/module.ts';
import { promotionDocument } from '../promotions/seed-documents.ts';
import { createMemoryOrderRepositories, type MemoryOrderRepositories } from './memory/memory-orders.ts';
import { OrderCancellation } from './order-cancel.ts';
import { OrderPlacement } from './order-placement.ts';
import { OrderReads } from './order-reads.ts';
import { ShipmentEvents } from './shipment-events.ts';

/*
 * The orders' world for the core's tests: every service on the in-memory adapters (the demo
 * catalog with its stock reservations, carts, promotions and their ledger, orders), and Stripe's
 * test mode in process.
 */

export const START = new Date('2026-11-15T12:00:00Z');
const seed = demoCatalog({ products: 6, now: START });

/** The catalog's stock reservations, recording the lines of every reservation made and every release. */
export interface RecordedStock extends StockReservations {
  readonly reserved: StockLine[][];
  readonly released: StockLine[][];
  readonly committed: StockLine[][];
}

function recorded(stock: StockReservations): RecordedStock {
  const reserved: StockLine[][] = [];
  const released: StockLine[][] = [];
  const committed: StockLine[][] = [];
  return {
    reserved,
    released,
    committed,
    async reserve(lines, ref) {
      const outcome = await stock.reserve(lines, ref);
      if (outcome.status === 'reserved') reserved.push([...lines]);
      return outcome;
    },
    async release(lines, ref) {
      await stock.release(lines, ref);
      released.push([...lines]);
    },
    async commit(lines, ref) {
      await stock.commit(lines, ref);
      committed.push([...lines]);
    },
  };
}

/** A logger keeping what was logged at `error`, to prove a failure is reported with its order. */
export function recordingLogger(): Logger & { errors: { fields: Record<string, unknown>; message: string }[] } {
  const errors: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    errors,
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (fields: Record<string, unknown>, message: string) => errors.push({ fields, message }),
  } as Logger & { errors: typeof errors };
}

export interface OrdersWorld {
  now: Date;
  catalog: ReturnType<typeof createMemoryCatalogRepositories>;
  carts: CartTable;
  cart: CartModule;
  stock: RecordedStock;
  gateway: TestPaymentGateway;
  repos: MemoryOrderRepositories;
  ledger: ReturnType<typeof createMemoryPromotionRepositories>['ledger'];
  events: DomainEvent[];
  logger: ReturnType<typeof recordingLogger>;
  placement: OrderPlacement;
  reads: OrderReads;
  cancellation: OrderCancellation;
  shipments: ShipmentEvents;
  /** Active product `index`, stored with one variant priced `amount`, taxed 8.25 %, with `units` in stock. */
  product(index: number, amount: number, units?: number): Promise<ProductDocument>;
  /** The units in stock of a product's (first) variant now. */
  stockOf(doc: ProductDocument): Promise<number>;
  /** Sets the units of a product's (first) variant, as a staff change would. */
  setStock(doc: ProductDocument, units: number): Promise<void>;
  /** Adds units of a product's variant to the caller's cart. */
  add(caller: Caller, doc: ProductDocument, quantity: number): Promise<unknown>;
  /** Chooses a US shipping option for the caller's cart (postal code 94102). */
  ship(caller: Caller, option?: 'standard' | 'express' | 'overnight'): Promise<unknown>;
}

export const address = (country = 'US', postal = '94102'): OrderPlace['shipping_address'] => ({
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: null,
  city: 'San Francisco',
  state: 'CA',
  postal_code: postal,
  country,
  phone: null,
});

export function ordersWorld(): OrdersWorld {
  const events: DomainEvent[] = [];
  const publisher: EventPublisher = {
    publish: (published) => Promise.resolve(void events.push(...published)),
    close: () => Promise.resolve(),
  };
  const logger = recordingLogger();
  const carts: CartTable = new Map();
  const world = { now: START } as OrdersWorld;
  const clock = () => world.now;
  const catalog = createMemoryCatalogRepositories({ publisher, logger }, seed);
  const promotions = createPromotions({
    repositories: (p) => createMemoryPromotionRepositories({ publisher: p, logger }),
    events: publisher,
    categories: catalog.categories,
    clock,
    logger,
    eventSource: 'test',
  });
  for (const p of demoPromotions(START)) promotions.repositories.promotions.upsert(promotionDocument(p));
  const cartRepository = new MemoryCartRepository(carts);
  const cart = createCart({
    carts: cartRepository,
    catalog: catalog.products,
    promotions: promotions.service,
    authenticate: () => Promise.reject(new Error('no merges here')),
    clock,
  });
  const stock = recorded(createStockReservations({ products: catalog.products, clock, eventSource: 'test', logger }));
  // Stored with its version: an upsert writes a new one over it.
  const stored = async (id: string): Promise<ProductDocument> => (await catalog.products.get(id))!;
  const withUnits = (doc: ProductDocument, units: number): ProductDocument => ({
    ...doc,
    variants: [{ ...doc.variants[0]!, stock: units }],
    total_stock: units,
  });
  const gateway = createTestPaymentGateway({ clock });
  const repos = createMemoryOrderRepositories({ publisher, logger });
  const ledger = promotions.repositories.ledger;
  const common = { orders: repos.orders, clock, eventSource: 'test', logger };
  const ctx = { requestId: 'req-test' };
  return Object.assign(world, {
    catalog,
    carts,
    cart,
    stock,
    gateway,
    repos,
    ledger,
    events,
    logger,
    placement: new OrderPlacement({
      ...common,
      numbers: repos.numbers,
      cart: cart.service,
      carts: cartRepository,
      stock,
      ledger,
      payments: gateway,
    }),
    reads: new OrderReads(repos.orders),
    cancellation: new OrderCancellation({ ...common, stock, ledger, payments: gateway }),
    shipments: new ShipmentEvents({ ...common, stock }),
    async product(index: number, amount: number, units = 50) {
      const doc = await stored(seed.products.filter((p) => p.status === 'active')[index]!.id);
      const price = { ...doc.price, amount, currency: 'USD', tax_rate: 0.0825 };
      const next = withUnits({ ...doc, price, variants: [{ ...doc.variants[0]!, price_adjustment: 0 }] }, units);
      catalog.products.upsert(next);
      return next;
    },
    stockOf: async (doc: ProductDocument) => (await stored(doc.id)).variants[0]!.stock,
    async setStock(doc: ProductDocument, units: number) {
      catalog.products.upsert(withUnits(await stored(doc.id), units));
    },
    add: (caller: Caller, doc: ProductDocument, quantity: number) =>
      cart.service.add(caller, { product_id: doc.id, variant_id: doc.variants[0]!.variant_id, quantity }, ctx),
    ship: (caller: Caller, option: 'standard' | 'express' | 'overnight' = 'express') =>
      cart.service.chooseShipping(caller, { country: 'US', postal_code: '94102', option_id: option }, ctx),
  });
}

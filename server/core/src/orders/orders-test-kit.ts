import type { DomainEvent, OrderPlace } from '@holiday-peak-hub/contract';
import { demoCatalog, demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import { MemoryCartRepository, type CartTable } from '../cart/memory/memory-cart-repository.ts';
import { createCart, type CartModule } from '../cart/module.ts';
import type { ProductDocument } from '../catalog/documents.ts';
import { createMemoryCatalogRepositories } from '../catalog/memory/memory-catalog.ts';
import { productDocument } from '../catalog/seed-documents.ts';
import type { ReserveOutcome, StockLine, StockReservations } from '../catalog/stock-reservations.ts';
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
 * The orders' world for the core's tests: every service on the in-memory adapters (catalog in a
 * Map, carts, promotions and their ledger, orders), Stripe's test mode in process, and stock
 * taken from the same products the cart prices, all or nothing in one synchronous step.
 */

export const START = new Date('2026-11-15T12:00:00Z');
const seed = demoCatalog({ products: 6, now: START });

/** Stock over the products the cart reads, counting every reservation and release it was asked for. */
export class MapStock implements StockReservations {
  readonly reserved: StockLine[][] = [];
  readonly released: StockLine[][] = [];
  readonly #products: Map<string, ProductDocument>;

  constructor(products: Map<string, ProductDocument>) {
    this.#products = products;
  }

  #variant(line: StockLine) {
    const product = this.#products.get(line.product_id);
    return product?.status === 'active' ? product.variants.find((v) => v.variant_id === line.variant_id) : undefined;
  }

  async reserve(lines: readonly StockLine[]): Promise<ReserveOutcome> {
    await Promise.resolve();
    for (const line of lines) {
      const available = this.#variant(line)?.stock ?? 0;
      if (available < line.quantity) return { status: 'insufficient', ...line, requested: line.quantity, available };
    }
    for (const line of lines) this.#variant(line)!.stock -= line.quantity;
    this.reserved.push([...lines]);
    return { status: 'reserved' };
  }

  async release(lines: readonly StockLine[]): Promise<void> {
    await Promise.resolve();
    for (const line of lines) {
      const variant = this.#variant(line);
      if (variant) variant.stock += line.quantity;
    }
    this.released.push([...lines]);
  }
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
  products: Map<string, ProductDocument>;
  carts: CartTable;
  cart: CartModule;
  stock: MapStock;
  gateway: TestPaymentGateway;
  repos: MemoryOrderRepositories;
  ledger: ReturnType<typeof createMemoryPromotionRepositories>['ledger'];
  events: DomainEvent[];
  logger: ReturnType<typeof recordingLogger>;
  placement: OrderPlacement;
  reads: OrderReads;
  cancellation: OrderCancellation;
  shipments: ShipmentEvents;
  /** Active product `index`: one variant priced `amount`, taxed 8.25 %, with `stock` units. */
  product(index: number, amount: number, stock?: number): ProductDocument;
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
  const products = new Map(seed.products.map((p) => [p.id, productDocument(p)]));
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
    catalog: { get: (id) => Promise.resolve(products.get(id)) },
    promotions: promotions.service,
    authenticate: () => Promise.reject(new Error('no merges here')),
    clock,
  });
  const stock = new MapStock(products);
  const gateway = createTestPaymentGateway({ clock });
  const repos = createMemoryOrderRepositories({ publisher, logger });
  const ledger = promotions.repositories.ledger;
  const common = { orders: repos.orders, clock, eventSource: 'test', logger };
  const ctx = { requestId: 'req-test' };
  return Object.assign(world, {
    products,
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
    shipments: new ShipmentEvents(common),
    product(index: number, amount: number, units = 50) {
      const doc = [...products.values()].filter((p) => p.status === 'active')[index]!;
      doc.price = { ...doc.price, amount, currency: 'USD', tax_rate: 0.0825 };
      doc.variants = [{ ...doc.variants[0]!, price_adjustment: 0, stock: units }];
      return doc;
    },
    add: (caller: Caller, doc: ProductDocument, quantity: number) =>
      cart.service.add(caller, { product_id: doc.id, variant_id: doc.variants[0]!.variant_id, quantity }, ctx),
    ship: (caller: Caller, option: 'standard' | 'express' | 'overnight' = 'express') =>
      cart.service.chooseShipping(caller, { country: 'US', postal_code: '94102', option_id: option }, ctx),
  });
}

/**
 * Orders while Event Hubs is away, with the real client against the AMQP stand-in and the real
 * `stripe` client against the Stripe fake: 200 orders placed and paid during the outage are all
 * answered, none moves on (the SAGA runs on events), and once the hub is back each is captured
 * once and scheduled once. Delivery is at least once, so events are counted by id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct, tally, type MadeProduct } from '../cart/cart-fixtures.ts';
import {
  eventually,
  QUICK_EVENTS,
  startEventHubsTestBed,
  type EventHubsTestBed,
} from '../support/event-hubs-test-bed.ts';
import { startStripeFake, type StripeFake } from '../support/stripe-fake.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  confirmPayment,
  deadLetterCount,
  placeOrder,
  readyCart,
  storedOrders,
  storedStock,
  stripeEnv,
} from './order-flow.ts';

const ORDERS = 200;
const BATCH = 20;
const PRODUCTS = 10;
const STOCK = 25;

let bed: EventHubsTestBed;
let fake: StripeFake;
let server: TestServer;

beforeAll(async () => {
  [bed, fake] = await Promise.all([startEventHubsTestBed(), startStripeFake()]);
  server = await startTestServer({
    products: 4,
    env: { ...bed.env(), ...stripeEnv(fake.url) },
    compose: { events: QUICK_EVENTS, sweepIntervalMs: 0 },
  });
}, 90_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await bed?.close();
}, 90_000);

/** One guest's order, from a new session to its confirmed payment. */
async function orderAndPay(product: MadeProduct) {
  const token = await server.freshToken('guest');
  await readyCart(server, token, product.id);
  const placed = await placeOrder(server, token);
  if (placed.status !== 201) return { placed: placed.status, confirmed: 0, status: undefined, id: undefined };
  const confirmed = await confirmPayment(server, token, placed.body.order.id);
  return { placed: 201, confirmed: confirmed.status, status: confirmed.body.status, id: placed.body.order.id };
}

/** `fn` for 0..count-1, `BATCH` at a time. */
async function inBatches<T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    results.push(...(await Promise.all(Array.from({ length: size }, (_, j) => fn(start + j)))));
  }
  return results;
}

type HubBody = { event_id: string; event_type: string; data: { order_id?: string } };
/** Distinct events (by id) and deliveries to the hub, per order, of one type. */
function onHub(hub: string, type: string) {
  const events = bed.hub.events(hub).filter((e) => (e.body as HubBody).event_type === type);
  const distinct = new Map<string, Set<string>>();
  for (const event of events) {
    const body = event.body as HubBody;
    const id = body.data.order_id ?? '';
    distinct.set(id, (distinct.get(id) ?? new Set()).add(body.event_id));
  }
  return { distinct, messages: events.length, partitions: new Set(events.map((e) => e.partitionId)) };
}

const processing = async (ids: readonly string[]) => {
  const wanted = new Set(ids);
  return (await storedOrders(server)).filter((o) => wanted.has(o.id) && o.status === 'processing').length;
};

describe(`Event Hubs down while ${ORDERS} orders are placed and paid`, () => {
  it('answers every placement and payment, moves none on while the hub is away, then completes each once', async () => {
    const products: MadeProduct[] = [];
    for (let i = 0; i < PRODUCTS; i += 1) products.push(await makeProduct(server, { stock: STOCK }));
    const warmUp = await makeProduct(server, { stock: 100 });

    // Orders before the outage until the SAGA has consumed on every partition of the payment hub:
    // an outage must not begin while a consumer link is still being attached (see event-hubs-faults).
    const early: string[] = [];
    for (let round = 0; round < 6 && onHub('payment-events', 'PaymentProcessed').partitions.size < 4; round += 1) {
      const done = await inBatches(8, () => orderAndPay(warmUp));
      early.push(...done.map((d) => d.id!));
      await eventually(async () => ((await processing(early)) === early.length ? true : undefined), 60_000);
    }
    expect(onHub('payment-events', 'PaymentProcessed').partitions.size).toBe(4);
    const capturesBefore = fake.calls('capture');
    const lettersBefore = await deadLetterCount(server);

    await bed.hub.stop();
    const outageStarted = Date.now();
    let results: Awaited<ReturnType<typeof orderAndPay>>[];
    let duringOutage: Awaited<ReturnType<typeof storedOrders>>;
    try {
      results = await inBatches(ORDERS, (i) => orderAndPay(products[i % PRODUCTS]!));
      // Given the SAGA time it would have had: nothing is captured without events.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      duringOutage = await storedOrders(server);
    } finally {
      await bed.hub.start();
    }
    const back = Date.now();
    expect(tally(results.map((r) => ({ status: r.placed })))).toEqual({ 201: ORDERS });
    expect(tally(results.map((r) => ({ status: r.confirmed })))).toEqual({ 200: ORDERS });
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['requires_capture']));
    const ids = results.map((r) => r.id!);
    expect(new Set(ids).size).toBe(ORDERS);
    const ours = duringOutage.filter((o) => ids.includes(o.id));
    expect(ours).toHaveLength(ORDERS);
    expect(ours.filter((o) => o.status !== 'pending_payment')).toEqual([]);
    expect(new Set(ours.map((o) => o.payment.status))).toEqual(new Set(['authorized']));
    expect(fake.calls('capture')).toBe(capturesBefore);
    for (const product of products) expect(await storedStock(server, product.id, product.variants[0]!)).toBe(5);

    await eventually(async () => ((await processing(ids)) === ORDERS ? true : undefined), 120_000);
    const completed = Date.now();
    process.stdout.write(
      `${ORDERS} orders placed and paid with the hub down in ${back - outageStarted} ms; all processing ${completed - back} ms after it came back\n`,
    );

    const orders = (await storedOrders(server)).filter((o) => ids.includes(o.id));
    for (const order of orders) {
      expect(order.status_history.map((h) => h.status)).toEqual(['pending_payment', 'paid', 'processing']);
      expect(order.payment.status).toBe('captured');
      expect(order.payment.amount_captured).toBe(order.totals.total);
    }
    // Captured once each at the provider: one capture call and one capture per intent.
    expect(fake.calls('capture') - capturesBefore).toBe(ORDERS);
    const intents = new Set(orders.map((o) => o.payment.intent_id));
    const captures = fake.gateway.events().filter((e) => e.type === 'payment_intent.succeeded');
    const perIntent = new Map<string, number>();
    for (const e of captures.filter((c) => intents.has(c.data.object.id as string))) {
      perIntent.set(e.data.object.id as string, (perIntent.get(e.data.object.id as string) ?? 0) + 1);
    }
    expect(tally([...perIntent.values()].map((n) => ({ status: n })))).toEqual({ 1: ORDERS });
    // One PaymentProcessed and one ShipmentScheduled per order on the hubs.
    for (const [hub, type] of [
      ['payment-events', 'PaymentProcessed'],
      ['shipping-events', 'ShipmentScheduled'],
    ] as const) {
      await eventually(() => (ids.every((id) => onHub(hub, type).distinct.has(id)) ? true : undefined), 30_000);
      const { distinct, messages } = onHub(hub, type);
      expect(ids.map((id) => distinct.get(id)?.size)).toEqual(ids.map(() => 1));
      process.stdout.write(`${type}: ${distinct.size} orders, ${messages} messages on ${hub}\n`);
    }
    expect(await deadLetterCount(server)).toBe(lettersBefore);
    // Nothing left in the outbox.
    const pending = (await storedOrders(server)).filter((o) => 'pending_events' in o);
    expect(pending).toEqual([]);
  }, 300_000);
});

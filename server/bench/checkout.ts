/**
 * `npm run bench:checkout`: prints figures, asserts nothing, writes no file. On the embedded
 * default (Cosmos DB stand-in, in-process bus with the SAGA, Stripe's test mode in process):
 *  1. the seed's load mix: browse a category 3 : view a product 2 : add to cart 1, from guest
 *     sessions made beforehand; requests/s, p50/p95/p99 and failures per kind;
 *  2. checkouts: each a new guest's cart (one unit), shipping chosen, the order placed, the payment
 *     confirmed with `pm_card_visa`, then the order read until it is `processing`; checkouts/s and
 *     the latency of each step and of the whole (cart add to `processing`);
 *  3. Cosmos DB requests of each checkout call (the stand-in's request counter, in this process).
 * The API for 1 and 2 runs in its own process (`scripts/bench-target.ts full`: `npm start`'s
 * composition at log level `info`, logs to /dev/null, response validation off); the load
 * generator is this process. BENCH_SECONDS (default 60) per load, BENCH_CONNECTIONS (default 50)
 * for the mix, BENCH_CHECKOUT_WORKERS (default 32) checkouts at once.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { signIn } from '../test/support/sign-in.ts';
import { checkoutCosmosCosts } from './checkout-costs.ts';
import { ADDRESS, discover, ENV, guestToken, SHIPPING } from './checkout-support.ts';
import { fmt, httpClient, ok, runFor, Tally } from './load-client.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CHECKOUT_WORKERS = Number(process.env.BENCH_CHECKOUT_WORKERS ?? 32);
const GUESTS = 1000;
/** Lines of one guest's cart the mix adds to, in turn (a cart holds 50). */
const LINES_PER_GUEST = 40;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The API as `npm start` runs it, in its own process (it tells its port over IPC). */
async function startServer() {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ENV };
  delete env.LOG_LEVEL;
  const script = fileURLToPath(new URL('../scripts/bench-target.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, 'full'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env,
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', () => reject(new Error('the API exited before listening')));
    child.once('message', (message: { port: number }) => resolve(message.port));
  });
  return { port, child };
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  }
  return out;
}

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

async function timed<A extends { status: number }>(tally: Tally, call: () => Promise<A>): Promise<A | undefined> {
  const started = performance.now();
  try {
    const answer = await call();
    tally.record(started, answer.status);
    return answer;
  } catch {
    tally.record(started, 'error');
    return undefined;
  }
}

// ---- 1. The seed's load mix --------------------------------------------------------------------
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`;
say(`checkout bench: ${machine}; 1-minute load average ${fmt(loadavg()[0]!, 1)} at the start`);
const api = await startServer();
const client = httpClient(api.port, Math.max(CONNECTIONS, CHECKOUT_WORKERS));
const { send } = client;
const { slugs, productIds, targets } = await discover(send);
const guests = await inBatches(GUESTS, 20, () => guestToken(send));
say(`${slugs.length} categories, ${productIds.length} products, ${targets.length} variants to add, ${GUESTS} guests`);

const mix = { browse: new Tally(), view: new Tally(), add: new Tally() };
let adds = 0;
async function mixStep() {
  const roll = Math.random() * 6;
  if (roll < 3) {
    await timed(mix.browse, () => send('GET', `/api/products?category=${pick(slugs)}&limit=20`));
  } else if (roll < 5) {
    await timed(mix.view, () => send('GET', `/api/products/${pick(productIds)}`));
  } else {
    const n = adds++;
    const guest = n % GUESTS;
    const target = targets[(guest * 7 + (Math.floor(n / GUESTS) % LINES_PER_GUEST)) % targets.length]!;
    const body = { ...target, quantity: 1 };
    await timed(mix.add, () => send('POST', '/api/cart/items', { token: guests[guest]!, body }));
  }
}
await runFor(Math.min(5, SECONDS), CONNECTIONS, mixStep); // warm-up
for (const tally of Object.values(mix)) {
  tally.latencies.length = 0;
  tally.failures.clear();
}
const mixSeconds = await runFor(SECONDS, CONNECTIONS, mixStep);
const mixRows = (
  [
    ['browse a category: `GET /api/products?category=…&limit=20`', mix.browse],
    ['view a product: `GET /api/products/{id}`', mix.view],
    ['add to cart: `POST /api/cart/items` (guest)', mix.add],
  ] as const
).map(([name, t]) => row(name, t, mixSeconds));
const all = new Tally();
for (const t of Object.values(mix)) {
  all.latencies.push(...t.latencies);
  for (const [k, v] of t.failures) all.failures.set(k, (all.failures.get(k) ?? 0) + v);
}
mixRows.push(row('**all**', all, mixSeconds));

function row(name: string, t: Tally, seconds: number) {
  const ms = (p: number) => fmt(t.percentile(p));
  const share = t.count === 0 ? 0 : (100 * t.failed) / t.count;
  return `| ${name} | ${fmt(t.count)} | ${fmt(t.count / seconds)} | ${ms(0.5)} | ${ms(0.95)} | ${ms(0.99)} | ${t.describeFailures()} (${fmt(share, 2)} %) |`;
}

// ---- 2. Checkouts ------------------------------------------------------------------------------
const staff = (await signIn(`http://127.0.0.1:${api.port}`, staffEmail(), DEMO_PASSWORD)).tokens!.access_token;
function staffEmail() {
  return DEMO_ACCOUNTS.find((a) => a.role === 'staff')!.email;
}
// Units enough for every checkout, on one variant of each product (reservations spread over them).
const stocked = new Map(targets.map((t) => [t.product_id, t]));
const checkoutTargets = [...stocked.values()];
for (const t of checkoutTargets) {
  const path = `/api/staff/products/${t.product_id}/variants/${t.variant_id}/stock`;
  ok(await send('PUT', path, { token: staff, body: { stock: 1_000_000 } }), 'stock');
}
const steps = {
  add: new Tally(),
  shipping: new Tally(),
  place: new Tally(),
  confirm: new Tally(),
  processing: new Tally(),
  whole: new Tally(),
};
let checkouts = 0;
async function checkout() {
  const token = await guestToken(send).catch(() => undefined);
  if (token === undefined) return;
  const target = checkoutTargets[checkouts++ % checkoutTargets.length]!;
  const started = performance.now();
  const fail = () => steps.whole.record(started, 'error');
  const added = await timed(steps.add, () =>
    send('POST', '/api/cart/items', { token, body: { ...target, quantity: 1 } }),
  );
  if (added?.status !== 200) return fail();
  const chosen = await timed(steps.shipping, () => send('PUT', '/api/checkout/shipping', { token, body: SHIPPING }));
  if (chosen?.status !== 200) return fail();
  const headers = { 'idempotency-key': randomUUID() };
  const body = { email: `bench-${randomUUID().slice(0, 8)}@example.com`, shipping_address: ADDRESS };
  const placed = await timed(steps.place, () => send('POST', '/api/orders', { token, headers, body }));
  if (placed?.status !== 201) return fail();
  const orderId = (JSON.parse(placed.text) as { order: { id: string } }).order.id;
  const payment = { order_id: orderId, payment_method: 'pm_card_visa' };
  const confirmed = await timed(steps.confirm, () => send('POST', '/api/payments/confirm', { token, body: payment }));
  if (confirmed?.status !== 200) return fail();
  const polled = performance.now();
  for (let tries = 0; tries < 200; tries += 1) {
    const read = await send('GET', `/api/orders/${orderId}`, { token }).catch(() => undefined);
    if (read?.status === 200 && (JSON.parse(read.text) as { status: string }).status === 'processing') {
      steps.processing.record(polled, 200);
      steps.whole.record(started, 200);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  steps.processing.record(polled, 'error');
  fail();
}
await runFor(Math.min(3, SECONDS), CHECKOUT_WORKERS, checkout); // warm-up
for (const tally of Object.values(steps)) {
  tally.latencies.length = 0;
  tally.failures.clear();
}
const checkoutSeconds = await runFor(SECONDS, CHECKOUT_WORKERS, checkout);
const checkoutRows = (
  [
    ['add to cart: `POST /api/cart/items`', steps.add],
    ['choose shipping: `PUT /api/checkout/shipping`', steps.shipping],
    ['place: `POST /api/orders`', steps.place],
    ['pay: `POST /api/payments/confirm` (`pm_card_visa`)', steps.confirm],
    ['then `GET /api/orders/{id}` until `processing`', steps.processing],
    ['**checkout: cart add → `processing`**', steps.whole],
  ] as const
).map(([name, t]) => row(name, t, checkoutSeconds));
client.close();
api.child.kill();

// ---- 3. Cosmos DB requests per call ------------------------------------------------------------
// ---- 3. Cosmos DB requests per call ------------------------------------------------------------
const costRows = await checkoutCosmosCosts();

// ---- Report ------------------------------------------------------------------------------------
const head = '| request | requests | per s | p50 ms | p95 ms | p99 ms | failed |\n|---|---:|---:|---:|---:|---:|---|';
say(`
Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; BENCH_SECONDS=${SECONDS}.

Load mix (browse 3 : view 2 : add to cart 1), ${CONNECTIONS} connections, ${fmt(mixSeconds, 1)} s after a warm-up:

${head}
${mixRows.join('\n')}

Checkouts, ${CHECKOUT_WORKERS} at once, ${fmt(checkoutSeconds, 1)} s after a warm-up (a new guest session each, not timed):

${head}
${checkoutRows.join('\n')}

Cosmos DB requests of each call of one guest's checkout (after a first checkout; embedded stand-in's request counter):

| call | status | data requests | query plans | cross-partition |
|---|---:|---:|---:|---|
${costRows.join('\n')}
`);
process.exit(0);

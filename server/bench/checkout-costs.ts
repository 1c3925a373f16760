/**
 * The checkout bench's third part: the Cosmos DB requests of each call of one guest's checkout, on a composition in
 * this process (20 products, silent logs, no sweeper) whose embedded stand-in counts the requests it receives.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { composeServer } from '../src/compose.ts';
import { listen } from '../src/http/listen.ts';
import { ADDRESS, discover, ENV, guestToken, SHIPPING } from './checkout-support.ts';
import { httpClient } from './load-client.ts';

/** Table rows: call, status, data requests, query plans, cross-partition. */
export async function checkoutCosmosCosts(): Promise<string[]> {
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    VALIDATE_RESPONSES: 'false',
    COSMOS_SEED_PRODUCTS: '20',
    ...ENV,
  });
  const composed = await composeServer(config, pino({ level: 'silent' }), undefined, { sweepIntervalMs: 0 });
  const server = await listen(composed.app, 0, '127.0.0.1');
  const local = httpClient((server.address() as AddressInfo).port, 4);
  const embedded = composed.cosmos.embedded!;
  const small = await discover(local.send);
  async function counted(call: () => Promise<{ status: number; text: string }>) {
    embedded.resetRequestCount();
    const answer = await call();
    const total = embedded.requestCount();
    const plans = embedded.queryPlanCount();
    return { answer, data: total - plans, plans, cross: embedded.crossPartitionQueryCount() };
  }
  /** One guest's checkout, each call counted; `[name, status, data, plans, cross]` per call. */
  async function countedCheckout() {
    const token = await guestToken(local.send);
    const [first, second] = small.targets;
    const rows: [string, number, number, number, number][] = [];
    const run = async (name: string, call: () => Promise<{ status: number; text: string }>) => {
      const c = await counted(call);
      rows.push([name, c.answer.status, c.data, c.plans, c.cross]);
      return c.answer;
    };
    await run('`addCartItem` (empty cart)', () =>
      local.send('POST', '/api/cart/items', { token, body: { ...first, quantity: 1 } }),
    );
    await run('`addCartItem` (a second line)', () =>
      local.send('POST', '/api/cart/items', { token, body: { ...second, quantity: 1 } }),
    );
    await run('`chooseShipping`', () => local.send('PUT', '/api/checkout/shipping', { token, body: SHIPPING }));
    const placed = await run('`placeOrder` (2 lines)', () =>
      local.send('POST', '/api/orders', {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { email: 'bench@example.com', shipping_address: ADDRESS },
      }),
    );
    const orderId = (JSON.parse(placed.text) as { order: { id: string } }).order.id;
    await run('`confirmPayment` (with the SAGA in process: capture, shipment)', () =>
      local.send('POST', '/api/payments/confirm', {
        token,
        body: { order_id: orderId, payment_method: 'pm_card_visa' },
      }),
    );
    await run('`getOrder`', () => local.send('GET', `/api/orders/${orderId}`, { token }));
    return rows;
  }
  await countedCheckout(); // metadata of every container warmed up
  const costRows = (await countedCheckout()).map(
    ([name, status, data, plans, cross]) =>
      `| ${name} | ${status} | ${data} | ${plans} | ${cross > 0 ? `yes (${cross})` : 'no'} |`,
  );
  local.close();
  server.closeAllConnections();
  server.close();
  await composed.close();
  return costRows;
}

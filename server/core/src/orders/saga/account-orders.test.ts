import { CONSUMER_GROUPS } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../pipeline/handler.ts';
import { applyEvent } from '../../platform/events/consumer.ts';
import { createEvent } from '../../platform/events/create-event.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { accountOrdersConsumer, type AccountLookup } from './account-orders.ts';

/** Guest orders joining a verified account, and an erased account's orders de-identified. */

const guest: Caller = { role: 'guest', userId: 'gst_1', email: null, issuer: 't', sessionId: 'g1' };
const customer: Caller = {
  role: 'customer',
  userId: 'usr_ada0000000000000',
  email: 'ada@example.com',
  issuer: 't',
  sessionId: 's1',
};

let w: OrdersWorld;
let accounts: Map<string, { email: string; email_verified: boolean }>;
let consumer: ReturnType<typeof accountOrdersConsumer>;

beforeEach(() => {
  w = ordersWorld();
  accounts = new Map();
  const lookup: AccountLookup = { get: (id) => Promise.resolve(accounts.get(id)) };
  consumer = accountOrdersConsumer({ orders: w.repos.orders, accounts: lookup, clock: () => w.now, logger: w.logger });
});

async function place(caller: Caller, email?: string) {
  await w.add(caller, await w.product(0, 15), 1);
  await w.ship(caller, 'standard');
  const body = { shipping_address: address(), ...(email ? { email } : {}) };
  return (await w.placement.place(caller, body, { requestId: 'r' })).order;
}

const context = { source: 'test', correlationId: 'req', now: new Date() };
const created = (userId: string) =>
  createEvent('UserCreated', { user_id: userId, role: 'customer', origin: 'signup' }, context);
const updated = (userId: string, changed: string[]) =>
  createEvent('UserUpdated', { user_id: userId, role: 'customer', changed_fields: changed }, context);

describe('orders and accounts', () => {
  it('is the contract’s order-accounts consumer group', () => {
    expect([consumer.name, consumer.delivery]).toEqual([CONSUMER_GROUPS['order-accounts'].name, 'shared']);
    expect(Object.keys(consumer.handlers).sort()).toEqual([...CONSUMER_GROUPS['order-accounts'].types].sort());
  });

  it("links a guest's orders to an account only once its email is verified", async () => {
    const order = await place(guest, 'Ada@Example.com');
    const someoneElse = await place({ ...guest, userId: 'gst_2', sessionId: 'g2' }, 'bob@example.com');
    accounts.set('usr_ada0000000000000', { email: 'ada@example.com', email_verified: false });

    // Signed up with the address, not verified: someone may have typed another's email.
    expect(await applyEvent(consumer, created('usr_ada0000000000000'))).toBe('ignored');
    expect((await w.repos.orders.get(order.id))!.customer_id).toBeNull();

    accounts.set('usr_ada0000000000000', { email: 'ada@example.com', email_verified: true });
    expect(await applyEvent(consumer, updated('usr_ada0000000000000', ['name']))).toBe('ignored');
    const event = updated('usr_ada0000000000000', ['email_verified']);
    const outcomes = await Promise.all([1, 2, 3].map(() => applyEvent(consumer, event)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(await applyEvent(consumer, event)).toBe('already-applied');

    const mine = await w.repos.orders.listByCustomer('usr_ada0000000000000', undefined, { limit: 10 });
    expect(mine.items.map((o) => o.id)).toEqual([order.id]);
    expect((await w.repos.orders.get(order.id))!).toMatchObject({
      customer_id: 'usr_ada0000000000000',
      user_id: 'gst_1',
    });
    expect((await w.repos.orders.get(someoneElse.id))!.customer_id).toBeNull();
  });

  it('de-identifies every order of an erased account, keeping lines, totals and status', async () => {
    const first = await place(customer);
    const second = await place(customer);
    const before = (await w.repos.orders.get(first.id))!;
    expect(before).toMatchObject({ email: 'ada@example.com', ip_address: null });

    const erased = createEvent('UserDeleted', { user_id: 'usr_ada0000000000000', role: 'customer' }, context);
    expect(await applyEvent(consumer, erased)).toBe('applied');
    expect(await applyEvent(consumer, erased)).toBe('already-applied');
    for (const id of [first.id, second.id]) {
      const stored = (await w.repos.orders.get(id))!;
      expect(stored).toMatchObject({
        email: null,
        email_key: null,
        shipping_address: null,
        ip_address: null,
        user_agent: null,
        customer_id: null,
      });
      expect(stored).toMatchObject({ items: before.items, totals: before.totals, status: before.status });
    }
    expect((await w.repos.orders.listByCustomer('usr_ada0000000000000', undefined, { limit: 10 })).items).toHaveLength(
      0,
    );
  });
});

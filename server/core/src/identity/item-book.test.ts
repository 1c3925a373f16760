/**
 * The address book's and saved cards' limits and "exactly one default" under concurrent requests,
 * on the core's memory adapters, through the core's pipeline (so every status is checked against
 * what the operation declares). The storage is also run with a random pause before each call, so
 * reads and writes of concurrent requests interleave as they do on a database.
 */
import {
  MAX_ADDRESSES,
  MAX_PAYMENT_METHODS,
  profileOperations,
  type Operation,
  type OperationId,
} from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from '../auth/signing-key.ts';
import type { Caller, HandlersFor } from '../pipeline/handler.ts';
import { runOperation, type PipelineDeps } from '../pipeline/run-operation.ts';
import { randomToken } from '../platform/random.ts';
import { silentLogger } from '../ports/logger.ts';
import type { AddressDocument } from './documents.ts';
import type { IdentityOperationId } from './handlers.ts';
import { ItemBook } from './item-book.ts';
import { MemoryOwnedItems } from './memory/memory-owned-items.ts';
import { createMemoryIdentity } from './memory/memory-identity-core.ts';
import { newAccount } from './new-account.ts';
import type { OwnedItems } from './ports.ts';

const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
};

/** The same storage, each call made after a random pause of up to 2 ms. */
function jittery<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, key) {
      const value: unknown = Reflect.get(obj, key, obj);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

async function identityOnMemory(pauses: boolean) {
  const clock = () => new Date();
  const { identity, storage } = createMemoryIdentity({
    signingKey: await loadSigningKey(undefined),
    clock,
    jwt: { issuer: 'http://item-book.test', audience: 'holiday-peak-hub-api' },
    attemptsPerMinute: 100,
    wrapStorage: (plain) =>
      pauses ? { ...plain, addresses: jittery(plain.addresses), paymentMethods: jittery(plain.paymentMethods) } : plain,
    eventSource: 'item-book-test',
  });
  const handlers: HandlersFor<IdentityOperationId> = identity.handlers;

  /** A customer account, and the caller a token of its would be. */
  async function customer(): Promise<{ userId: string; caller: Caller }> {
    const userId = `usr_${randomToken(16)}`;
    await storage.users.create(newAccount(userId, `${userId}@example.com`, 'C', 'customer', clock()), [], clock());
    const caller: Caller = {
      role: 'customer',
      userId,
      email: `${userId}@example.com`,
      issuer: 'http://item-book.test',
      sessionId: `ses_${randomToken(16)}`,
    };
    return { userId, caller };
  }

  /** One request through the pipeline, as the caller; answers the status and parsed body. */
  async function call(
    caller: Caller,
    operationId: IdentityOperationId & OperationId,
    request: { body?: unknown; params?: Record<string, string> } = {},
  ): Promise<{ status: number; json: unknown }> {
    const op = profileOperations.find((o) => o.operationId === operationId) as Operation;
    const pipeline: PipelineDeps = {
      authenticate: () => Promise.resolve(caller),
      logger: silentLogger,
      clock,
      validateResponses: true,
      limitByIp: () => Promise.resolve({ allowed: true }),
    };
    const hasBody = request.body !== undefined;
    const response = await runOperation(
      op,
      handlers[operationId] as never,
      {
        method: op.method.toUpperCase(),
        params: request.params ?? {},
        query: {},
        headers: hasBody ? { 'content-type': 'application/json' } : {},
        cookies: {},
        hasBody,
        body: request.body,
        ip: '127.0.0.1',
        requestId: `req-${randomToken(8)}`,
      },
      pipeline,
    );
    return { status: response.status, json: JSON.parse(response.body ?? 'null') as unknown };
  }

  return { storage, customer, call };
}

/** How many answers had each status. */
const tally = (answers: readonly { status: number }[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

const defaultsOf = (json: unknown) => (json as { items: { is_default: boolean }[] }).items.filter((i) => i.is_default);
const itemsOf = (json: unknown) => (json as { items: { id: string; is_default: boolean }[] }).items;

describe.each([
  ['memory storage', false],
  ['memory storage with random pauses', true],
])('limits and one default under concurrent requests, %s', (_label, pauses) => {
  it('10 parallel default cards on an account with 4: 6 saved, 4 refused (422), one default', async () => {
    const { customer, call, storage } = await identityOnMemory(pauses);
    const { userId, caller } = await customer();
    for (let i = 0; i < 4; i += 1) {
      expect((await call(caller, 'createPaymentMethod', { body: { provider_token: 'pm_card_visa' } })).status).toBe(
        201,
      );
    }
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(caller, 'createPaymentMethod', { body: { provider_token: 'pm_card_mastercard', is_default: true } }),
      ),
    );
    expect(tally(answers)).toEqual({ 201: 6, 422: 4 });
    for (const refused of answers.filter((a) => a.status === 422)) {
      expect(refused.json).toMatchObject({
        error: {
          code: 'UNPROCESSABLE_ENTITY',
          message: `At most ${MAX_PAYMENT_METHODS} saved cards`,
          details: { limit: MAX_PAYMENT_METHODS },
        },
      });
    }
    const list = await call(caller, 'listPaymentMethods');
    expect(itemsOf(list.json)).toHaveLength(MAX_PAYMENT_METHODS);
    expect(defaultsOf(list.json)).toHaveLength(1);
    // Refused additions left no document behind.
    expect(await storage.paymentMethods.list(userId)).toHaveLength(MAX_PAYMENT_METHODS);
  });

  it('30 parallel default cards on a new account: 10 saved, 20 refused, one default', async () => {
    const { customer, call } = await identityOnMemory(pauses);
    const { caller } = await customer();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        call(caller, 'createPaymentMethod', { body: { provider_token: 'pm_card_visa', is_default: true } }),
      ),
    );
    expect(tally(answers)).toEqual({ 201: 10, 422: 20 });
    const list = await call(caller, 'listPaymentMethods');
    expect(itemsOf(list.json)).toHaveLength(10);
    expect(defaultsOf(list.json)).toHaveLength(1);
  });

  it('50 parallel addresses: 20 saved, 30 refused (422), one default', async () => {
    const { customer, call } = await identityOnMemory(pauses);
    const { caller } = await customer();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(caller, 'createAddress', { body: { ...ADDRESS, is_default: i % 2 === 0 } }),
      ),
    );
    expect(tally(answers)).toEqual({ 201: MAX_ADDRESSES, 422: 30 });
    expect(answers.find((a) => a.status === 422)?.json).toMatchObject({
      error: {
        message: `An address book holds at most ${MAX_ADDRESSES} addresses`,
        details: { limit: MAX_ADDRESSES },
      },
    });
    const list = await call(caller, 'listAddresses');
    expect(itemsOf(list.json)).toHaveLength(MAX_ADDRESSES);
    expect(defaultsOf(list.json)).toHaveLength(1);
  });

  it('20 parallel set-defaults on different addresses: all 200, one default', async () => {
    const { customer, call } = await identityOnMemory(pauses);
    const { caller } = await customer();
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      ids.push(((await call(caller, 'createAddress', { body: ADDRESS })).json as { id: string }).id);
    }
    const answers = await Promise.all(ids.map((id) => call(caller, 'setDefaultAddress', { params: { id } })));
    expect(tally(answers)).toEqual({ 200: 20 });
    expect(answers.every((a) => (a.json as { is_default: boolean }).is_default)).toBe(true);
    const defaults = defaultsOf((await call(caller, 'listAddresses')).json);
    expect(defaults).toHaveLength(1);
  });

  it('parallel deletes (the default among them), set-defaults and additions keep exactly one default', async () => {
    const { customer, call } = await identityOnMemory(pauses);
    const { caller } = await customer();
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      ids.push(((await call(caller, 'createAddress', { body: ADDRESS })).json as { id: string }).id);
    }
    // The first address is the default: delete it and five others while the rest are made the
    // default and 8 more are added (12 + 8 stays within the limit in any order).
    const answers = await Promise.all([
      ...ids.slice(0, 6).map((id) => call(caller, 'deleteAddress', { params: { id } })),
      ...ids.slice(6).map((id) => call(caller, 'setDefaultAddress', { params: { id } })),
      ...Array.from({ length: 8 }, () => call(caller, 'createAddress', { body: { ...ADDRESS, is_default: true } })),
    ]);
    expect(tally(answers)).toEqual({ 204: 6, 200: 6, 201: 8 });
    const list = itemsOf((await call(caller, 'listAddresses')).json);
    expect(list).toHaveLength(14);
    expect(list.filter((a) => a.is_default)).toHaveLength(1);
    // Deleting the last ones one after another leaves a default each time.
    for (const { id } of list.slice(0, -1)) {
      expect((await call(caller, 'deleteAddress', { params: { id } })).status).toBe(204);
      expect(defaultsOf((await call(caller, 'listAddresses')).json)).toHaveLength(1);
    }
  });

  it('two parallel deletes of one card: one 204, one 404; the newest remaining becomes the default', async () => {
    const { customer, call } = await identityOnMemory(pauses);
    const { caller } = await customer();
    const first = (await call(caller, 'createPaymentMethod', { body: { provider_token: 'pm_card_visa' } })).json;
    const second = (await call(caller, 'createPaymentMethod', { body: { provider_token: 'pm_card_amex' } })).json;
    const id = (first as { id: string }).id;
    const answers = await Promise.all([
      call(caller, 'deletePaymentMethod', { params: { id } }),
      call(caller, 'deletePaymentMethod', { params: { id } }),
    ]);
    expect(tally(answers)).toEqual({ 204: 1, 404: 1 });
    expect(itemsOf((await call(caller, 'listPaymentMethods')).json)).toEqual([
      expect.objectContaining({ id: (second as { id: string }).id, is_default: true }),
    ]);
  });
});

describe('ItemBook', () => {
  type Item = Pick<AddressDocument, 'id' | 'user_id' | 'created_at' | 'updated_at'>;
  const item = (id: string, createdAt: string): Item => ({
    id,
    user_id: 'usr_a',
    created_at: createdAt,
    updated_at: createdAt,
  });
  const rules = { makeDefault: false, limit: 3, refuse: () => new Error('full') };

  it('reads the items of an account from before rosters: the newest flagged default stays the default', async () => {
    const items = new MemoryOwnedItems<Item>('test.items');
    await items.create({ ...item('x1', '2026-01-01'), is_default: true } as Item);
    await items.create({ ...item('x2', '2026-01-02'), is_default: false } as Item);
    const book = new ItemBook(items);
    expect((await book.list('usr_a')).map((i) => [i.id, i.is_default])).toEqual([
      ['x1', true],
      ['x2', false],
    ]);
    await book.add('usr_a', rules, () => item('x3', '2026-01-03'));
    expect((await book.list('usr_a')).map((i) => [i.id, i.is_default])).toEqual([
      ['x1', true],
      ['x3', false],
      ['x2', false],
    ]);
    await expect(book.add('usr_a', rules, () => item('x4', '2026-01-04'))).rejects.toThrow('full');
    expect(await items.roster('usr_a')).toMatchObject({ default_id: 'x1' });
  });

  it('takes nothing on the roster when the document cannot be written', async () => {
    const items = new MemoryOwnedItems<Item>('test.items');
    const failing = new Proxy(items, {
      get: (obj, key) =>
        key === 'create'
          ? () => Promise.reject(new Error('storage down'))
          : (Reflect.get(obj, key, obj) as (...args: unknown[]) => unknown).bind(obj),
    }) as OwnedItems<Item>;
    const book = new ItemBook(failing);
    await expect(book.add('usr_a', rules, () => item('x1', '2026-01-01'))).rejects.toThrow('storage down');
    expect(await items.roster('usr_a')).toMatchObject({ items: [], default_id: null });
    expect(await book.list('usr_a')).toEqual([]);
  });

  it('a document not on the roster is never shown, counted or reachable by id', async () => {
    const items = new MemoryOwnedItems<Item>('test.items');
    const book = new ItemBook(items);
    await book.add('usr_a', rules, () => item('x1', '2026-01-01'));
    await items.create(item('stray', '2026-01-02'));
    expect((await book.list('usr_a')).map((i) => i.id)).toEqual(['x1']);
    expect(await book.get('usr_a', 'stray')).toBeUndefined();
  });

  it('answers when the default moved as the item’s updated_at', async () => {
    const items = new MemoryOwnedItems<Item>('test.items');
    const book = new ItemBook(items);
    await book.add('usr_a', rules, () => item('x1', '2026-01-01'));
    const x2 = await book.add('usr_a', rules, () => item('x2', '2026-01-02'));
    expect(await book.makeDefault(x2, '2026-02-01', () => new Error('gone'))).toMatchObject({
      is_default: true,
      updated_at: '2026-02-01',
    });
    expect(await book.get('usr_a', 'x1')).toMatchObject({ is_default: false, updated_at: '2026-02-01' });
    await expect(book.remove('usr_a', 'x9', '2026-02-02', () => new Error('gone'))).rejects.toThrow('gone');
  });
});

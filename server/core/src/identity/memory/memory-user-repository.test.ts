import type { DomainEvent } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidRequestError, NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import { createEvent } from '../../platform/events/create-event.ts';
import type { EventPublisher } from '../../platform/events/publisher.ts';
import { silentLogger } from '../../ports/logger.ts';
import { newAccount } from '../new-account.ts';
import { MemoryUserRepository } from './memory-user-repository.ts';

const NOW = new Date('2026-11-01T00:00:00Z');

function recording(failing = false) {
  const published: DomainEvent[] = [];
  const publisher: EventPublisher & { failing: boolean } = {
    failing,
    publish(events) {
      if (this.failing) return Promise.reject(new Error('event hub down'));
      published.push(...events);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
  return { publisher, published, users: new MemoryUserRepository({ publisher, logger: silentLogger }) };
}

const account = (id: string, email = `${id}@example.com`, role: 'customer' | 'admin' = 'customer', at = NOW) =>
  newAccount(`usr_${id.padEnd(16, '0')}`, email, id, role, at);
const created = (userId: string) =>
  createEvent(
    'UserCreated',
    { user_id: userId, role: 'customer', origin: 'signup' },
    { source: 't', correlationId: 'r', now: NOW },
  );
const deleted = (userId: string) =>
  createEvent('UserDeleted', { user_id: userId, role: 'customer' }, { source: 't', correlationId: 'r', now: NOW });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('MemoryUserRepository (the Cosmos DB adapter’s semantics)', () => {
  it('claims an email once, whatever its case, with the 409 the server answers', async () => {
    const { users } = recording();
    await users.claimEmail('Ann@Example.com', 'usr_a', NOW);
    const err = await rejection(users.claimEmail('ann@example.com', 'usr_b', NOW));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ message: 'An account already uses this email', details: { field: 'email' } });
    await users.releaseEmail('ANN@example.com');
    await users.claimEmail('ann@example.com', 'usr_b', NOW);
  });

  it('claims a social identity once', async () => {
    const { users } = recording();
    await users.claimIdentity('google', 'sub-1', 'usr_a', NOW);
    await expect(users.claimIdentity('google', 'sub-1', 'usr_b', NOW)).rejects.toMatchObject({
      message: 'This sign-in is linked to another account',
      details: { field: 'id_token' },
    });
    await users.claimIdentity('microsoft', 'sub-1', 'usr_b', NOW);
  });

  it('finds accounts by id, email claim and identity claim; publishes a write’s events right after it', async () => {
    const { users, published } = recording();
    const doc = { ...account('ann'), identities: [{ provider: 'google' as const, subject: 'g-ann' }] };
    await users.claimEmail(doc.email, doc.id, NOW);
    await users.claimIdentity('google', 'g-ann', doc.id, NOW);
    const stored = await users.create(doc, [created(doc.id)], NOW);
    expect(stored._etag).toEqual(expect.any(String));
    expect(published.map((e) => e.event_type)).toEqual(['UserCreated']);
    expect(await users.get(doc.id)).toEqual(stored);
    expect(await users.getByEmail('ANN@example.com')).toEqual(stored);
    expect(await users.getByIdentity('google', 'g-ann')).toEqual(stored);
    expect(await users.getByEmail('nobody@example.com')).toBeUndefined();
    expect(stored).not.toHaveProperty('pending_events');
  });

  it('answers 409 for a taken id, 412 for a stale etag and 404 for a missing account, with the user id', async () => {
    const { users } = recording();
    const stored = await users.create(account('bob'), [], NOW);
    await expect(users.create(account('bob'), [], NOW)).rejects.toBeInstanceOf(ConflictError);
    const renamed = await users.replace({ ...stored, name: 'Robert' }, [], stored._etag, NOW);
    expect(renamed._etag).not.toBe(stored._etag);
    const stale = await rejection(users.replace({ ...stored, name: 'Bobby' }, [], stored._etag, NOW));
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(stale).toMatchObject({ details: { user_id: stored.id } });
    const missing = await rejection(users.save(account('nobody'), 'x', NOW));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ message: 'User not found', details: { user_id: account('nobody').id } });
  });

  it('records sign-ins and link tokens unconditionally, as new versions', async () => {
    const { users } = recording();
    const stored = await users.create(account('cat'), [], NOW);
    const signedIn = await users.recordLogin(stored.id, NOW);
    expect(signedIn.last_login).toBe(NOW.toISOString());
    expect(signedIn._etag).not.toBe(stored._etag);
    await users.storeLinkToken(stored.id, 'password_reset', { token_hash: 'h', expires_at: NOW.toISOString() });
    expect((await users.get(stored.id))?.password_reset).toEqual({ token_hash: 'h', expires_at: NOW.toISOString() });
    await expect(users.save({ ...signedIn, name: 'x' }, signedIn._etag, NOW)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });

  it('keeps a deleted account’s tombstone, invisible, until its events are out', async () => {
    const { users, publisher, published } = recording();
    const stored = await users.create(account('dan'), [], NOW);
    publisher.failing = true;
    await users.delete(stored, [deleted(stored.id)], stored._etag, NOW);
    expect(await users.get(stored.id)).toBeUndefined();
    expect((await users.list({ limit: 10 })).items).toEqual([]);
    await expect(users.create(account('dan'), [], NOW)).rejects.toBeInstanceOf(ConflictError);
    publisher.failing = false;
    await users.publishPending();
    expect(published.map((e) => e.event_type)).toEqual(['UserDeleted']);
    await users.create(account('dan'), [], NOW);
  });

  it('keeps the events of a failed publication with the account, and publishes them with the next write', async () => {
    const { users, publisher, published } = recording(true);
    const stored = await users.create(account('eve'), [created(account('eve').id)], NOW);
    publisher.failing = false;
    await users.save({ ...stored, name: 'Eve' }, stored._etag, NOW);
    expect(published.map((e) => e.event_type)).toEqual(['UserCreated']);
  });

  it('lists accounts newest first, by role, page by page; a cursor of another listing is a 400', async () => {
    const { users } = recording();
    for (let i = 0; i < 5; i++) {
      await users.create(
        account(`u${i}`, undefined, i % 2 ? 'admin' : 'customer', new Date(NOW.getTime() + i)),
        [],
        NOW,
      );
    }
    const first = await users.list({ limit: 2 });
    expect(first.items.map((u) => u.name)).toEqual(['u4', 'u3']);
    const second = await users.list({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((u) => u.name)).toEqual(['u2', 'u1']);
    const last = await users.list({ limit: 2, cursor: second.nextCursor ?? '' });
    expect(last).toMatchObject({ items: [{ name: 'u0' }], nextCursor: null });
    expect((await users.list({ role: 'admin', limit: 10 })).items.map((u) => u.name)).toEqual(['u3', 'u1']);
    const invalid = await rejection(users.list({ role: 'admin', limit: 2, cursor: first.nextCursor ?? '' }));
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid).toMatchObject({ message: 'Invalid cursor' });
    await expect(users.list({ limit: 2, cursor: 'garbage!' })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

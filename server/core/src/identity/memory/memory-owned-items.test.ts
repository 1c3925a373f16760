import { describe, expect, it } from 'vitest';
import { MemoryOwnedItems } from './memory-owned-items.ts';

const item = (userId: string, id: string, createdAt: string) => ({
  id,
  user_id: userId,
  created_at: createdAt,
  label: id,
});

describe('MemoryOwnedItems', () => {
  it('keeps each owner’s items apart, newest first; deletes are idempotent', async () => {
    const items = new MemoryOwnedItems<ReturnType<typeof item>>('test.items');
    await items.create(item('usr_a', 'x1', '2026-01-01'));
    await items.create(item('usr_a', 'x2', '2026-01-02'));
    await items.create(item('usr_b', 'y1', '2026-01-03'));
    expect((await items.list('usr_a')).map((i) => i.id)).toEqual(['x2', 'x1']);
    expect(await items.get('usr_b', 'x1')).toBeUndefined();
    await items.replace({ ...item('usr_a', 'x1', '2026-01-01'), label: 'home' });
    expect((await items.get('usr_a', 'x1'))?.label).toBe('home');
    await items.delete('usr_a', 'x1');
    await items.delete('usr_a', 'x1');
    await items.deleteAll('usr_a');
    expect(await items.list('usr_a')).toEqual([]);
    expect((await items.list('usr_b')).map((i) => i.id)).toEqual(['y1']);
  });

  it('fails like storage for a taken id or a missing item', async () => {
    const items = new MemoryOwnedItems<ReturnType<typeof item>>('test.items');
    await items.create(item('usr_a', 'x1', '2026-01-01'));
    await expect(items.create(item('usr_a', 'x1', '2026-01-01'))).rejects.toThrow(/taken/);
    await expect(items.replace(item('usr_a', 'x9', '2026-01-01'))).rejects.toThrow(/no such item/);
  });

  it('hands out copies', async () => {
    const items = new MemoryOwnedItems<ReturnType<typeof item>>('test.items');
    await items.create(item('usr_a', 'x1', '2026-01-01'));
    const read = await items.get('usr_a', 'x1');
    if (read) read.label = 'changed';
    expect((await items.get('usr_a', 'x1'))?.label).toBe('x1');
  });

  it('writes a roster only on the version named, and forgets it with the owner', async () => {
    const items = new MemoryOwnedItems<ReturnType<typeof item>>('test.items');
    const roster = { user_id: 'usr_a', items: [], default_id: null };
    expect(await items.roster('usr_a')).toBeUndefined();
    expect(await items.saveRoster(roster, 'stale')).toBe(false);
    expect(await items.saveRoster(roster, null)).toBe(true);
    // A second first write loses, as a concurrent create does.
    expect(await items.saveRoster(roster, null)).toBe(false);
    const first = await items.roster('usr_a');
    const entry = { id: 'x1', created_at: '2026-01-01', default_changed_at: null };
    const next = { ...roster, items: [entry], default_id: 'x1' };
    expect(await items.saveRoster(next, first?._etag ?? null)).toBe(true);
    // The version read before that write is stale now.
    expect(await items.saveRoster(roster, first?._etag ?? null)).toBe(false);
    expect(await items.roster('usr_a')).toMatchObject({ items: [entry], default_id: 'x1' });
    expect(await items.roster('usr_b')).toBeUndefined();
    await items.deleteAll('usr_a');
    expect(await items.roster('usr_a')).toBeUndefined();
  });
});

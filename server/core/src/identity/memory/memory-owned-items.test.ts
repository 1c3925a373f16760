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
});

import type { DomainEvent } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { BannerService } from './banner-service.ts';
import type { BannerDocument, Versioned } from './documents.ts';
import type { BannerRepository } from './ports.ts';

const stored: Versioned<BannerDocument> = {
  id: 'bnr_h0l1d4yp34k1',
  doc_type: 'banner',
  title: 'Holiday deals',
  subtitle: null,
  image_url: 'https://example.com/b.jpg',
  link_url: 'https://example.com/deals',
  placement: 'home-hero',
  priority: 10,
  starts_at: '2026-11-01T00:00:00.000Z',
  ends_at: null,
  enabled: true,
  created_at: '2026-10-01T00:00:00.000Z',
  updated_at: '2026-10-01T00:00:00.000Z',
  _etag: '"v1"',
};

/** A repository that holds one banner and records every write (with the events it carries). */
function fakeRepository() {
  const writes: { doc: BannerDocument; events: readonly DomainEvent[] }[] = [];
  const repository = {
    get: (id: string) => Promise.resolve(id === stored.id ? { ...stored } : undefined),
    replace: (doc: BannerDocument, events: readonly DomainEvent[]) => {
      writes.push({ doc, events });
      return Promise.resolve({ ...stored, ...doc, _etag: '"v2"' });
    },
  };
  return { repository: repository as unknown as BannerRepository, writes };
}

const serviceWith = (banners: BannerRepository) =>
  new BannerService({ banners, clock: () => new Date('2026-12-01T00:00:00Z'), eventSource: 'test' });

describe('BannerService.update', () => {
  it('a PATCH that changes nothing writes nothing, keeps updated_at and answers the current version', async () => {
    const { repository, writes } = fakeRepository();
    const result = await serviceWith(repository).update(
      stored.id,
      { title: stored.title, priority: stored.priority, ends_at: null, enabled: true },
      { requestId: 'req_1', ifMatch: '"v1"' },
    );
    expect(writes).toHaveLength(0);
    expect(result._etag).toBe('"v1"');
    expect(result.updated_at).toBe(stored.updated_at);
  });

  it('a PATCH that changes a field writes it with BannerUpdated and a new updated_at', async () => {
    const { repository, writes } = fakeRepository();
    const result = await serviceWith(repository).update(
      stored.id,
      { title: stored.title, priority: 20 },
      { requestId: 'req_2' },
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]?.events.map((event) => event.event_type)).toEqual(['BannerUpdated']);
    expect(result.priority).toBe(20);
    expect(result.updated_at).toBe('2026-12-01T00:00:00.000Z');
  });

  it('a stale If-Match is refused even when the PATCH changes nothing', async () => {
    const { repository, writes } = fakeRepository();
    await expect(
      serviceWith(repository).update(stored.id, { enabled: true }, { requestId: 'req_3', ifMatch: '"old"' }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(writes).toHaveLength(0);
  });
});

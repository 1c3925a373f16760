import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, ServiceUnavailableError } from '@holiday-peak-hub/core';
import { unavailableOnFailure } from './unavailable-on-failure.ts';

const logger = pino({ level: 'silent' });

describe('unavailableOnFailure', () => {
  const adapter = {
    calls: 0,
    ok(value: number) {
      this.calls += 1;
      return Promise.resolve(value * 2);
    },
    down(): Promise<number> {
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    },
    refused(): Promise<number> {
      return Promise.reject(new ForbiddenError());
    },
  };
  const guarded = unavailableOnFailure('Redis', adapter, logger);

  it('passes answers through, with the adapter as `this`', async () => {
    expect(await guarded.ok(21)).toBe(42);
    expect(adapter.calls).toBe(1);
  });

  it('turns a failure into 503 with Retry-After, naming the dependency but not the cause', async () => {
    const error = await guarded.down().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
    expect((error as Error).message).toBe('Redis is not answering: try again shortly');
  });

  it('lets the API errors an adapter throws on purpose through', async () => {
    await expect(guarded.refused()).rejects.toBeInstanceOf(ForbiddenError);
  });
});

import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createCatalogCache } from './create-catalog-cache.ts';
import { MemoryCatalogCache } from './memory-cache.ts';

function capture() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    }),
  );
  return { logger, lines };
}

const cacheConfig = { ttlSeconds: 300, maxEntries: 100 };
const WARN = 40;

describe('createCatalogCache', () => {
  it('in production without REDIS_URL, warns at start that the in-memory cache is per instance', async () => {
    const { logger, lines } = capture();
    const cache = createCatalogCache({ env: 'production', redisUrl: undefined, cache: cacheConfig }, logger);
    expect(cache).toBeInstanceOf(MemoryCatalogCache);
    const warnings = lines.filter((line) => line.level === WARN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/per instance/);
    expect(warnings[0]?.msg).toMatch(/NOT invalidated across replicas/);
    expect(warnings[0]?.msg).toMatch(/REDIS_URL/);
    await cache.close();
  });

  it.each(['development', 'test'] as const)('stays quiet in %s (one process: nothing to share)', async (env) => {
    const { logger, lines } = capture();
    const cache = createCatalogCache({ env, redisUrl: undefined, cache: cacheConfig }, logger);
    expect(lines.filter((line) => line.level >= WARN)).toEqual([]);
    await cache.close();
  });
});

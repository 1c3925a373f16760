import { OverLimit, type Counter, type CounterFactory, type CounterOptions, type CounterState } from './counter.ts';

interface Entry {
  points: number;
  expiresAt: number;
}

/**
 * Counters in a Map, with fixed windows: what a single process needs (the mocks, unit tests). Time
 * comes from the clock given, so a test can move it.
 */
export function memoryCounters(now: () => number = Date.now): CounterFactory {
  return (options: CounterOptions): Counter => {
    const entries = new Map<string, Entry>();
    const windowMs = options.durationSeconds * 1000;
    const live = (key: string): Entry | undefined => {
      const entry = entries.get(key);
      if (entry && entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    };
    const stateOf = (entry: Entry): CounterState => ({
      consumedPoints: entry.points,
      remainingPoints: Math.max(0, options.points - entry.points),
      msBeforeNext: Math.max(0, entry.expiresAt - now()),
    });
    const add = (key: string, points: number): Entry => {
      const entry = live(key) ?? { points: 0, expiresAt: now() + windowMs };
      entry.points += points;
      entries.set(key, entry);
      return entry;
    };
    return {
      points: options.points,
      consume(key, points = 1) {
        const entry = add(key, points);
        if (entry.points > options.points) {
          if (options.blockSeconds) entry.expiresAt = Math.max(entry.expiresAt, now() + options.blockSeconds * 1000);
          return Promise.reject(new OverLimit(stateOf(entry)));
        }
        return Promise.resolve(stateOf(entry));
      },
      get(key) {
        const entry = live(key);
        return Promise.resolve(entry ? stateOf(entry) : null);
      },
      penalty(key, points = 1) {
        return Promise.resolve(stateOf(add(key, points)));
      },
      block(key, seconds) {
        const entry = { points: options.points + 1, expiresAt: now() + seconds * 1000 };
        entries.set(key, entry);
        return Promise.resolve(stateOf(entry));
      },
      delete(key) {
        return Promise.resolve(entries.delete(key));
      },
    };
  };
}

import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { threadId as mainThreadId } from 'node:worker_threads';
import { ServiceUnavailableError } from '@holiday-peak-hub/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createPasswordStrengthChecker } from './password-strength.ts';
import { createPasswordStrengthPool } from './password-strength-pool.ts';

/** A 64-character random password: zxcvbn's most expensive input (it scores the first 64 characters). */
const longRandom = () => randomBytes(64).toString('base64').slice(0, 64);
const owner = ['john.doe@example.com', 'john.doe', 'John Doe'];

describe('the password strength pool', () => {
  // Two threads, and waits long enough for 20 checks of ~1 s each on a 2-core machine.
  const pool = createPasswordStrengthPool({ threads: 2, maxWaitMs: 120_000 });
  afterAll(() => pool.close());

  it('answers the inline checker’s verdicts, from a worker thread', async () => {
    const inline = createPasswordStrengthChecker();
    const lenientPool = createPasswordStrengthPool({ threads: 1, minScore: 1 });
    const lenient = createPasswordStrengthChecker({ minScore: 1 });
    try {
      for (const [password, inputs] of [
        ['password1', []],
        ['Christmas2026', []],
        ['hP9#vQ2!xLm7', []],
        ['john.doe2026!', owner],
        ['JohnDoe2026!', owner],
        ['johnsmith2026', []],
        ['a'.repeat(200), []],
      ] as const) {
        const run = await pool.run(password, inputs);
        expect(run.verdict, password).toEqual(inline(password, inputs));
        expect(run.threadId).not.toBe(mainThreadId);
        expect(await lenientPool.check(password, inputs), password).toEqual(lenient(password, inputs));
      }
    } finally {
      await lenientPool.close();
    }
  });

  it('keeps the event loop free while 20 checks of long random passwords run', async () => {
    // Figures only: on a small shared machine, delays depend on what else runs, so no bound is asserted.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    delay.enable();
    const started = performance.now();
    const runs = await Promise.all(Array.from({ length: 20 }, () => pool.run(longRandom(), owner)));
    const elapsed = performance.now() - started;
    delay.disable();
    clearInterval(timer);

    for (const run of runs) {
      expect(run.verdict.ok).toBe(true);
      expect(run.threadId).not.toBe(mainThreadId);
    }
    const threads = new Set(runs.map((run) => run.threadId));
    expect(threads.size).toBeLessThanOrEqual(2);
    const zxcvbn = runs.reduce((sum, run) => sum + run.ms, 0);
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `20 checks of 64 random characters on threads ${[...threads].join(', ')} (main thread ${mainThreadId}): ` +
        `${elapsed.toFixed(0)} ms elapsed, ${zxcvbn.toFixed(0)} ms of zxcvbn; main thread: ${ticks} ticks of a ` +
        `10 ms timer, event-loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, ` +
        `max ${ms(delay.max)} ms`,
    );
  }, 180_000); // ~7 s alone on 2 cores; far longer when other suites share them

  it('refuses with 503 when the queue is full, or a check waits too long', async () => {
    const small = createPasswordStrengthPool({ threads: 1, maxQueue: 2, maxWaitMs: 100 });
    try {
      const running = small.check(longRandom()); // the thread's start and one long check: well over 100 ms
      const waiting = [small.check(longRandom()), small.check(longRandom())];
      const refused = small.check('hP9#vQ2!xLm7');
      const started = performance.now();
      const [ran, ...rest] = await Promise.allSettled([running, ...waiting, refused]);
      expect(ran).toMatchObject({ status: 'fulfilled', value: { ok: true } });
      for (const outcome of rest) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason as unknown;
        expect(reason).toBeInstanceOf(ServiceUnavailableError);
        expect(reason).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
      }
      await expect(refused).rejects.toThrow(/saturated/);
      expect(performance.now() - started).toBeGreaterThan(100);
    } finally {
      await small.close();
    }
  });

  it('refuses waiting and later checks with 503 once closed', async () => {
    const closing = createPasswordStrengthPool({ threads: 1 });
    const running = expect(closing.check(longRandom())).rejects.toBeInstanceOf(ServiceUnavailableError);
    const waiting = expect(closing.check(longRandom())).rejects.toBeInstanceOf(ServiceUnavailableError);
    await closing.close();
    await running;
    await waiting;
    await expect(closing.check('hP9#vQ2!xLm7')).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('checks on the calling thread with threads: 0 (the benchmark’s comparison)', async () => {
    const inline = createPasswordStrengthPool({ threads: 0 });
    const run = await inline.run('password1');
    expect(run.threadId).toBe(mainThreadId);
    expect(run.verdict).toMatchObject({ ok: false, score: 0 });
    await inline.close();
  });
});

/**
 * The server's password strength check off the event loop: zxcvbn takes up to ~0.8 s of CPU for a
 * long random password (measured on 64 characters, the most it scores), which on the main thread
 * would stall every other request (`/healthz` included) while a public sign-up is checked. The
 * checks run on a small pool of worker threads instead (`password-strength-worker.ts`), with the
 * same verdicts as `createPasswordStrengthChecker`.
 *
 * When every thread is busy, checks wait in a bounded queue: one that would wait past `maxWaitMs`,
 * or find `maxQueue` checks already waiting, is refused with 503 SERVICE_UNAVAILABLE (and
 * `Retry-After`), which every operation declares. `close()` refuses what waits and stops the threads.
 */
import { availableParallelism } from 'node:os';
import { threadId as mainThreadId, Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { ServiceUnavailableError, type StrengthVerdict } from '@holiday-peak-hub/core';
import { createPasswordStrengthChecker } from './password-strength.ts';

type MinScore = 0 | 1 | 2 | 3 | 4;

/** What the pool sends a worker, what it answers, and what it starts with (`password-strength-worker.ts`). */
export interface StrengthRequest {
  id: number;
  password: string;
  userInputs: string[];
}
export type StrengthReply = { id: number; verdict: StrengthVerdict; ms: number } | { id: number; error: string };
export interface StrengthWorkerData {
  minScore: MinScore;
}

export interface StrengthPoolOptions {
  /** Worker threads; 0 checks on the calling thread (the benchmark's comparison). Default: CPUs − 1, at least 1. */
  threads?: number;
  minScore?: MinScore;
  /** Checks that may wait for a thread; one more is refused at once with 503. Default: 64 per thread. */
  maxQueue?: number;
  /** How long a check may wait for a thread before it is refused with 503. Default: 10 s. */
  maxWaitMs?: number;
  logger?: Pick<Logger, 'error'>;
}

/** One check's verdict, and where and how long it ran (for tests and the benchmark). */
export interface StrengthRun {
  verdict: StrengthVerdict;
  /** The thread that ran zxcvbn (`worker_threads.threadId`; the main thread's with `threads: 0`). */
  threadId: number;
  /** Milliseconds zxcvbn took, and the check waited for a thread before. */
  ms: number;
  waitedMs: number;
}

export interface PasswordStrengthPool {
  /** The `PasswordStrengthCheck` port. */
  readonly check: (password: string, userInputs?: readonly string[]) => Promise<StrengthVerdict>;
  readonly run: (password: string, userInputs?: readonly string[]) => Promise<StrengthRun>;
  readonly threads: number;
  /** Refuses waiting and later checks with 503, fails running ones, and stops the threads. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./password-strength-worker.ts', import.meta.url);
/**
 * A worker gets these Node options instead of the main thread's (which under a test runner may hold
 * flags a worker refuses). Node ≥ 22.18 strips the worker's types itself; the condition makes it
 * resolve workspace packages to their sources, as `npm start` does.
 */
const WORKER_EXEC_ARGV = ['--conditions=@holiday-peak-hub/source'];

interface Task {
  request: StrengthRequest;
  queuedAt: number;
  startedAt: number;
  timer: NodeJS.Timeout | undefined;
  resolve(run: StrengthRun): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  threadId: number;
  task: Task | undefined;
}

export function defaultStrengthThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createPasswordStrengthPool(options: StrengthPoolOptions = {}): PasswordStrengthPool {
  const threads = options.threads ?? defaultStrengthThreads();
  const minScore = options.minScore ?? 3;
  const maxQueue = options.maxQueue ?? 64 * Math.max(1, threads);
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 0;
  let closed = false;
  let inline: ReturnType<typeof createPasswordStrengthChecker> | undefined;

  const unavailable = (why: string) => new ServiceUnavailableError(`Password checks are ${why}: try again shortly`);

  // Threads start on demand and stay; an idle one does not keep the process alive.
  function spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      workerData: { minScore } satisfies StrengthWorkerData,
      execArgv: WORKER_EXEC_ARGV,
    });
    const slot: Slot = { worker, threadId: worker.threadId, task: undefined };
    worker.unref();
    worker.on('message', (reply: StrengthReply) => {
      const task = slot.task;
      if (!task || task.request.id !== reply.id) return;
      slot.task = undefined;
      worker.unref();
      if ('error' in reply) task.reject(new Error(`password strength check failed: ${reply.error}`));
      else
        task.resolve({
          verdict: reply.verdict,
          threadId: slot.threadId,
          ms: reply.ms,
          waitedMs: task.startedAt - task.queuedAt,
        });
      pump();
    });
    worker.on('error', (err) => {
      options.logger?.error({ err }, 'password strength worker failed');
      drop(slot, err);
    });
    worker.on('exit', (code) => drop(slot, new Error(`password strength worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  }

  /** A thread that failed or exited: its check fails (a 500, or a 503 when closing), a new thread takes the queue. */
  function drop(slot: Slot, err: unknown): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    const task = slot.task;
    slot.task = undefined;
    task?.reject(closed ? unavailable('stopping') : err);
    void slot.worker.terminate();
    pump();
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.task === undefined) ?? (slots.length < threads ? spawn() : undefined);
      if (!slot) return;
      const task = queue.shift()!;
      clearTimeout(task.timer);
      task.startedAt = performance.now();
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  function runInline(password: string, userInputs: readonly string[]): StrengthRun {
    inline ??= createPasswordStrengthChecker({ minScore });
    const started = performance.now();
    const verdict = inline(password, userInputs);
    return { verdict, threadId: mainThreadId, ms: performance.now() - started, waitedMs: 0 };
  }

  async function run(password: string, userInputs: readonly string[] = []): Promise<StrengthRun> {
    if (closed) throw unavailable('stopping');
    if (threads <= 0) return runInline(password, userInputs);
    if (queue.length >= maxQueue) throw unavailable('saturated');
    return new Promise<StrengthRun>((resolve, reject) => {
      const request = { id: nextId++, password, userInputs: [...userInputs] };
      const task: Task = { request, queuedAt: performance.now(), startedAt: 0, timer: undefined, resolve, reject };
      queue.push(task);
      pump();
      if (!queue.includes(task)) return;
      task.timer = setTimeout(() => {
        const index = queue.indexOf(task);
        if (index === -1) return;
        queue.splice(index, 1);
        reject(unavailable('saturated'));
      }, maxWaitMs);
      task.timer.unref();
    });
  }

  return {
    threads: Math.max(0, threads),
    run,
    check: async (password, userInputs = []) => (await run(password, userInputs)).verdict,
    async close() {
      if (closed) return;
      closed = true;
      for (const task of queue.splice(0)) {
        clearTimeout(task.timer);
        task.reject(unavailable('stopping'));
      }
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

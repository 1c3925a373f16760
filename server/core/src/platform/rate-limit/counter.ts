/** The state of one key of a counter. */
export interface CounterState {
  consumedPoints: number;
  remainingPoints: number;
  msBeforeNext: number;
}

/**
 * Points counted per key over a window, with blocks (the shape of rate-limiter-flexible's limiters,
 * which the server uses in memory and on Redis). `consume` rejects with the state (not an Error)
 * when the key is over its points; a store failure rejects with an Error.
 */
export interface Counter {
  readonly points: number;
  consume(key: string, points?: number): Promise<CounterState>;
  get(key: string): Promise<CounterState | null>;
  penalty(key: string, points?: number): Promise<CounterState>;
  block(key: string, seconds: number): Promise<CounterState>;
  delete(key: string): Promise<boolean>;
}

export interface CounterOptions {
  /** Names the counter: keys of two counters never meet. */
  name: string;
  points: number;
  durationSeconds: number;
  /** Once over its points, a key stays refused this long (0: until its window ends). */
  blockSeconds?: number;
}

/** Makes counters, in one store (memory, Redis). */
export type CounterFactory = (options: CounterOptions) => Counter;

/** The rejection of `consume` by the counters of this package when a key is over its points. */
export class OverLimit extends Error {
  readonly msBeforeNext: number;
  constructor(state: CounterState) {
    super('over the limit');
    this.name = 'OverLimit';
    this.msBeforeNext = state.msBeforeNext;
  }
}

/** True when a rejection of `consume` is the over-the-limit state, not a failure of the store. */
export function isOverLimit(rejection: unknown): rejection is { msBeforeNext: number } {
  if (rejection instanceof OverLimit) return true;
  return (
    typeof rejection === 'object' &&
    rejection !== null &&
    !(rejection instanceof Error) &&
    typeof (rejection as { msBeforeNext?: unknown }).msBeforeNext === 'number'
  );
}

/**
 * The checkout bench's HTTP client and figures: `node:http` over one keep-alive agent (lighter than
 * `fetch`, so the load generator takes less of the machine's two cores from the server), latencies
 * kept per kind of request and reported as percentiles.
 */
import { request, Agent } from 'node:http';

export interface Answer {
  status: number;
  /** The body as text; parse it only when needed (parsing is client CPU). */
  text: string;
}

export interface SendOptions {
  token?: string | undefined;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A client of one server (`http://127.0.0.1:<port>`) with at most `connections` sockets. */
export function httpClient(port: number, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  function send(method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
  return { send, close: () => agent.destroy() };
}

export type Send = ReturnType<typeof httpClient>['send'];

/** The JSON of a 2xx answer; anything else throws with the status and body. */
export function ok<T>(answer: Answer, what: string): T {
  if (answer.status < 200 || answer.status > 299) throw new Error(`${what}: ${answer.status} ${answer.text}`);
  return (answer.text === '' ? undefined : JSON.parse(answer.text)) as T;
}

/** Latencies (ms) and failures of one kind of request. */
export class Tally {
  readonly latencies: number[] = [];
  /** Answers other than 2xx, by status; `error` for a request that got no answer. */
  readonly failures = new Map<string, number>();

  record(started: number, status: number | 'error'): void {
    this.latencies.push(performance.now() - started);
    if (status === 'error' || status < 200 || status > 299) {
      const key = String(status);
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    }
  }

  get count(): number {
    return this.latencies.length;
  }

  get failed(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0);
  }

  /** The latency at `p` (0..1), in ms; 0 when nothing was recorded. */
  percentile(p: number): number {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  }

  /** `2 × 409, 1 × error`, or `0`. */
  describeFailures(): string {
    return this.failed === 0 ? '0' : [...this.failures].map(([status, n]) => `${n} × ${status}`).join(', ');
  }
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `workers` loops of `step` until `seconds` have passed; answers the time it took (s). */
export async function runFor(seconds: number, workers: number, step: (worker: number) => Promise<void>) {
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < until) await step(worker);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * `npm run bench`: prints figures, asserts nothing.
 *  1. autocannon on 127.0.0.1 against GET /api/products/{id} and GET /api/products?category=… on the
 *     full server (embedded default, seeded, every middleware on) and on a bare Express 5 app
 *     serving the same JSON, in the same run: requests/s, p50, p99, ratio to bare.
 *  2. For every catalog operation, the Cosmos DB requests one call costs on a cache miss, and how
 *     many of them are cross-partition queries.
 * Writes both tables into docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { catalogOperations, type Operation } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { writeReport } from './write-report.ts';
import { composeServer } from '../src/compose.ts';
import { listen } from '../src/http/listen.ts';
import { demoToken } from '../test/support/sign-in.ts';
import { discoverIds, fillPath, sampleRequests } from '../test/support/sample-requests.ts';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const DURATION = Number(args.get('duration') ?? 4);
const ROUNDS = Number(args.get('rounds') ?? 5);
const CONNECTIONS = Number(args.get('connections') ?? 16);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

async function startTarget(mode: 'full' | 'bare', extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  // process.execArgv carries --conditions=@holiday-peak-hub/source, so the target resolves the workspace packages to src.
  const child = spawn(process.execPath, [...process.execArgv, here('./bench-target.ts'), mode, ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /^PORT (\d+)$/.exec(line);
    if (match) return { url: `http://127.0.0.1:${match[1]}`, child };
  }
  throw new Error(`${mode} target exited before listening`);
}

async function load(url: string, duration: number) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---- 1. Throughput and latency, full vs bare -------------------------------------------------
const full = await startTarget('full');
const page = (await (await fetch(`${full.url}/api/products?limit=1`)).json()) as {
  items: { id: string; category_slug: string }[];
};
const first = page.items[0]!;
const paths = {
  'GET /api/products/{id}': `/api/products/${first.id}`,
  'GET /api/products?category=…': `/api/products?category=${first.category_slug}&limit=20`,
};
const bodies: Record<string, unknown> = {};
for (const path of Object.values(paths)) bodies[path] = await (await fetch(full.url + path)).json();
const bodiesFile = join(mkdtempSync(join(tmpdir(), 'hph-bench-')), 'bodies.json');
writeFileSync(bodiesFile, JSON.stringify(bodies));
const bare = await startTarget('bare', [bodiesFile]);

type Figures = Awaited<ReturnType<typeof load>>;
/** The round with the median requests/s (its latencies come with it). */
const median = (rounds: Figures[]): Figures =>
  [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)]!;

// Full and bare alternate in short rounds, so whatever else the machine is doing weighs on both
// alike; each side reports its median round.
const throughput: string[] = [];
for (const [name, path] of Object.entries(paths)) {
  await load(full.url + path, 2); // warm-up: JIT, caches
  await load(bare.url + path, 2);
  const fullRounds: Figures[] = [];
  const bareRounds: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fullRounds.push(await load(full.url + path, DURATION));
    bareRounds.push(await load(bare.url + path, DURATION));
  }
  const f = median(fullRounds);
  const b = median(bareRounds);
  throughput.push(`| ${name} | full API | ${fmt(f.rps)} | ${f.p50} | ${f.p99} | ${fmt(f.rps / b.rps, 2)} |`);
  throughput.push(`| ${name} | bare Express | ${fmt(b.rps)} | ${b.p50} | ${b.p99} | 1.00 |`);
}
full.child.kill('SIGTERM');
bare.child.kill('SIGTERM');

// ---- 2. Cosmos DB requests per operation on a cache miss --------------------------------------
const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', VALIDATE_RESPONSES: 'false' });
const composed = await composeServer(config, pino({ level: 'silent' }));
const server = await listen(composed.app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const staff = await demoToken(base, 'staff');
const samples = sampleRequests(await discoverIds(base, staff));
const embedded = composed.cosmos.embedded!;

async function callOnce(op: Operation): Promise<number> {
  const sample = samples[op.operationId as keyof typeof samples]();
  const url = new URL(fillPath(op, sample.params), base);
  for (const [k, v] of Object.entries(sample.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: op.method.toUpperCase(),
    headers: { authorization: `Bearer ${staff}`, ...(sample.body ? { 'content-type': 'application/json' } : {}) },
    body: sample.body ? JSON.stringify(sample.body) : undefined,
  });
  await res.arrayBuffer();
  return res.status;
}

const costs: string[] = [];
for (const op of catalogOperations as readonly Operation[]) {
  await callOnce(op); // SDK metadata (container definitions, partition key ranges) warmed up
  await composed.cache.invalidateAll();
  embedded.resetRequestCount();
  const status = await callOnce(op);
  const total = embedded.requestCount();
  const plans = embedded.queryPlanCount();
  const cross = embedded.crossPartitionQueryCount();
  costs.push(
    `| \`${op.operationId}\` | ${op.method.toUpperCase()} ${op.path} | ${status} | ${total - plans} | ${plans} | ${cross > 0 ? `yes (${cross})` : 'no'} |`,
  );
}
server.closeAllConnections();
server.close();
await composed.close();

// ---- Report ---------------------------------------------------------------------------------------
const when = new Date().toISOString().slice(0, 10);
const report = [
  `Measured ${when} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; autocannon, ${CONNECTIONS} connections; full API and bare Express alternate in ${ROUNDS} rounds of ${DURATION} s after a 2 s warm-up, each reported by its median round; servers in their own processes, the load generator in a third.`,
  '',
  '| operation | target | requests/s | p50 ms | p99 ms | ratio to bare |',
  '|---|---|---:|---:|---:|---:|',
  ...throughput,
  '',
  'Cosmos DB requests one call costs with the catalog cache emptied first (embedded stand-in, request counter on its HTTP server). "Query plans" are the plan lookups the SDK makes before a query; "cross-partition" counts queries sent without a partition key.',
  '',
  '| operation | route | status | data requests | query plans | cross-partition |',
  '|---|---|---:|---:|---:|---|',
  ...costs,
].join('\n');
process.stdout.write(`\n${report}\n`);

const docPath = here('../../docs/performance.md');
if (await writeReport(docPath, 'bench', report)) process.stdout.write(`\nwritten into docs/performance.md\n`);
process.exit(0);

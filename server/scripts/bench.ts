/**
 * `npm run bench`: prints figures, asserts nothing. `npm run bench -- --write` also puts them into
 * docs/performance.md (between its `bench` markers); without `--write` no file is touched.
 *  1. Cached reads, GET /api/products/{id} of a demo product and a category listing page, on the
 *     full API (`npm start`'s composition and log level, in its own process) and on its ceiling: a
 *     bare Express 5 app in another process answering the same paths with the same bytes and
 *     headers (`res.send` of a Buffer built once). The load generator (the autocannon CLI) runs in
 *     a third process per round; full and bare alternate in short rounds. Requests/s, p50, p99,
 *     ratio full/bare.
 *  2. For every catalog operation, the Cosmos DB requests one successful call costs on a cache
 *     miss, and how many of them are cross-partition queries. Operations that delete or change a
 *     state act on a resource made for that call (a product, category or banner created, a stock
 *     or priority not yet set), so every row measures the operation doing its work, not a 404 or a no-op.
 * Options: --connections=50 --duration=3 (s per round) --rounds=4 --write
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogOperations, type Operation, type OperationId } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { writeReport } from './write-report.ts';
import type { CapturedResponse } from './bench-target.ts';
import { composeServer } from '../src/compose.ts';
import { listen } from '../src/http/listen.ts';
import { demoToken } from '../test/support/sign-in.ts';
import {
  discoverIds,
  fillPath,
  operationById,
  sampleRequests,
  type SampleRequest,
} from '../test/support/sample-requests.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [name, value] = a.replace(/^--/, '').split('=');
    return [name!, value] as const;
  }),
);
const DURATION = Number(args.get('duration') ?? 3);
const ROUNDS = Number(args.get('rounds') ?? 4);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const WRITE = args.has('write');
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const autocannonCli = createRequire(import.meta.url).resolve('autocannon');
const startedAt = performance.now();

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Starts bench-target.ts in its own process; it tells its port over IPC. */
async function startTarget(mode: 'full' | 'bare', extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env };
  // The full API at its default log level, whatever the calling shell sets; its logs go to this terminal.
  delete env.LOG_LEVEL;
  // process.execArgv carries --conditions=@holiday-peak-hub/source, so the target resolves the workspace packages to src.
  const child = spawn(process.execPath, [...process.execArgv, here('./bench-target.ts'), mode, ...extra], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
  const port = await new Promise<number>((resolve, reject) => {
    const exited = () => reject(new Error(`${mode} target exited before listening`));
    child.once('exit', exited);
    child.once('message', (message: { port: number }) => {
      child.off('exit', exited);
      resolve(message.port);
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  /** Responses other than 2xx, and connection errors and timeouts. */
  failed: number;
}

/** One round of the autocannon CLI in its own process, JSON results on its stdout. */
async function load(url: string, duration: number): Promise<Figures> {
  const child = spawn(
    process.execPath,
    [autocannonCli, '--json', '-c', String(CONNECTIONS), '-d', String(duration), '-p', '1', url],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const result = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** An answer of the full API as it went on the wire, minus the headers Node writes itself. */
async function capture(url: string): Promise<CapturedResponse> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  const skip = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  const headers = Object.fromEntries([...res.headers].filter(([name]) => !skip.has(name)));
  return { status: res.status, headers, body: body.toString('base64') };
}

// ---- 1. Throughput and latency, full vs bare -------------------------------------------------
say(`Starting the full API and bare Express 5 in their own processes…`);
const full = await startTarget('full');
const page = (await (await fetch(`${full.url}/api/products?limit=1`)).json()) as {
  items: { id: string; category_slug: string }[];
};
const first = page.items[0]!;
const paths = {
  'GET /api/products/{id}': `/api/products/${first.id}`,
  'GET /api/products?category=…&limit=20': `/api/products?category=${first.category_slug}&limit=20`,
};
const responses: Record<string, CapturedResponse> = {};
for (const path of Object.values(paths)) responses[path] = await capture(full.url + path);
const tmp = mkdtempSync(join(tmpdir(), 'hph-bench-'));
const responsesFile = join(tmp, 'responses.json');
writeFileSync(responsesFile, JSON.stringify(responses));
const bare = await startTarget('bare', [responsesFile]);
for (const [path, captured] of Object.entries(responses)) {
  const fromBare = await capture(bare.url + path);
  const same = fromBare.body === captured.body && fromBare.status === captured.status;
  say(
    `  ${path}: ${captured.status}, ${Buffer.from(captured.body, 'base64').length} bytes, ` +
      `etag ${captured.headers.etag ?? 'none'}; bare answers ${same ? 'the same bytes' : 'DIFFERENT bytes'}`,
  );
}

/** The round with the median requests/s (its latencies come with it). */
const median = (rounds: Figures[]): Figures =>
  [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)]!;

// Full and bare alternate in short rounds, so whatever else the machine is doing weighs on both
// alike; each side reports its median round.
const throughput: string[] = [];
const failures: string[] = [];
for (const [name, path] of Object.entries(paths)) {
  say(`Loading ${name}: ${ROUNDS} rounds of ${DURATION} s per target, ${CONNECTIONS} connections…`);
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
  for (const [target, rounds] of [
    ['full API', fullRounds],
    ['bare Express', bareRounds],
  ] as const) {
    const failed = rounds.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) failures.push(`${name} on ${target}: ${failed} non-2xx answers or errors`);
  }
  throughput.push(`| ${name} | full API | ${fmt(f.rps)} | ${f.p50} | ${f.p99} | ${fmt(f.rps / b.rps, 2)} |`);
  throughput.push(`| ${name} | bare Express (\`res.send\` of a Buffer) | ${fmt(b.rps)} | ${b.p50} | ${b.p99} | 1.00 |`);
}
full.child.disconnect();
bare.child.disconnect();
rmSync(tmp, { recursive: true, force: true });

// ---- 2. Cosmos DB requests per operation on a cache miss --------------------------------------
say('Counting Cosmos DB requests per catalog operation…');
const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', VALIDATE_RESPONSES: 'false' });
const composed = await composeServer(config, pino({ level: 'silent' }));
const server = await listen(composed.app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const staff = await demoToken(base, 'staff');
const ids = await discoverIds(base, staff);
const samples = sampleRequests(ids);
const embedded = composed.cosmos.embedded!;

async function call(operationId: OperationId, sample: SampleRequest): Promise<{ status: number; body: unknown }> {
  const op = operationById.get(operationId)!;
  const url = new URL(fillPath(op, sample.params), base);
  for (const [k, v] of Object.entries(sample.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: op.method.toUpperCase(),
    headers: {
      authorization: `Bearer ${staff}`,
      ...sample.headers,
      ...(sample.body ? { 'content-type': 'application/json' } : {}),
    },
    body: sample.body ? JSON.stringify(sample.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Makes a resource for a setup step (not counted); its id or slug. */
async function made(operationId: 'createProduct' | 'createCategory' | 'createBanner'): Promise<string> {
  const { status, body } = await call(operationId, samples[operationId]());
  if (status !== 201) throw new Error(`${operationId} for a setup answered ${status}`);
  const created = body as { id?: string; slug?: string };
  return (created.id ?? created.slug)!;
}

/** A value not set before (a stock, a banner priority), so the call changes something. */
let unused = 40;
/**
 * The shared samples (role matrix, fuzzer) aim destructive calls at ids that do not exist, and
 * repeat publish, stock and banner calls that then change nothing: here each call gets its own target.
 */
const prepared: Partial<Record<OperationId, () => Promise<SampleRequest>>> = {
  publishProduct: async () => ({ params: { id: await made('createProduct') } }), // a new product is a draft
  archiveProduct: async () => {
    const id = await made('createProduct');
    await call('publishProduct', { params: { id } });
    return { params: { id } };
  },
  deleteProduct: async () => ({ params: { id: await made('createProduct') } }),
  setVariantStock: () =>
    Promise.resolve({ params: { id: ids.productId, variant_id: ids.variantId }, body: { stock: (unused += 1) } }),
  deleteCategory: async () => ({ params: { slug: await made('createCategory') } }), // empty, so it may go
  updateBanner: () => Promise.resolve({ params: { id: ids.bannerId }, body: { priority: (unused += 1) } }),
  deleteBanner: async () => ({ params: { id: await made('createBanner') } }),
};

async function callOnce(op: Operation, counted: boolean) {
  const id = op.operationId as OperationId;
  const prepare = prepared[id];
  const sample = prepare ? await prepare() : samples[id]();
  if (counted) {
    await composed.cache.invalidateAll();
    embedded.resetRequestCount();
  }
  return (await call(id, sample)).status;
}

const costs: string[] = [];
for (const op of catalogOperations as readonly Operation[]) {
  await callOnce(op, false); // SDK metadata (container definitions, partition key ranges) warmed up
  const status = await callOnce(op, true);
  const total = embedded.requestCount();
  const plans = embedded.queryPlanCount();
  const cross = embedded.crossPartitionQueryCount();
  if (status >= 300) failures.push(`${op.operationId} answered ${status}`);
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
  `Measured ${when} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; autocannon, ${CONNECTIONS} connections, no pipelining. The full API (as \`npm start\` composes it, log level \`info\`, response validation off as in production), the bare Express 5 app and the load generator each run in their own process; full and bare alternate in ${ROUNDS} rounds of ${DURATION} s after a 2 s warm-up, each reported by its median round. The bare app answers with the full API's bytes and headers (JSON body, \`ETag\`, \`Cache-Control\`, security headers) by \`res.send\` of a Buffer built once: Express's own ceiling for that answer. Both reads hit the catalog cache.`,
  '',
  '| operation | target | requests/s | p50 ms | p99 ms | ratio to bare |',
  '|---|---|---:|---:|---:|---:|',
  ...throughput,
  '',
  'Cosmos DB requests one successful call costs with the catalog cache emptied first (embedded stand-in, request counter on its HTTP server). Publish, archive and delete calls act on a product, category or banner created for the call (the setup is not counted), stock and banner updates set a value not set before: every row is the operation doing its work, not a 404 or a no-op. "Query plans" are the plan lookups the SDK makes before a query; "cross-partition" counts queries sent without a partition key.',
  '',
  '| operation | route | status | data requests | query plans | cross-partition |',
  '|---|---|---:|---:|---:|---|',
  ...costs,
].join('\n');
say(`\n${report}\n`);
if (failures.length > 0) say(`Not all calls succeeded:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);

const docPath = here('../../docs/performance.md');
if (!WRITE) say('docs/performance.md left as it is (npm run bench -- --write puts these figures into it).');
else if (await writeReport(docPath, 'bench', report)) say('written into docs/performance.md');
else say('docs/performance.md has no bench markers: nothing written');
say(`(${fmt((performance.now() - startedAt) / 1000)} s)`);
process.exit(0);

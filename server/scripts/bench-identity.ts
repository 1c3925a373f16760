/**
 * `npm run bench:identity`: what sign-in costs. Prints (and with `--write` puts into
 * docs/performance.md, between its `bench-identity` markers; without it no file is touched):
 *   1. scrypt time per password hash at the production cost and at cheaper ones (the baseline);
 *   2. requests/s and latency of sign-in against a bearer-authenticated read of the same server
 *      (the baseline: what the API serves when no password is hashed);
 *   3. Cosmos DB requests per identity operation (embedded stand-in's request counter);
 *   4. `/healthz` latency while 20 sign-ups with long random passwords run at once, with zxcvbn on
 *      the event loop (before) and on the password strength pool's worker threads (now).
 * Loopback only; every load is bounded in time.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { loadConfig } from '../src/config.ts';
import { writeReport } from './write-report.ts';
import { composeServer } from '../src/compose.ts';
import { createScryptHasher, OWASP_SCRYPT_PARALLELISM } from '../src/auth/password-hasher.ts';
import { defaultStrengthThreads } from '../src/auth/password-strength-pool.ts';
import { listen } from '../src/http/listen.ts';
import { signIn } from '../test/support/sign-in.ts';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const DURATION = Number(args.get('duration') ?? 5);
const CONNECTIONS = Number(args.get('connections') ?? 8);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---- 1. scrypt cost -------------------------------------------------------------------------
const hashing: string[] = [];
// OWASP's equal-strength pairs, and the cheaper 2^15 with one lane as a baseline below the minimum.
for (const [logN, p] of [
  [17, 1],
  [15, 3],
  [14, 5],
  [13, 10],
  [15, 1],
] as const) {
  const hasher = createScryptHasher({ logN, p });
  const stored = await hasher.hash('Velvet-Harbor-Quietly-93');
  const times: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const started = performance.now();
    await hasher.verify('Velvet-Harbor-Quietly-93', stored);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const memory = (128 * 8 * 2 ** logN) / 2 ** 20;
  const label = logN === 14 ? ' (production)' : p === OWASP_SCRYPT_PARALLELISM[logN] ? '' : ' (below OWASP)';
  hashing.push(`| 2^${logN}, p = ${p}${label} | ${memory} MiB | ${fmt(times[4]!, 1)} |`);
}

// ---- 2. Sign-in throughput against an authenticated read -------------------------------------
const config = loadConfig({
  NODE_ENV: 'development',
  LOG_LEVEL: 'silent',
  VALIDATE_RESPONSES: 'false',
  COSMOS_SEED_PRODUCTS: '20',
  // One client signs one account in over and over: the per-address and per-account limits would stop it.
  AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  AUTH_ACCOUNT_ATTEMPTS_PER_MINUTE: '100000',
});
const composed = await composeServer(config, pino({ level: 'silent' }));
const server = await listen(composed.app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const customer = DEMO_ACCOUNTS.find((a) => a.role === 'customer')!;
const token = (await signIn(base, customer.email, DEMO_PASSWORD)).tokens!.access_token;

async function load(name: string, options: Partial<autocannon.Options>) {
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, ...options });
  if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors`);
  return `| ${name} | ${fmt(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} |`;
}
// The lockout counts failures per account, not successes: every sign-in here succeeds.
const loginBody = JSON.stringify({ email: customer.email, password: DEMO_PASSWORD, token_delivery: 'body' });
await load('warm-up', { url: `${base}/api/users/me`, duration: 2, headers: { authorization: `Bearer ${token}` } });
const throughput = [
  await load('`GET /api/users/me` (bearer; baseline)', {
    url: `${base}/api/users/me`,
    headers: { authorization: `Bearer ${token}` },
  }),
  await load('`POST /api/auth/login` (scrypt 2^14, p = 5)', {
    url: `${base}/api/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: loginBody,
  }),
];

// ---- 3. Cosmos DB requests per operation ----------------------------------------------------
const embedded = composed.cosmos.embedded!;
async function cost(name: string, call: () => Promise<Response>): Promise<string> {
  await call(); // SDK metadata warmed up
  embedded.resetRequestCount();
  const res = await call();
  const total = embedded.requestCount();
  const plans = embedded.queryPlanCount();
  return `| ${name} | ${res.status} | ${total - plans} | ${plans} | ${embedded.crossPartitionQueryCount() > 0 ? 'yes' : 'no'} |`;
}
const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const admin = (await signIn(base, DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email, DEMO_PASSWORD)).tokens!;
const costs = [
  await cost('`login`', () => fetch(`${base}/api/auth/login`, { method: 'POST', headers: bearer, body: loginBody })),
  await cost('`refreshSession`', async () => {
    const session = await signIn(base, customer.email, DEMO_PASSWORD);
    embedded.resetRequestCount();
    return fetch(`${base}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: session.tokens!.refresh_token }),
    });
  }),
  await cost('`getMe`', () => fetch(`${base}/api/users/me`, { headers: bearer })),
  await cost('`updatePreferences`', () =>
    fetch(`${base}/api/users/me/preferences`, {
      method: 'PUT',
      headers: bearer,
      body: JSON.stringify({
        language: 'en',
        currency: 'USD',
        notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
      }),
    }),
  ),
  await cost('`listAddresses`', () => fetch(`${base}/api/users/me/addresses`, { headers: bearer })),
  await cost('`adminListUsers`', () =>
    fetch(`${base}/api/admin/users?limit=20`, { headers: { authorization: `Bearer ${admin.access_token}` } }),
  ),
];
server.closeAllConnections();
server.close();
await composed.close();

// ---- 4. The event loop while passwords are checked ------------------------------------------
// 64 random characters: zxcvbn's costliest input (it scores the first 64 characters of any password).
const SIGN_UPS = 20;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
async function healthzUnderSignUps(label: string, strengthThreads: number): Promise<string> {
  const composed = await composeServer(config, pino({ level: 'silent' }), undefined, { strengthThreads });
  const server = await listen(composed.app, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signUp = (n: string) =>
    fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Bench ${n}`,
        email: `bench-${n}-${randomBytes(4).toString('hex')}@example.com`,
        password: randomBytes(64).toString('base64').slice(0, 64),
      }),
    }).then(async (res) => (await res.arrayBuffer(), res.status));
  await signUp('warm-up'); // zxcvbn's dictionaries built (inline, or in a thread), Cosmos DB metadata read
  for (let i = 0; i < 20; i += 1) await fetch(`${base}/healthz`).then((res) => res.arrayBuffer());
  // One probe at a time, 10 ms apart, for as long as the sign-ups run.
  const latencies: number[] = [];
  let running = true;
  const probing = (async () => {
    while (running) {
      const sent = performance.now();
      await fetch(`${base}/healthz`).then((res) => res.arrayBuffer());
      latencies.push(performance.now() - sent);
      await sleep(10);
    }
  })();
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: SIGN_UPS }, (_, i) => signUp(String(i))));
  const elapsed = performance.now() - started;
  running = false;
  await probing;
  server.closeAllConnections();
  server.close();
  await composed.close();
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${n} × ${status}`).join(', ');
  latencies.sort((a, b) => a - b);
  const ms = (p: number) => fmt(percentile(latencies, p), 1);
  return `| ${label} | ${tally} | ${fmt(elapsed / 1000, 1)} | ${latencies.length} | ${ms(0.5)} | ${ms(0.99)} | ${fmt(latencies.at(-1)!, 1)} |`;
}
const threads = defaultStrengthThreads();
const eventLoop = [
  await healthzUnderSignUps('zxcvbn on the event loop (before)', 0),
  await healthzUnderSignUps(`zxcvbn on ${threads} worker thread${threads === 1 ? '' : 's'} (now)`, threads),
];

// ---- Report ---------------------------------------------------------------------------------
const when = new Date().toISOString().slice(0, 10);
const report = [
  `Measured ${when} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}.`,
  '',
  'scrypt (r = 8), median of 9 verifications; the first four are equally strong by OWASP:',
  '',
  '| N, lanes | memory per lane | ms per hash |',
  '|---|---:|---:|',
  ...hashing,
  '',
  `Sign-in against an authenticated read of the same in-process server (embedded stand-in, in-memory sessions), autocannon, ${CONNECTIONS} connections, ${DURATION} s each:`,
  '',
  '| call | requests/s | p50 ms | p99 ms | non-2xx |',
  '|---|---:|---:|---:|---:|',
  ...throughput,
  '',
  'Cosmos DB requests of one call (after a warm-up call); sessions, rate limits and lockouts live in Redis or memory, not Cosmos DB:',
  '',
  '| operation | status | data requests | query plans | cross-partition |',
  '|---|---:|---:|---:|---|',
  ...costs,
  '',
  `\`GET /healthz\` (one probe at a time, 10 ms apart, in the same process) while ${SIGN_UPS} sign-ups with 64-character random passwords run at once (scrypt 2^14, p = 5; the pool refuses a check that waits over 10 s with 503):`,
  '',
  '| password strength check | sign-up answers | sign-ups s | probes | p50 ms | p99 ms | max ms |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...eventLoop,
].join('\n');
process.stdout.write(`\n${report}\n`);

const docPath = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
if (!args.has('write')) {
  process.stdout.write(
    '\ndocs/performance.md left as it is (npm run bench:identity -- --write puts these figures into it)\n',
  );
} else if (await writeReport(docPath, 'bench-identity', report)) {
  process.stdout.write('\nwritten into docs/performance.md\n');
}
process.exit(0);

/** Entry point: config → dependencies → app → listen; graceful shutdown on SIGTERM/SIGINT. */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfigOrExit } from './config.ts';
import { composeServer } from './compose.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { listen } from './http/listen.ts';

const config = loadConfigOrExit();
const logger = pino({
  level: config.logLevel,
  base: { service: 'holiday-peak-hub-api' },
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
});

const composed = await composeServer(config, logger);
const server = await listen(composed.app, config.port, config.host, config.http);
const { port } = server.address() as AddressInfo;
const baseUrl = config.publicBaseUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

const lines = [
  '',
  `  Holiday Peak Hub API listening on ${baseUrl}`,
  `    docs:      ${baseUrl}/docs`,
  `    spec:      ${baseUrl}/openapi.json  (events: ${baseUrl}/asyncapi.json)`,
  `    try:       curl -s '${baseUrl}/api/products?limit=3'`,
];
if (config.cosmos.mode === 'embedded') {
  lines.push(
    `    database:  embedded Cosmos DB stand-in (${config.cosmos.seedProducts} demo products, in memory; set COSMOS_ENDPOINT for Azure)`,
    `    demo accounts (embedded default only), password ${DEMO_PASSWORD}:`,
    ...DEMO_ACCOUNTS.map((account) => `      ${account.role.padEnd(9)}${account.email}`),
    `    sign in:   curl -s ${baseUrl}/api/auth/login -H 'content-type: application/json' \\`,
    `                -d '{"email":"${DEMO_ACCOUNTS[1]?.email ?? ''}","password":"${DEMO_PASSWORD}","token_delivery":"body"}'`,
    `    mail:      ${baseUrl}/dev/mail  (verification and reset links; no mail leaves the process)`,
  );
} else {
  lines.push(`    database:  ${config.cosmos.endpoint} (${config.cosmos.database})`);
}
process.stdout.write(lines.join('\n') + '\n\n');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  composed.lifecycle.shuttingDown = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const forced = setTimeout(() => {
    logger.warn('grace period over: closing remaining connections');
    server.closeAllConnections();
  }, config.shutdownGraceMs);
  forced.unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await composed.close();
  logger.info('stopped');
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void shutdown(signal);
  });
}

/**
 * `npm run consumers`: the shared event consumers (the audit trail) in a process of their own, as
 * a separate AKS deployment scaled by KEDA on the consumer groups' lag would run them. Needs Event
 * Hubs and Cosmos DB (set `EVENT_CONSUMERS=false` on the API so that only these run them).
 */
import { auditTrailConsumer } from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { loadConfigOrExit } from './config.ts';
import { CosmosAuditLog } from './identity/audit-log.ts';
import { connectCosmos } from './platform/cosmos/connect.ts';
import { CONTAINER } from './platform/cosmos/containers.ts';
import { ensureContainers } from './platform/cosmos/ensure-containers.ts';
import { createEventTransport } from './platform/events/event-transport.ts';

const config = loadConfigOrExit((c) => [
  ...(c.events.mode === 'event-hubs'
    ? []
    : [
        'EVENT_HUBS_CONNECTION_STRING or EVENT_HUBS_NAMESPACE: required (in process, the API runs its consumers itself)',
      ]),
  ...(c.cosmos.mode === 'embedded'
    ? ['COSMOS_ENDPOINT: required (the consumers apply events to the API database)']
    : []),
]);
const logger = pino({ level: config.logLevel, base: { service: 'holiday-peak-hub-consumers' } });
const cosmos = await connectCosmos(config.cosmos, logger);
await ensureContainers(cosmos.database);
const transport = createEventTransport(config.events, { logger });
const consumers = [auditTrailConsumer(new CosmosAuditLog(cosmos.database.container(CONTAINER.auditLogs), logger))];
await transport.run(consumers, cosmos.database);
logger.info({ consumers: consumers.map((c) => c.name) }, 'consumers running');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'consumers: stopping');
  await transport.close();
  await cosmos.close();
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void shutdown(signal);
  });
}

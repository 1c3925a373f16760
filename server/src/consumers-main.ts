/**
 * `npm run consumers`: the shared event consumers (the audit trail, the order SAGA and the links of
 * guest orders to accounts) in a process of their own, as
 * a separate AKS deployment scaled by KEDA on the consumer groups' lag would run them. Needs Event
 * Hubs and Cosmos DB (set `EVENT_CONSUMERS=false` on the API so that only these run them).
 */
import {
  accountOrdersConsumer,
  auditTrailConsumer,
  orderSagaConsumer,
  type EventConsumer,
} from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { loadConfigOrExit } from './config.ts';
import { CosmosAuditLog } from './identity/audit-log.ts';
import { connectCosmos } from './platform/cosmos/connect.ts';
import { CONTAINER } from './platform/cosmos/containers.ts';
import { ensureContainers } from './platform/cosmos/ensure-containers.ts';
import { createCursorCodec, deriveCursorKey } from './platform/cosmos/cursor.ts';
import { createEventTransport } from './platform/events/event-transport.ts';
import { CosmosUserRepository } from './identity/user-repository.ts';
import { CosmosOrderRepository } from './orders/order-repository.ts';
import { createStripeGateway } from './payments/stripe-gateway.ts';

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
const container = (name: string) => cosmos.database.container(name);
const outbox = { publisher: transport.publisher, logger };
const cursors = createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem));
const consumers: EventConsumer[] = [auditTrailConsumer(new CosmosAuditLog(container(CONTAINER.auditLogs), logger))];
const orderDeps = {
  orders: new CosmosOrderRepository(container(CONTAINER.orders), outbox, cursors),
  clock: () => new Date(),
  eventSource: config.eventSource,
  logger,
};
consumers.push(
  accountOrdersConsumer({
    ...orderDeps,
    accounts: new CosmosUserRepository(container(CONTAINER.users), outbox, cursors),
  }),
);
// The SAGA captures payments: it needs the payment provider the API uses (Stripe's test mode lives in the API's process).
if (config.stripe) consumers.push(orderSagaConsumer({ ...orderDeps, gateway: createStripeGateway(config.stripe) }));
else
  logger.warn(
    'consumers: no STRIPE_SECRET_KEY, so the order SAGA is not run here (the API runs it on its own payments)',
  );
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

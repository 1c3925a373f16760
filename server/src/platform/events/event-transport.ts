import type { Database } from '@azure/cosmos';
import {
  InProcessEventBus,
  subscribeInProcess,
  type EventConsumer,
  type EventPublisher,
  type ReadinessCheck,
} from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import type { EventsConfig } from './events-config.ts';
import { CONTAINER } from '../cosmos/containers.ts';
import { CosmosDeadLetters } from './dead-letters.ts';
import { eventHubsConnection, type EventHubsConnection } from './event-hubs-connection.ts';
import { runEventHubsConsumer, type ConsumerRunOptions, type RunningConsumer } from './event-hubs-consumer.ts';
import { EventHubsPublisher } from './event-hubs-publisher.ts';

/** Consumer settings a deployment or a test may change (retries, batch size, lag logging). */
export type ConsumerTuning = Pick<
  ConsumerRunOptions,
  'retry' | 'maxBatchSize' | 'maxWaitTimeInSeconds' | 'lagIntervalMs' | 'loadBalancing'
>;

/** Where events go and how consumers get them, behind one publisher port. */
export interface EventTransport {
  readonly mode: EventsConfig['mode'];
  publisher: EventPublisher;
  /** Reported by `/readyz` but not required: writes keep their events in the outbox while the hub is away. */
  readiness: ReadinessCheck | undefined;
  /**
   * Starts consumers: `shared` ones once per group of processes, `every-replica` ones in every
   * process. In process, only `shared` ones run, on the bus: one process has no other replica.
   */
  run(consumers: readonly EventConsumer[], database: Database): Promise<RunningConsumer[]>;
  /** Stops the consumers (first at shutdown: they write to Cosmos DB). */
  stopConsumers(): Promise<void>;
  /** Stops the consumers if still running, then the publisher (last: the outbox relays publish until they stop). */
  close(): Promise<void>;
}

export interface EventTransportOptions {
  logger: Logger;
  consumerTuning?: ConsumerTuning;
  /** Publishing fails at once for this long after a failed send (default 5 s). */
  publishCooldownMs?: number;
}

/** The in-process bus by default; Azure Event Hubs (Blob checkpoints, Cosmos DB dead letters) when configured. */
export function createEventTransport(config: EventsConfig, options: EventTransportOptions): EventTransport {
  const { logger } = options;
  if (config.mode === 'in-process') {
    const bus = new InProcessEventBus(logger);
    const unsubscribers: (() => void)[] = [];
    return {
      mode: config.mode,
      publisher: bus,
      readiness: undefined,
      run(consumers) {
        unsubscribers.push(
          subscribeInProcess(
            bus,
            consumers.filter((c) => c.delivery === 'shared'),
          ),
        );
        return Promise.resolve([]);
      },
      stopConsumers() {
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
        return Promise.resolve();
      },
      async close() {
        await this.stopConsumers();
        await bus.close();
      },
    };
  }
  const connection: EventHubsConnection = eventHubsConnection(config);
  const publisher = new EventHubsPublisher(connection, logger, { cooldownMs: options.publishCooldownMs });
  const running: RunningConsumer[] = [];
  return {
    mode: config.mode,
    publisher,
    readiness: { name: 'event-hubs', required: false, check: () => publisher.check() },
    async run(consumers, database) {
      const deadLetters = new CosmosDeadLetters(database.container(CONTAINER.deadLetters));
      const needsCheckpoints = consumers.some((c) => c.delivery === 'shared');
      const checkpointStore = needsCheckpoints ? await connection.checkpointStore() : undefined;
      const started = consumers.map((consumer) =>
        runEventHubsConsumer({
          consumer,
          connection,
          checkpointStore,
          deadLetters,
          logger,
          loadBalancing: config.loadBalancing,
          ...options.consumerTuning,
        }),
      );
      running.push(...started);
      return started;
    },
    async stopConsumers() {
      await Promise.all(running.splice(0).map((consumer) => consumer.close()));
    },
    async close() {
      await this.stopConsumers();
      await publisher.close();
    },
  };
}

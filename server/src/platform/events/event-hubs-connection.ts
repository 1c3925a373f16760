import {
  EventHubConsumerClient,
  EventHubProducerClient,
  RetryMode,
  type CheckpointStore,
  type RetryOptions,
} from '@azure/event-hubs';
import { BlobCheckpointStore } from '@azure/eventhubs-checkpointstore-blob';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { ContainerClient } from '@azure/storage-blob';
import type { EventsConfig } from './events-config.ts';

export type EventHubsConfig = Extract<EventsConfig, { mode: 'event-hubs' }>;

/**
 * How processes of one consumer group share partitions (through ownership records in the
 * checkpoint store): every ~10 s a process renews its claims and takes unowned or expired ones
 * (after 60 s without renewal). `greedy` takes all it may at once instead of one per round, so a
 * consumer that starts alone reads every partition at once rather than after a minute.
 */
export interface LoadBalancing {
  updateIntervalInMs?: number;
  partitionOwnershipExpirationIntervalInMs?: number;
}

/**
 * Retries of one send: short, so that a write never waits long for an unreachable hub (its events
 * stay in the outbox for the relay). The client's defaults (3 retries 30 s apart, 60 s per try)
 * would hold a request for minutes.
 */
export const SEND_RETRY: RetryOptions = {
  maxRetries: 2,
  retryDelayInMs: 100,
  maxRetryDelayInMs: 1_000,
  mode: RetryMode.Exponential,
  timeoutInMs: 5_000,
};

/**
 * Retries of a consumer's link: at most 2 s apart, so a consumer is reading again within about
 * 2 s of the hub's return (the client's defaults, 30 s apart, leave it idle that long). When they
 * run out (an outage of a minute or more), the client's processing loop starts the partition again.
 */
export const RECEIVE_RETRY: RetryOptions = {
  maxRetries: 30,
  retryDelayInMs: 250,
  maxRetryDelayInMs: 2_000,
  mode: RetryMode.Exponential,
};

/** Clients of one Event Hubs namespace and of the consumers' checkpoint store. */
export interface EventHubsConnection {
  producer(hub: string): EventHubProducerClient;
  /** With a checkpoint store, the client shares the partitions with other processes of its group and resumes from checkpoints. */
  consumer(
    hub: string,
    consumerGroup: string,
    checkpoints?: CheckpointStore,
    loadBalancing?: LoadBalancing,
  ): EventHubConsumerClient;
  /** The Blob checkpoint store (the container is created if missing); KEDA's scaler reads the same blobs. */
  checkpointStore(): Promise<CheckpointStore>;
}

/**
 * By connection string (SAS; also the local stand-in with `UseDevelopmentEmulator=true`) or by
 * namespace with `DefaultAzureCredential` (workload identity on AKS, Azure CLI on a laptop).
 */
export function eventHubsConnection(config: Pick<EventHubsConfig, 'connection' | 'checkpoints'>): EventHubsConnection {
  let credential: TokenCredential | undefined;
  const azureCredential = () => (credential ??= new DefaultAzureCredential());
  const { connection, checkpoints } = config;
  let store: Promise<CheckpointStore> | undefined;
  return {
    producer: (hub) =>
      'connectionString' in connection
        ? new EventHubProducerClient(connection.connectionString, hub, { retryOptions: SEND_RETRY })
        : new EventHubProducerClient(connection.namespace, hub, azureCredential(), { retryOptions: SEND_RETRY }),
    consumer: (hub, group, checkpointStore, loadBalancing) => {
      const options = {
        retryOptions: RECEIVE_RETRY,
        loadBalancingOptions: { strategy: 'greedy' as const, ...loadBalancing },
      };
      if ('connectionString' in connection) {
        return checkpointStore
          ? new EventHubConsumerClient(group, connection.connectionString, hub, checkpointStore, options)
          : new EventHubConsumerClient(group, connection.connectionString, hub, options);
      }
      return checkpointStore
        ? new EventHubConsumerClient(group, connection.namespace, hub, azureCredential(), checkpointStore, options)
        : new EventHubConsumerClient(group, connection.namespace, hub, azureCredential(), options);
    },
    checkpointStore: () =>
      (store ??= (async () => {
        const container =
          'connectionString' in checkpoints
            ? new ContainerClient(checkpoints.connectionString, checkpoints.container)
            : new ContainerClient(`${checkpoints.url.replace(/\/+$/, '')}/${checkpoints.container}`, azureCredential());
        await container.createIfNotExists();
        return new BlobCheckpointStore(container);
      })()),
  };
}

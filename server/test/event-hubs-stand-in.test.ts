/**
 * The Event Hubs stand-in and Azurite with the real clients: `@azure/event-hubs` producers and
 * consumers over AMQP, checkpoints in Blob Storage through `@azure/eventhubs-checkpointstore-blob`.
 * Each test uses a hub of its own, so the events of one test never reach another.
 */
import {
  earliestEventPosition,
  EventHubConsumerClient,
  EventHubProducerClient,
  latestEventPosition,
  type CheckpointStore,
  type EventData,
  type EventHubClientOptions,
  type EventPosition,
  type PartitionContext,
  type ReceivedEventData,
  type SendBatchOptions,
} from '@azure/event-hubs';
import { BlobCheckpointStore } from '@azure/eventhubs-checkpointstore-blob';
import { ContainerClient } from '@azure/storage-blob';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type Azurite } from './support/azurite.ts';
import { startEventHubsStandIn, type EventHubsStandIn } from './support/event-hubs-stand-in.ts';

let hubs: EventHubsStandIn;
let azurite: Azurite;

beforeAll(async () => {
  [hubs, azurite] = await Promise.all([startEventHubsStandIn(), startAzurite()]);
});
afterAll(async () => {
  await Promise.all([hubs?.close(), azurite?.stop()]);
});

/** Clients and subscriptions of the running test, closed after it (newest first). */
const open: { close(): Promise<void> }[] = [];
/** What the subscriptions of the running test reported to `processError`: nothing, in every test. */
const subscriptionErrors: unknown[] = [];
afterEach(async () => {
  for (const closable of open.splice(0).reverse()) await closable.close();
  expect(subscriptionErrors.splice(0)).toEqual([]);
});
const track = <T extends { close(): Promise<void> }>(closable: T): T => (open.push(closable), closable);

const producer = (hub: string, options: EventHubClientOptions = {}) =>
  track(new EventHubProducerClient(hubs.connectionString(hub), options));

async function send(hub: string, events: EventData[], options?: SendBatchOptions): Promise<void> {
  const client = producer(hub);
  const batch = await client.createBatch(options);
  for (const event of events) expect(batch.tryAdd(event)).toBe(true);
  await client.sendBatch(batch);
}

interface Received {
  readonly events: ReceivedEventData[];
  /** Resolves once every partition's link is attached (each has answered one wait). */
  readonly ready: Promise<void>;
  /** Resolves with the events once `count` have arrived. */
  waitFor(count: number): Promise<ReceivedEventData[]>;
  /** The context of the partition an event came from, for checkpoints. */
  contextOf(event: ReceivedEventData): PartitionContext;
}

/** Subscribes a consumer client to every partition and collects what it receives. */
function subscribe(
  hub: string,
  consumerGroup: string,
  startPosition: EventPosition,
  checkpointStore?: CheckpointStore,
): Received {
  const client = track(
    checkpointStore
      ? new EventHubConsumerClient(consumerGroup, hubs.connectionString(hub), checkpointStore, {
          loadBalancingOptions: { strategy: 'greedy', updateIntervalInMs: 100 },
        })
      : new EventHubConsumerClient(consumerGroup, hubs.connectionString(hub)),
  );
  const events: ReceivedEventData[] = [];
  const contexts = new Map<ReceivedEventData, PartitionContext>();
  const waited = new Set<string>();
  const waiters: (() => void)[] = [];
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  track(
    client.subscribe(
      {
        processEvents: (batch, context) => {
          for (const event of batch) contexts.set(event, context);
          events.push(...batch);
          waited.add(context.partitionId);
          if (waited.size === 4) markReady();
          waiters.forEach((check) => check());
          return Promise.resolve();
        },
        processError: (error) => {
          subscriptionErrors.push(error);
          return Promise.resolve();
        },
      },
      { startPosition, maxWaitTimeInSeconds: 0.2, maxBatchSize: 50 },
    ),
  );
  return {
    events,
    ready,
    contextOf: (event) => contexts.get(event)!,
    waitFor: (count) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${events.length} of ${count} events in 10 s`)), 10_000);
        const check = () => events.length >= count && (clearTimeout(timer), resolve(events));
        waiters.push(check);
        check();
      }),
  };
}

const productBody = (i: number) => ({
  productId: `prod_${i}`,
  price: { amount: 1000 + i, currency: 'EUR' },
  tags: ['a'],
});
const product = (i: number): EventData => ({
  body: productBody(i),
  messageId: `msg-${i}`,
  contentType: 'application/json',
  properties: { type: 'ProductUpdated', version: 2, index: i },
});

describe('producer', () => {
  it('reads hub and partition properties, and sends a keyed batch to one partition in order', async () => {
    const client = producer('product-events');
    const properties = await client.getEventHubProperties();
    expect(properties.name).toBe('product-events');
    expect(properties.partitionIds).toEqual(['0', '1', '2', '3']);
    const empty = await client.getPartitionProperties('0');
    expect(empty).toMatchObject({ eventHubName: 'product-events', partitionId: '0', isEmpty: true });

    const batch = await client.createBatch({ partitionKey: 'prod_1' });
    expect(batch.maxSizeInBytes).toEqual(expect.any(Number));
    expect(batch.maxSizeInBytes).toBeGreaterThan(0);
    for (const i of [1, 2, 3]) expect(batch.tryAdd(product(i))).toBe(true);
    await client.sendBatch(batch);

    const stored = hubs.events('product-events');
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((e) => e.partitionId)).size).toBe(1);
    expect(stored.map((e) => [e.sequenceNumber, e.messageId, e.partitionKey])).toEqual([
      [0, 'msg-1', 'prod_1'],
      [1, 'msg-2', 'prod_1'],
      [2, 'msg-3', 'prod_1'],
    ]);
    expect(stored.map((e) => e.body)).toEqual([1, 2, 3].map(productBody));
    expect(stored[2]!.properties).toEqual({ type: 'ProductUpdated', version: 2, index: 3 });

    const partition = await client.getPartitionProperties(stored[0]!.partitionId);
    expect(partition).toMatchObject({ isEmpty: false, beginningSequenceNumber: 0, lastEnqueuedSequenceNumber: 2 });
    expect(partition.lastEnqueuedOffset).toBe(stored[2]!.offset);
    expect(partition.lastEnqueuedOnUtc).toEqual(stored[2]!.enqueuedTime);
  });

  it('routes to a named partition (batch or array), and spreads events without a key over the partitions', async () => {
    await send('routed-events', [product(1)], { partitionId: '2' });
    await send('routed-events', [1, 2, 3, 4].map(product));
    await producer('routed-events').sendBatch([product(5)], { partitionId: '1' });
    const stored = hubs.events('routed-events');
    expect(stored.filter((e) => e.partitionId === '2').map((e) => e.messageId)).toContain('msg-1');
    expect(stored.filter((e) => e.partitionId === '1').map((e) => e.messageId)).toContain('msg-5');
    expect(new Set(stored.map((e) => e.partitionId)).size).toBeGreaterThan(1);
  });
});

describe('consumers', () => {
  it('from the earliest event, two consumer groups each get every event with its system properties', async () => {
    await send('consumer-events', [1, 2, 3].map(product), { partitionKey: 'prod_1' });
    await send('consumer-events', [4, 5].map(product));
    const stored = hubs.events('consumer-events');

    const byMessageId = (events: ReceivedEventData[]) =>
      [...events].sort((a, b) => String(a.messageId).localeCompare(String(b.messageId)));
    for (const group of ['$Default', 'audit']) {
      const received = byMessageId(await subscribe('consumer-events', group, earliestEventPosition).waitFor(5));
      expect(received).toHaveLength(5);
      received.forEach((event, i) => {
        const expected = stored.find((e) => e.messageId === `msg-${i + 1}`)!;
        expect(event).toMatchObject({
          body: productBody(i + 1),
          messageId: `msg-${i + 1}`,
          contentType: 'application/json',
          properties: product(i + 1).properties,
          sequenceNumber: expected.sequenceNumber,
          offset: expected.offset,
          enqueuedTimeUtc: expected.enqueuedTime,
          partitionKey: i < 3 ? 'prod_1' : undefined,
        });
      });
    }
  });

  it('from the latest event, gets only the events sent after it subscribed', async () => {
    await send('latest-events', [1, 2].map(product));
    const latest = subscribe('latest-events', '$Default', latestEventPosition);
    await latest.ready;
    await send('latest-events', [3, 4].map(product));
    const received = await latest.waitFor(2);
    await sleep(300);
    expect(received.map((e) => e.messageId).sort()).toEqual(['msg-3', 'msg-4']);
  });

  it('from a sequence number and an enqueued time', async () => {
    await send('positioned-events', [product(1)], { partitionId: '0' });
    await sleep(5);
    await send('positioned-events', [2, 3].map(product), { partitionId: '0' });
    const [first] = hubs.events('positioned-events');
    const bySequence = subscribe('positioned-events', '$Default', { sequenceNumber: 1, isInclusive: true });
    expect((await bySequence.waitFor(2)).map((e) => e.messageId)).toEqual(['msg-2', 'msg-3']);
    const byTime = subscribe('positioned-events', 'by-time', { enqueuedOn: first!.enqueuedTime });
    await byTime.waitFor(2);
    await sleep(300);
    expect(byTime.events.map((e) => e.messageId)).toEqual(['msg-2', 'msg-3']);
  });
});

describe('checkpoints in Azurite', () => {
  it('a consumer resumes after its checkpoint, stored as blobs', async () => {
    const container = new ContainerClient(azurite.connectionString, 'checkpoints');
    await container.create();
    const store = new BlobCheckpointStore(container);

    await send('checkpointed-events', [1, 2, 3].map(product), { partitionKey: 'prod_1' });
    const first = subscribe('checkpointed-events', '$Default', earliestEventPosition, store);
    const received = await first.waitFor(3);
    const last = received.at(-1)!;
    const { partitionId } = first.contextOf(last);
    await first.contextOf(last).updateCheckpoint(last);
    for (const closable of open.splice(0).reverse()) await closable.close();

    const blobs: string[] = [];
    for await (const blob of container.listBlobsFlat()) blobs.push(blob.name);
    // `<namespace>/<hub>/<consumer group>/…`, where KEDA's blobMetadata checkpoint strategy reads them.
    expect(blobs.sort()).toEqual([
      `127.0.0.1/checkpointed-events/$default/checkpoint/${partitionId}`,
      ...['0', '1', '2', '3'].map((id) => `127.0.0.1/checkpointed-events/$default/ownership/${id}`),
    ]);
    const checkpoint = await container.getBlobClient(blobs[0]!).getProperties();
    expect(checkpoint.metadata).toMatchObject({ sequencenumber: '2', offset: last.offset });

    await send('checkpointed-events', [4, 5].map(product), { partitionKey: 'prod_1' });
    const resumed = subscribe('checkpointed-events', '$Default', earliestEventPosition, store);
    await resumed.waitFor(2);
    await sleep(300);
    expect(resumed.events.map((e) => e.messageId)).toEqual(['msg-4', 'msg-5']);
  });
});

describe('an unreachable hub', () => {
  it('stop() makes sends fail; after start() events old and new are received', async () => {
    await send('outage-events', [product(1)]);
    const client = producer('outage-events', { retryOptions: { maxRetries: 0, timeoutInMs: 2000 } });
    const batch = await client.createBatch();
    batch.tryAdd(product(2));

    await hubs.stop();
    expect(hubs.running).toBe(false);
    await expect(client.sendBatch(batch)).rejects.toThrow();

    await hubs.start();
    expect(hubs.running).toBe(true);
    await send('outage-events', [product(3)]);
    const received = await subscribe('outage-events', '$Default', earliestEventPosition).waitFor(2);
    await sleep(300);
    expect(received.map((e) => e.messageId).sort()).toEqual(['msg-1', 'msg-3']);
  });
});

/**
 * The Event Hubs side of a test: the AMQP stand-in, Azurite for the Blob checkpoints, the
 * environment a server needs to use them, and short timings so faults heal within a test.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ComposeOptions } from '../../src/compose.ts';
import { eventHubsConnection, type EventHubsConnection } from '../../src/platform/events/event-hubs-connection.ts';
import type { DeadLetter, DeadLetterStore } from '../../src/platform/events/dead-letters.ts';
import { startAzurite, type Azurite } from './azurite.ts';
import { startEventHubsStandIn, type EventHubsStandIn } from './event-hubs-stand-in.ts';

export interface EventHubsTestBed {
  hub: EventHubsStandIn;
  azurite: Azurite;
  /** What a server needs to publish to the stand-in and checkpoint in Azurite (its own checkpoint container). */
  env(): Record<string, string>;
  /** A client set over the same stand-in and Azurite, for tests driving consumers or producers directly. */
  connection(container?: string): EventHubsConnection;
  close(): Promise<void>;
}

export async function startEventHubsTestBed(): Promise<EventHubsTestBed> {
  const [hub, azurite] = await Promise.all([startEventHubsStandIn(), startAzurite()]);
  const container = () => `checkpoints-${randomUUID().slice(0, 8)}`;
  return {
    hub,
    azurite,
    env: () => ({
      EVENT_HUBS_CONNECTION_STRING: hub.connectionString(),
      EVENT_HUBS_CHECKPOINT_CONNECTION_STRING: azurite.connectionString,
      EVENT_HUBS_CHECKPOINT_CONTAINER: container(),
    }),
    connection: (name = container()) =>
      eventHubsConnection({
        connection: { connectionString: hub.connectionString() },
        checkpoints: { connectionString: azurite.connectionString, container: name },
      }),
    async close() {
      await hub.close();
      await azurite.stop();
    },
  };
}

/** Timings for tests: consumers poll often, a failed publish is retried soon, the relay sweeps every 200 ms. */
export const QUICK_EVENTS: NonNullable<ComposeOptions['events']> = {
  consumerTuning: {
    maxWaitTimeInSeconds: 0.2,
    lagIntervalMs: 0,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    // Claims renewed often but not so tightly that a busy CI machine's event-loop stalls let them lapse.
    loadBalancing: { updateIntervalInMs: 500, partitionOwnershipExpirationIntervalInMs: 10_000 },
  },
  publishCooldownMs: 300,
  relay: { intervalMs: 200, olderThanMs: 300 },
};

/** Dead letters kept in memory, for consumers run directly by a test. */
export class MemoryDeadLetters implements DeadLetterStore {
  readonly letters: DeadLetter[] = [];
  put(letter: DeadLetter): Promise<void> {
    if (!this.letters.some((l) => l.id === letter.id)) this.letters.push(letter);
    return Promise.resolve();
  }
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await sleep(50);
  }
}

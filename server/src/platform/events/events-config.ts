import { z } from '@holiday-peak-hub/contract';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** The environment variables of the event transport (part of the server's configuration, `config.ts`). */
export const EVENTS_ENV = {
  /** A namespace-level connection string (no EntityPath): one hub per event family is used in it. */
  EVENT_HUBS_CONNECTION_STRING: z
    .string()
    .regex(/^Endpoint=sb:\/\/[^;]+;/i, 'Endpoint=sb://<namespace>/;SharedAccessKeyName=...;SharedAccessKey=...')
    .refine((value) => !/;\s*EntityPath=/i.test(value), 'a namespace-level connection string, without EntityPath')
    .optional(),
  /** `<name>.servicebus.windows.net`, with DefaultAzureCredential (workload identity on AKS). */
  EVENT_HUBS_NAMESPACE: z.string().min(1).optional(),
  /** Blob Storage for the consumers' checkpoints: a connection string, or an account URL with DefaultAzureCredential. */
  EVENT_HUBS_CHECKPOINT_CONNECTION_STRING: z.string().min(1).optional(),
  EVENT_HUBS_CHECKPOINT_URL: z.url().optional(),
  EVENT_HUBS_CHECKPOINT_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'a Blob container name')
    .default('event-checkpoints'),
  /** Run the shared consumers (the audit trail) in the API process; false when `npm run consumers` runs them apart. */
  EVENT_CONSUMERS: flag.default(true),
  /** How often a shared consumer renews its partition claims and looks for unowned ones. */
  EVENT_CONSUMER_UPDATE_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** A claim not renewed for this long is taken over by another process (failover time after a crash). */
  EVENT_CONSUMER_OWNERSHIP_EXPIRY_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
};

type EventsEnv = z.infer<z.ZodObject<typeof EVENTS_ENV>> & { NODE_ENV: string };

/** Where domain events go: the in-process bus by default, Azure Event Hubs when configured. */
export type EventsConfig =
  | { mode: 'in-process' }
  | {
      mode: 'event-hubs';
      connection: { connectionString: string } | { namespace: string };
      /** The consumers' checkpoints (Blob Storage). */
      checkpoints: ({ connectionString: string } | { url: string }) & { container: string };
      /** Run the shared consumers in this process (`EVENT_CONSUMERS`). */
      runConsumers: boolean;
      /** Partition sharing among a shared consumer's processes. */
      loadBalancing: { updateIntervalInMs: number; partitionOwnershipExpirationIntervalInMs: number };
    };

/** The event transport's configuration; what is wrong goes to `problems`. */
export function eventsConfigOf(env: EventsEnv, problems: string[]): EventsConfig {
  if (env.EVENT_HUBS_CONNECTION_STRING && env.EVENT_HUBS_NAMESPACE) {
    problems.push('EVENT_HUBS_NAMESPACE: set either it or EVENT_HUBS_CONNECTION_STRING, not both');
  }
  const eventHubs = env.EVENT_HUBS_CONNECTION_STRING ?? env.EVENT_HUBS_NAMESPACE;
  if (eventHubs && !env.EVENT_HUBS_CHECKPOINT_CONNECTION_STRING && !env.EVENT_HUBS_CHECKPOINT_URL) {
    problems.push(
      'EVENT_HUBS_CHECKPOINT_CONNECTION_STRING or EVENT_HUBS_CHECKPOINT_URL: required with Event Hubs (where consumers keep their checkpoints)',
    );
  }
  if (env.EVENT_CONSUMER_OWNERSHIP_EXPIRY_MS <= env.EVENT_CONSUMER_UPDATE_INTERVAL_MS) {
    problems.push(
      'EVENT_CONSUMER_OWNERSHIP_EXPIRY_MS: must exceed EVENT_CONSUMER_UPDATE_INTERVAL_MS (claims would lapse between renewals)',
    );
  }
  if (env.NODE_ENV === 'production' && !eventHubs) {
    problems.push(
      'EVENT_HUBS_CONNECTION_STRING or EVENT_HUBS_NAMESPACE: required in production (domain events must leave the process)',
    );
  }
  return eventHubs
    ? {
        mode: 'event-hubs',
        connection: env.EVENT_HUBS_CONNECTION_STRING
          ? { connectionString: env.EVENT_HUBS_CONNECTION_STRING }
          : { namespace: env.EVENT_HUBS_NAMESPACE ?? '' },
        checkpoints: {
          ...(env.EVENT_HUBS_CHECKPOINT_CONNECTION_STRING
            ? { connectionString: env.EVENT_HUBS_CHECKPOINT_CONNECTION_STRING }
            : { url: env.EVENT_HUBS_CHECKPOINT_URL ?? '' }),
          container: env.EVENT_HUBS_CHECKPOINT_CONTAINER,
        },
        runConsumers: env.EVENT_CONSUMERS,
        loadBalancing: {
          updateIntervalInMs: env.EVENT_CONSUMER_UPDATE_INTERVAL_MS,
          partitionOwnershipExpirationIntervalInMs: env.EVENT_CONSUMER_OWNERSHIP_EXPIRY_MS,
        },
      }
    : { mode: 'in-process' };
}

import { CosmosClient, type Database } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embedded-server.ts';

export interface CosmosConnection {
  client: CosmosClient;
  database: Database;
  /** Present in embedded mode: the stand-in's endpoint and its request counter. */
  embedded?: Pick<
    EmbeddedCosmos,
    'endpoint' | 'requestCount' | 'queryPlanCount' | 'crossPartitionQueryCount' | 'resetRequestCount'
  >;
  close(): Promise<void>;
}

/** Any base64 key is accepted by the stand-in. */
const EMBEDDED_KEY = Buffer.from('holiday-peak-hub-embedded-cosmos').toString('base64');

async function azureClient(endpoint: string, key: string | undefined, logger: Logger): Promise<CosmosClient> {
  // A plain-HTTP endpoint is a local stand-in (e.g. another process's embedded one): stay on it.
  const connectionPolicy = endpoint.startsWith('http://') ? { enableEndpointDiscovery: false } : undefined;
  if (key) return new CosmosClient({ endpoint, key, connectionPolicy });
  // No key: Microsoft Entra ID through DefaultAzureCredential (managed identity, workload identity,
  // Azure CLI...). The identity needs the "Cosmos DB Built-in Data Contributor" role.
  const { DefaultAzureCredential } = await import('@azure/identity');
  logger.info({ endpoint }, 'cosmos: no key given, authenticating with DefaultAzureCredential');
  return new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() });
}

/**
 * Connects to Cosmos DB and creates the database if it is missing (containers: `ensureContainers`).
 * Embedded mode starts the stand-in in-process and reaches it with the same SDK code. Plain HTTP
 * needs `enableEndpointDiscovery: false` (else the SDK follows the advertised https location);
 * the SDK's own HTTP agent already keeps connections alive (passing a custom agent would turn
 * off its permission to use plain HTTP).
 */
export async function connectCosmos(cosmos: Config['cosmos'], logger: Logger): Promise<CosmosConnection> {
  if (cosmos.mode === 'embedded') {
    const embedded = await startEmbeddedCosmos();
    const client = new CosmosClient({
      endpoint: embedded.endpoint,
      key: EMBEDDED_KEY,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const { database } = await client.databases.createIfNotExists({ id: cosmos.database });
      logger.info({ endpoint: embedded.endpoint, database: cosmos.database }, 'cosmos: embedded stand-in started');
      return {
        client,
        database,
        embedded,
        close: async () => {
          client.dispose();
          await embedded.close();
        },
      };
    } catch (err) {
      client.dispose();
      await embedded.close();
      throw err;
    }
  }
  const client = await azureClient(cosmos.endpoint, cosmos.key, logger);
  const { database } = await client.databases.createIfNotExists({ id: cosmos.database });
  logger.info({ endpoint: cosmos.endpoint, database: cosmos.database }, 'cosmos: connected');
  return {
    client,
    database,
    close: () => {
      client.dispose();
      return Promise.resolve();
    },
  };
}

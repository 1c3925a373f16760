import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

/** The in-process Cosmos DB stand-in, reached over HTTP on 127.0.0.1 with keep-alive. */
export interface EmbeddedCosmos {
  endpoint: string;
  /** HTTP requests the stand-in received since the last reset (query-plan lookups included). */
  requestCount(): number;
  /** Of those, the query-plan lookups the SDK sends before every query page. */
  queryPlanCount(): number;
  /** Of those, queries sent without a partition key (fanned out over partition key ranges). */
  crossPartitionQueryCount(): number;
  resetRequestCount(): void;
  close(): Promise<void>;
}

/** Starts `@vercel/cosmosdb-server` on an ephemeral port; every request it receives is counted. */
export async function startEmbeddedCosmos(): Promise<EmbeddedCosmos> {
  // keepAlive makes the stand-in answer `connection: keep-alive` (its default is `close`).
  const server: Server = createHttpServer({ keepAlive: true });
  let requests = 0;
  let queryPlans = 0;
  let crossPartition = 0;
  server.on('request', (req: { headers: Record<string, string | string[] | undefined> }) => {
    const flag = (name: string) => String(req.headers[name] ?? '').toLowerCase() === 'true';
    requests += 1;
    if (flag('x-ms-cosmos-is-query-plan-request')) queryPlans += 1;
    else if (flag('x-ms-documentdb-isquery') && req.headers['x-ms-documentdb-partitionkey'] === undefined)
      crossPartition += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requestCount: () => requests,
    queryPlanCount: () => queryPlans,
    crossPartitionQueryCount: () => crossPartition,
    resetRequestCount: () => {
      requests = 0;
      queryPlans = 0;
      crossPartition = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

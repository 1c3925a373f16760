import type { Database } from '@azure/cosmos';
import { CONTAINER_DEFINITIONS } from './containers.ts';

export interface EnsureReport {
  created: string[];
  existing: string[];
}

/**
 * Creates every container that is missing; leaves existing ones alone. It never replaces a
 * container: changing a partition key needs a new container and a copy, and on the stand-in
 * `container.replace` deletes every item.
 */
export async function ensureContainers(database: Database): Promise<EnsureReport> {
  const report: EnsureReport = { created: [], existing: [] };
  for (const definition of CONTAINER_DEFINITIONS) {
    const response = await database.containers.createIfNotExists(definition);
    (response.statusCode === 201 ? report.created : report.existing).push(definition.id ?? '');
  }
  return report;
}

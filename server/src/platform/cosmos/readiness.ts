import type { Database } from '@azure/cosmos';

/** A readiness check reading the database metadata: one cheap request, no RU on items. */
export function cosmosReadinessCheck(database: Database): { name: string; check(): Promise<void> } {
  return {
    name: 'cosmos',
    check: async () => {
      await database.read();
    },
  };
}

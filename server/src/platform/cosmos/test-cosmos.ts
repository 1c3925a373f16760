import { pino } from 'pino';
import { connectCosmos, type CosmosConnection } from './connect.ts';

/** For tests: the embedded stand-in with its own database (one per test file). */
export function connectTestCosmos(database: string): Promise<CosmosConnection> {
  return connectCosmos({ mode: 'embedded', database, seedProducts: 0 }, pino({ level: 'silent' }));
}

/**
 * `npm run db:init`: creates the Cosmos DB database and every container of the API (partition
 * keys, indexing policies, unique keys) when missing. Idempotent; never alters an existing
 * container. Against the embedded stand-in (no COSMOS_ENDPOINT) it only shows what would be created.
 */
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { connectCosmos } from '../src/platform/cosmos/connect.ts';
import { ensureContainers } from '../src/platform/cosmos/ensure-containers.ts';

const config = loadConfig();
const logger = pino({ level: 'warn' });
const cosmos = await connectCosmos(config.cosmos, logger);
try {
  const report = await ensureContainers(cosmos.database);
  const where = config.cosmos.mode === 'azure' ? config.cosmos.endpoint : 'embedded stand-in (in memory)';
  process.stdout.write(`Cosmos DB ${where}, database "${config.cosmos.database}"\n`);
  for (const name of report.created) process.stdout.write(`  created  ${name}\n`);
  for (const name of report.existing) process.stdout.write(`  exists   ${name}\n`);
  process.stdout.write(`${report.created.length} created, ${report.existing.length} already there\n`);
} finally {
  await cosmos.close();
}

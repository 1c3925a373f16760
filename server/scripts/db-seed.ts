/**
 * `npm run db:seed -- --products N`: writes the deterministic demo catalog (categories, N products,
 * banners) with upserts, so running it twice leaves the same data. Creates missing containers
 * first. A progress bar on a terminal, plain lines otherwise (CI).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { pino } from 'pino';
import { seedDemoCatalog } from '../src/catalog/seed-demo-catalog.ts';
import { loadConfig } from '../src/config.ts';
import { connectCosmos } from '../src/platform/cosmos/connect.ts';
import { ensureContainers } from '../src/platform/cosmos/ensure-containers.ts';

const { values } = parseArgs({ options: { products: { type: 'string', default: '120' } } });
const products = Number(values.products);
if (!Number.isInteger(products) || products < 0 || products > 100_000) {
  process.stderr.write('--products must be an integer from 0 to 100000\n');
  process.exit(2);
}

function progressReporter(): { update(done: number, total: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'seeding [{bar}] {percentage}% | {value}/{total} documents' },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update: (done, total) => {
      const decile = Math.floor((done / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stdout.write(`seeding: ${done}/${total} documents\n`);
      }
    },
    stop: () => undefined,
  };
}

const config = loadConfig();
const cosmos = await connectCosmos(config.cosmos, pino({ level: 'warn' }));
try {
  await ensureContainers(cosmos.database);
  const progress = progressReporter();
  const started = Date.now();
  const counts = await seedDemoCatalog(cosmos.database, {
    products,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.stop();
  process.stdout.write(
    `seeded ${counts.categories} categories, ${counts.products} products, ${counts.banners} banners into "${config.cosmos.database}" in ${Date.now() - started} ms\n`,
  );
} finally {
  await cosmos.close();
}

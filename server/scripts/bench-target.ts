/**
 * A benchmark target in its own process: `full` is the whole API (embedded default, seeded, all
 * middleware on, as `npm start` runs it); `bare` is a bare Express 5 app answering the given JSON
 * bodies at the given paths. Prints `PORT <n>` when listening.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { composeServer } from '../src/compose.ts';
import { listen } from '../src/http/listen.ts';

const [mode, bodiesFile] = process.argv.slice(2);

async function serve(app: express.Express): Promise<void> {
  const server = await listen(app, 0, '127.0.0.1');
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
}

if (mode === 'full') {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    VALIDATE_RESPONSES: 'false',
    LOG_LEVEL: 'warn',
  });
  const composed = await composeServer(config, pino({ level: 'warn' }));
  await serve(composed.app);
} else if (mode === 'bare' && bodiesFile) {
  const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as Record<string, unknown>;
  const app = express();
  for (const [path, body] of Object.entries(bodies)) {
    const route = path.split('?')[0]!;
    app.get(route, (_req, res) => {
      res.json(body);
    });
  }
  await serve(app);
} else {
  process.stderr.write('usage: bench-target.ts full | bare <bodies.json>\n');
  process.exit(2);
}

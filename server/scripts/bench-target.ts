/**
 * A benchmark target in its own process, started by bench.ts, which it tells its port over IPC
 * (`{ port }`):
 *  - `full`: the whole API as `npm start` runs it (embedded default, seeded, every middleware on,
 *    main.ts's logger at the configured level, `info` by default), response validation off as in
 *    production;
 *  - `bare <responses.json>`: a bare Express 5 app answering the given paths with the captured
 *    bytes and headers of the full API's answers: `res.send` of a Buffer built once, so it measures
 *    what Express itself costs per request (the ceiling the full API is compared with).
 */
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { composeServer } from '../src/compose.ts';
import { listen } from '../src/http/listen.ts';

/** A captured answer of the full API: status, headers as sent, body bytes in base64. */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const [mode, responsesFile] = process.argv.slice(2);

async function serve(app: express.Express): Promise<void> {
  const server = await listen(app, 0, '127.0.0.1');
  process.send?.({ port: (server.address() as AddressInfo).port });
  // Stops with its parent, whatever way the parent ends.
  process.on('disconnect', () => process.exit(0));
}

if (mode === 'full') {
  const config = loadConfig({ ...process.env, VALIDATE_RESPONSES: 'false' });
  // The same logger as main.ts: level from LOG_LEVEL (default info), same base and redaction.
  const logger = pino({
    level: config.logLevel,
    base: { service: 'holiday-peak-hub-api' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  });
  const composed = await composeServer(config, logger);
  await serve(composed.app);
} else if (mode === 'bare' && responsesFile) {
  const responses = JSON.parse(readFileSync(responsesFile, 'utf8')) as Record<string, CapturedResponse>;
  const app = express();
  app.disable('x-powered-by'); // as the full API: the same bytes on the wire
  for (const [path, captured] of Object.entries(responses)) {
    const body = Buffer.from(captured.body, 'base64');
    const headers = Object.entries(captured.headers);
    const route = path.split('?')[0]!;
    app.get(route, (_req, res) => {
      for (const [name, value] of headers) res.setHeader(name, value);
      res.status(captured.status).send(body);
    });
  }
  await serve(app);
} else {
  process.stderr.write('usage: bench-target.ts full | bare <responses.json>\n');
  process.exit(2);
}

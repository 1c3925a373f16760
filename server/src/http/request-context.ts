import { randomUUID } from 'node:crypto';
import { isValidRequestId } from '@holiday-peak-hub/contract';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/**
 * First middleware of every request: keeps the caller's `X-Request-ID` when well-formed (else makes
 * one) and echoes it, and writes one structured access-log line when the response ends: 5xx at
 * `error`, 4xx at `info`, the rest at `debug`, nothing built for a level that is off. Headers,
 * tokens and bodies are never logged.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = isValidRequestId(given) ? given : `req_${randomUUID()}`;
    res.locals.requestId = id;
    res.setHeader('X-Request-ID', id);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger[level]({ requestId: id, method: req.method, path: req.path, status, durationMs }, 'request');
    });
    next();
  };
}

export function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : 'unknown';
}

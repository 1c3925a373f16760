import { expressPath, type Operation } from '@holiday-peak-hub/contract';
import { RAW_BODY_OPERATIONS, runOperation, type Handler, type PipelineDeps } from '@holiday-peak-hub/core';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Router } from 'express';
import { requestCookies } from './request-cookies.ts';
import { requestIdOf } from './request-context.ts';
import { sendCoreResponse } from './send.ts';
import { recordStatus } from './status-log.ts';

export interface MountOptions {
  pipeline: PipelineDeps;
  /** Parses JSON bodies; only operations that declare a body get it. */
  jsonBody: RequestHandler;
}

/** Where the JSON parser leaves the bytes it parsed (`keepRawBody`). */
type WithRawBody = IncomingMessage & { rawBody?: Buffer };

/**
 * The JSON parser's `verify` hook: keeps a reference to the bytes it parses (no copy), which
 * `RAW_BODY_OPERATIONS` get as text (a webhook's signature covers the exact body).
 */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as WithRawBody).rawBody = buf;
}

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

/** Mounts one contract operation: the Express request becomes the core's, the core's answer is sent. */
export function mountOperation<Op extends Operation>(
  router: Router,
  op: Op,
  handler: Handler<Op>,
  options: MountOptions,
): void {
  const route: RequestHandler = async (req, res) => {
    const response = await runOperation(
      op,
      handler,
      {
        method: req.method,
        params: req.params as Record<string, string>,
        query: req.query,
        headers: req.headers,
        cookies: requestCookies(req),
        hasBody: hasBody(req),
        body: req.body as unknown,
        ...(RAW_BODY_OPERATIONS.has(op.operationId) ? { rawBody: (req as WithRawBody).rawBody?.toString('utf8') } : {}),
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        requestId: requestIdOf(res),
        target: req.originalUrl,
      },
      options.pipeline,
    );
    recordStatus(op.operationId, response.status);
    sendCoreResponse(req, res, response);
  };
  const path = expressPath(op.path);
  if (op.request?.body) router[op.method](path, options.jsonBody, route);
  else router[op.method](path, route);
}

import { expressPath, type Operation } from '@holiday-peak-hub/contract';
import { runOperation, type Handler, type PipelineDeps } from '@holiday-peak-hub/core';
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

import {
  authorizationFailure,
  expressPath,
  ifNoneMatchHits,
  type Operation,
  type SuccessStatus,
} from '@holiday-peak-hub/contract';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticate.ts';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from './errors.ts';
import type { Caller, Handler } from './handler.ts';
import { httpExchange } from './http-exchange.ts';
import { representationOf } from './representation.ts';
import { requestIdOf } from './request-context.ts';
import { validateInput } from './validate-input.ts';

export interface MountOptions {
  logger: Logger;
  authenticate: Authenticator;
  /** Parses JSON bodies; only operations that declare a body get it. */
  jsonBody: RequestHandler;
  /** Check every response against the operation's declared schema (development and tests). */
  validateResponses: boolean;
  /** Counts a call of a rate-limited operation from a client address; `allowed: false` is answered 429. */
  limitByIp(
    operationId: string,
    ip: string,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

function authorize(op: Operation, caller: Caller): void {
  const failure = authorizationFailure(op, caller.role);
  if (failure === 'UNAUTHORIZED') throw new UnauthorizedError();
  if (failure === 'FORBIDDEN') {
    throw new ForbiddenError('Your role may not call this operation', { required: op.access, role: caller.role });
  }
}

function checkResponse(op: Operation, status: number, body: unknown, logger: Logger, requestId: string): void {
  const spec = op.responses[status as SuccessStatus];
  if (!spec) {
    logger.error({ operationId: op.operationId, status, requestId }, 'handler answered an undeclared status');
    throw new Error(`${op.operationId} answered undeclared status ${status}`);
  }
  if (!spec.schema) return;
  const result = spec.schema.safeParse(body);
  if (!result.success) {
    logger.error(
      { operationId: op.operationId, status, requestId, issues: result.error.issues },
      'response breaks the contract',
    );
    throw new Error(`${op.operationId} answered a body that breaks its contract`);
  }
}

/**
 * Mounts one contract operation: rate limit → identify the caller → authorize → validate input → typed handler →
 * (check the response) → caching headers → send. Every operation of the API goes through here.
 */
export function mountOperation<Op extends Operation>(
  router: Router,
  op: Op,
  handler: Handler<Op>,
  options: MountOptions,
): void {
  const cacheControl = op.cache
    ? `public, max-age=${op.cache.maxAgeSeconds}, stale-while-revalidate=${op.cache.staleWhileRevalidateSeconds}`
    : 'no-store';

  const route = async (req: Request, res: Response): Promise<void> => {
    const http = httpExchange(req, res);
    if (op.rateLimited) {
      const verdict = await options.limitByIp(op.operationId, http.ip);
      if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
    }
    const caller = await options.authenticate(req, res, op.access !== 'public');
    authorize(op, caller);
    const input = validateInput(op, req);
    const requestId = requestIdOf(res);
    const result = (await handler({ input: input as never, caller, requestId, http })) as {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    };
    if (options.validateResponses) checkResponse(op, result.status, result.body, options.logger, requestId);

    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.setHeader('Cache-Control', cacheControl);
    if (result.status === 204 || result.body === undefined) {
      res.status(result.status).end();
      return;
    }
    const representation = representationOf(result.body);
    if (op.cache && result.status === 200) {
      const etag = result.headers?.ETag ?? representation.etag;
      res.setHeader('ETag', etag);
      res.setHeader('Vary', 'Accept-Encoding, Origin');
      if (ifNoneMatchHits(req.get('if-none-match'), etag)) {
        res.status(304).end();
        return;
      }
    }
    res.statusCode = result.status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', representation.length);
    res.end(req.method === 'HEAD' ? undefined : representation.json);
  };

  const path = expressPath(op.path);
  if (op.request?.body) router[op.method](path, options.jsonBody, route);
  else router[op.method](path, route);
}

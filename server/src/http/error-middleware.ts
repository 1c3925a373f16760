import { AppError, errorResponse, InvalidRequestError, type PipelineDeps } from '@holiday-peak-hub/core';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { requestIdOf } from './request-context.ts';
import { sendCoreResponse } from './send.ts';

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}

/** The 4xx status a framework error (router, body parser) carries, if any. */
function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' ? value : undefined;
}

/** Errors Express raises before an operation runs (body parser, router) as the core's typed errors. */
function toAppError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (isBodyParserError(err)) {
    switch (err.type) {
      case 'entity.parse.failed':
        return new InvalidRequestError('The body is not valid JSON', [
          { in: 'body', path: '', message: 'malformed JSON' },
        ]);
      case 'entity.too.large':
        return new AppError('PAYLOAD_TOO_LARGE', 'The body is larger than the server accepts');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body encoding or charset is not supported');
      default:
        if (err.status !== undefined && err.status >= 400 && err.status < 500) {
          return new InvalidRequestError('The body could not be read', [{ in: 'body', path: '', message: err.type }]);
        }
    }
  }
  const status = statusOf(err);
  if (status === 404) return new AppError('RESOURCE_NOT_FOUND', 'No operation at this path');
  if (status !== undefined && status >= 400 && status < 500) {
    return new InvalidRequestError('The request could not be read', [
      { in: 'path', path: '', message: 'malformed request' },
    ]);
  }
  return err;
}

type ErrorDeps = Pick<PipelineDeps, 'logger' | 'clock'>;

/** Errors raised outside an operation (body parser, router) leave as the core's error answer. */
export function errorMiddleware(deps: ErrorDeps): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    sendCoreResponse(req, res, errorResponse(toAppError(err), requestIdOf(res), deps));
  };
}

/** 404 for paths no operation serves, 405 (with `Allow`) for a known path and another method. */
export function notFound(allowedMethods: (path: string) => string[], deps: ErrorDeps): RequestHandler {
  return (req, res) => {
    const allowed = allowedMethods(req.path);
    const err =
      allowed.length > 0
        ? new AppError(
            'METHOD_NOT_ALLOWED',
            `${req.method} is not allowed here`,
            { allowed },
            { Allow: allowed.join(', ') },
          )
        : new AppError('RESOURCE_NOT_FOUND', 'No operation at this path', { path: req.path.slice(0, 200) });
    sendCoreResponse(req, res, errorResponse(err, requestIdOf(res), deps));
  };
}

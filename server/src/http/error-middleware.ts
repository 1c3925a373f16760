import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, InvalidRequestError, UnauthorizedError } from './errors.ts';
import { errorEnvelope } from './envelope.ts';
import { requestIdOf } from './request-context.ts';

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}

/** Errors raised before our handlers (body parser, express-jwt) as typed AppErrors. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'UnauthorizedError') {
    return new UnauthorizedError('The bearer token is invalid, expired or not issued for this API');
  }
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
  return undefined;
}

/** The 4xx status a framework error (router, body parser) carries, if any. */
function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' ? value : undefined;
}

/** The one error middleware: every error leaves as the envelope; unknown ones as a bare 500. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const requestId = requestIdOf(res);
    const known = toAppError(err);
    if (known) {
      if (known.status >= 500) logger.warn({ err, requestId, code: known.code }, known.message);
      for (const [name, value] of Object.entries(known.headers)) res.setHeader(name, value);
      res.status(known.status).json(errorEnvelope(known.code, known.message, known.details, requestId));
      return;
    }
    logger.error({ err, requestId }, 'unhandled error');
    res.status(500).json(errorEnvelope('INTERNAL_SERVER_ERROR', 'An unexpected error occurred', {}, requestId));
  };
}

/** 404 for paths no operation serves, 405 (with `Allow`) for a known path and another method. */
export function notFound(allowedMethods: (path: string) => string[]): RequestHandler {
  return (req, res) => {
    const requestId = requestIdOf(res);
    const allowed = allowedMethods(req.path);
    if (allowed.length > 0) {
      res.setHeader('Allow', allowed.join(', '));
      res
        .status(405)
        .json(errorEnvelope('METHOD_NOT_ALLOWED', `${req.method} is not allowed here`, { allowed }, requestId));
      return;
    }
    res
      .status(404)
      .json(
        errorEnvelope('RESOURCE_NOT_FOUND', 'No operation at this path', { path: req.path.slice(0, 200) }, requestId),
      );
  };
}

import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Keeps the caller's `X-Request-ID` when it is well-formed, else makes one; echoes it back. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  const id = given && VALID_REQUEST_ID.test(given) ? given : `req_${randomUUID()}`;
  res.locals.requestId = id;
  res.setHeader('X-Request-ID', id);
  next();
}

export function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : 'unknown';
}

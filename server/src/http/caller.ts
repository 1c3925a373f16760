import type { Response } from 'express';
import type { Caller } from './handler.ts';

export const ANONYMOUS: Caller = { role: 'anonymous', userId: null, email: null, issuer: null };

/** The caller the auth middleware identified for this request. */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? ANONYMOUS;
}

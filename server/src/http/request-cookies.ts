import { parseCookie } from 'cookie';
import type { Request } from 'express';

/** The cookies of a request, parsed once. */
export function requestCookies(req: Request): Record<string, string | undefined> {
  const header = req.headers.cookie;
  return header ? parseCookie(header) : {};
}

import { parseCookie, stringifySetCookie, type SetCookie } from 'cookie';

export type CookieOptions = Omit<SetCookie, 'name' | 'value'>;
import type { Request, Response } from 'express';

/**
 * The little of HTTP that a handler may touch beyond its validated input: who is at the other end
 * (for rate limits and the audit log) and cookies (sessions in browsers). Everything else stays in
 * the generic mount.
 */
export interface HttpExchange {
  /** The client address (`X-Forwarded-For` only as far as `TRUST_PROXY` allows). */
  ip: string;
  userAgent: string | null;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
}

/** The cookies of a request, parsed once. */
export function requestCookies(req: Request): Record<string, string | undefined> {
  const header = req.headers.cookie;
  return header ? parseCookie(header) : {};
}

export function httpExchange(req: Request, res: Response): HttpExchange {
  let cookies: Record<string, string | undefined> | undefined;
  const append = (value: string) => res.append('Set-Cookie', value);
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.get('user-agent')?.slice(0, 256) ?? null,
    cookie(name) {
      cookies ??= requestCookies(req);
      return cookies[name];
    },
    setCookie: (name, value, options) => append(stringifySetCookie({ ...options, name, value })),
    clearCookie: (name, options) =>
      append(stringifySetCookie({ ...options, name, value: '', maxAge: 0, expires: new Date(0) })),
  };
}

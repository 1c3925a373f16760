/** Attributes of a cookie the response sets; adapters serialize them (`Secure` as their transport allows). */
export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict';
  path?: string;
  /** Seconds; 0 clears the cookie. */
  maxAge?: number;
}

/** A cookie set (or cleared, with `maxAge: 0` and an empty value) by a response. */
export interface ResponseCookie extends CookieOptions {
  name: string;
  value: string;
}

/**
 * The little of the transport a handler may touch beyond its validated input: who is at the other
 * end (rate limits, the audit log) and the request's cookies (browser sessions). Cookies the call
 * sets are collected into the response by the pipeline; nothing here is Express or MSW.
 */
export interface Exchange {
  /** The client address (`X-Forwarded-For` only as far as the adapter's proxy trust allows). */
  ip: string;
  userAgent: string | null;
  /**
   * The body exactly as received, for the operations that verify a signature over it
   * (`RAW_BODY_OPERATIONS`: the payment webhook); absent for the others.
   */
  rawBody?: string | undefined;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
}

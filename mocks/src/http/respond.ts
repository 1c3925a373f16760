import { ifNoneMatchHits, type Operation } from '@holiday-peak-hub/contract';
import { HttpResponse } from 'msw';
import { etagOf } from './etag.ts';

/** A cookie a response sets (`maxAgeSeconds: 0` clears it). Always `HttpOnly`. */
export type MockCookie = {
  name: string;
  value: string;
  path: string;
  maxAgeSeconds: number;
  sameSite: 'Lax' | 'Strict';
};

export type MockResult = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: readonly MockCookie[];
};

/**
 * The `Set-Cookie` value of a cookie. `Secure` only over https: a browser, and msw's own cookie jar,
 * refuse a `Secure` cookie from a plain-http origin other than localhost (the real server always sets it).
 */
export function setCookieOf(cookie: MockCookie, url: URL): string {
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  const { name, value, path, maxAgeSeconds, sameSite } = cookie;
  return `${name}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=${sameSite}${secure}`;
}

/**
 * The HTTP response of a resolver's result, with the server's caching rules: public reads carry
 * `ETag` and `Cache-Control: public` and answer a matching `If-None-Match` with 304; the rest are
 * `no-store`.
 */
export function respond(op: Operation, request: Request, result: MockResult, requestId: string): Response {
  const headers = new Headers(result.headers);
  headers.set('X-Request-ID', requestId);
  const url = new URL(request.url);
  for (const cookie of result.cookies ?? []) headers.append('Set-Cookie', setCookieOf(cookie, url));
  if (result.status === 204 || result.body === undefined) {
    headers.set('Cache-Control', 'no-store');
    return new HttpResponse(null, { status: result.status, headers });
  }
  if (op.cache && op.method === 'get' && result.status === 200) {
    const etag = headers.get('ETag') ?? etagOf(result.body);
    headers.set('ETag', etag);
    headers.set(
      'Cache-Control',
      `public, max-age=${op.cache.maxAgeSeconds}, stale-while-revalidate=${op.cache.staleWhileRevalidateSeconds}`,
    );
    if (ifNoneMatchHits(request.headers.get('if-none-match'), etag)) {
      return new HttpResponse(null, { status: 304, headers });
    }
  } else {
    headers.set('Cache-Control', 'no-store');
  }
  return HttpResponse.json(result.body as never, { status: result.status, headers });
}

import type { CoreResponse, ResponseCookie } from '@holiday-peak-hub/core';
import { stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

function setCookieOf(cookie: ResponseCookie): string {
  const { name, value, maxAge, ...attributes } = cookie;
  return stringifySetCookie({
    ...attributes,
    name,
    value,
    maxAge,
    ...(maxAge === 0 ? { expires: new Date(0) } : {}),
  });
}

/** Writes the core's answer out as is; a HEAD answer keeps its headers and drops the body. */
export function sendCoreResponse(req: Request, res: Response, response: CoreResponse): void {
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  for (const cookie of response.cookies) res.append('Set-Cookie', setCookieOf(cookie));
  res.statusCode = response.status;
  if (response.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Length', Buffer.byteLength(response.body));
  res.end(req.method === 'HEAD' ? undefined : response.body);
}

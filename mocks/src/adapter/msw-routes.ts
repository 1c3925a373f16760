import { expressPath, isJsonMediaType, isValidRequestId, operations, type Operation } from '@holiday-peak-hub/contract';
import {
  errorResponse,
  InvalidRequestError,
  RAW_BODY_OPERATIONS,
  runOperation,
  type CoreRequest,
  type CoreResponse,
  type Handler,
  type Handlers,
  type PipelineDeps,
  type ResponseCookie,
} from '@holiday-peak-hub/core';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { inRouteOrder } from './route-order.ts';

/** Per request, before the core runs: scenario controls may delay it or answer for it. */
export type Intercept = (op: Operation, requestId: string) => Promise<CoreResponse | undefined>;

export interface MswRoutesOptions {
  /** Origin (and optional prefix) of the mocked API; `*` for any origin. */
  baseUrl: string;
  /** The core's handlers and pipeline, built on first use (a signing key is made asynchronously). */
  core: () => Promise<{ handlers: Handlers; pipeline: PipelineDeps }>;
  intercept?: Intercept;
  /** After every answered write (a state change may have happened): persistence hooks here. */
  afterWrite?: () => void;
}

/** The `Set-Cookie` value of a cookie: `Secure` only over https (browsers and msw refuse it elsewhere). */
export function setCookieOf(cookie: ResponseCookie, url: URL): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.path) parts.push(`Path=${cookie.path}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite === 'lax' ? 'Lax' : 'Strict'}`);
  if (cookie.secure && url.protocol === 'https:') parts.push('Secure');
  return parts.join('; ');
}

/** Only the parameters the contract path names (msw adds others for a wildcard origin). */
function pathParams(path: string, params: Record<string, unknown>): Record<string, string> {
  const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? '');
  return Object.fromEntries(
    names.map((name) => {
      const value = params[name];
      return [name, Array.isArray(value) ? value.join('/') : typeof value === 'string' ? value : ''];
    }),
  );
}

/** A repeated key becomes an array, as Express's query parser makes it. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
}

/** The JSON body, parsed only where the server's body parser would (a declared body, JSON media type). */
function parsedBody(op: Operation, text: string, contentType: string | null): unknown {
  if (!op.request?.body || text === '' || !isJsonMediaType(contentType)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError('The body is not valid JSON', [{ in: 'body', path: '', message: 'malformed JSON' }]);
  }
}

function toResponse(response: CoreResponse, url: URL, method: string): Response {
  const headers = new Headers(response.headers);
  for (const cookie of response.cookies) headers.append('Set-Cookie', setCookieOf(cookie, url));
  const body = response.body === undefined || method === 'HEAD' ? null : response.body;
  // msw's HttpResponse, not a plain Response: in a browser, msw stores its `Set-Cookie` headers in
  // its cookie jar (a plain Response loses them), which cookie sessions need.
  return new HttpResponse(body, { status: response.status, headers });
}

/**
 * MSW handlers for every operation of the contract: each turns the fetch `Request` into the core's
 * request, runs the core's pipeline (the same as the server's), and answers what it answers.
 */
export function mswRoutes(options: MswRoutesOptions): HttpHandler[] {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let counter = 0;
  return inRouteOrder<Operation>(operations).map((op) => {
    return http[op.method](`${baseUrl}${expressPath(op.path)}`, async ({ request, params, cookies }) => {
      const { handlers, pipeline } = await options.core();
      const handler = handlers[op.operationId as keyof Handlers] as unknown as Handler<Operation>;
      const url = new URL(request.url);
      const given = request.headers.get('x-request-id');
      counter += 1;
      const requestId = isValidRequestId(given) ? given : `req_mock_${counter.toString(36).padStart(6, '0')}`;
      const intercepted = await options.intercept?.(op, requestId);
      if (intercepted) return toResponse(intercepted, url, request.method);
      const text = request.body === null ? '' : await request.text();
      let response: CoreResponse;
      try {
        const core: CoreRequest = {
          method: request.method,
          params: pathParams(op.path, params),
          query: queryOf(url),
          headers: Object.fromEntries(request.headers),
          cookies,
          hasBody: text !== '',
          body: parsedBody(op, text, request.headers.get('content-type')),
          ...(RAW_BODY_OPERATIONS.has(op.operationId) ? { rawBody: text } : {}),
          ip: '127.0.0.1',
          requestId,
          target: `${url.pathname}${url.search}`,
        };
        response = await runOperation(op, handler, core, pipeline);
      } catch (err) {
        response = errorResponse(err, requestId, pipeline);
      }
      if (op.method !== 'get') options.afterWrite?.();
      return toResponse(response, url, request.method);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import { isValidRequestId } from '@holiday-peak-hub/contract';
import { AppError, errorResponse, type CoreResponse, type Logger } from '@holiday-peak-hub/core';
import type { HttpTimeouts } from '../config.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

const NO_LOG: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const now = () => new Date();

/** What Node's HTTP parser (or its timers) refused, as the core's error. */
function parserError(err: NodeJS.ErrnoException): AppError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new AppError('HEADERS_TOO_LARGE', 'The request line or headers are too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new AppError('REQUEST_TIMEOUT', 'The request did not arrive in time');
    default:
      return new AppError('INVALID_REQUEST', 'The request could not be parsed');
  }
}

/** The answer as raw bytes: the security headers every answer carries, then the core's, and the connection closes. */
function rawResponse(response: CoreResponse): string {
  const body = response.body ?? '';
  const headers: (readonly [string, string])[] = [
    ...SECURITY_HEADERS,
    ...Object.entries(response.headers),
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Connection', 'close'],
  ];
  const lines = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n${lines}\r\n${body}`;
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers too large, a malformed
 * request line or header, a NUL in a header, a request arriving too slowly) still get the error
 * envelope, an `X-Request-ID` and the security headers, not a bare status line. A request already
 * in Express keeps the request id it was given; once its answer has started, the socket is closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const given = inFlight?.getHeader('x-request-id');
  const requestId = typeof given === 'string' ? given : `req_${randomUUID()}`;
  const response = errorResponse(parserError(err), requestId, { logger: NO_LOG, clock: now });
  socket.end(rawResponse(response), () => socket.destroy());
}

/**
 * `Expect` other than `100-continue` (which Node answers itself): 417 in the envelope, with the
 * request's id and the security headers, and the connection closes (the body may already be on its way).
 */
function answerExpectation(req: IncomingMessage, res: ServerResponse): void {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && isValidRequestId(given) ? given : `req_${randomUUID()}`;
  const response = errorResponse(
    new AppError('EXPECTATION_FAILED', 'Only `Expect: 100-continue` is supported', {
      expect: String(req.headers.expect).slice(0, 200),
    }),
    requestId,
    { logger: NO_LOG, clock: now },
  );
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  const body = response.body ?? '';
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Connection', 'close');
  res.statusCode = response.status;
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The timeouts of an API behind an ingress: 30 s for a request, 10 s for its headers, 65 s idle keep-alive. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
};

/** Starts listening with the server settings every entry point shares. */
export async function listen(
  app: Express,
  port: number,
  host: string,
  timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS,
): Promise<Server> {
  const server = createServer(
    {
      requestTimeout: timeouts.requestTimeoutMs,
      headersTimeout: timeouts.headersTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // How often Node checks those limits: often enough that a limit holds within a quarter of itself.
      connectionsCheckingInterval: Math.max(
        25,
        Math.min(1_000, Math.floor(Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs || Infinity) / 4)),
      ),
    },
    app,
  );
  server.on('clientError', answerClientError);
  server.on('checkExpectation', answerExpectation);
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}

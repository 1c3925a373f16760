import { once } from 'node:events';
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import type { ErrorCode } from '@holiday-peak-hub/contract';
import { errorEnvelope } from '@holiday-peak-hub/core';

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers too large, malformed
 * request line) still get the error envelope, not a bare status line.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code]: [number, ErrorCode] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'HEADERS_TOO_LARGE'] : [400, 'INVALID_REQUEST'];
  const message = status === 431 ? 'The request line or headers are too large' : 'The request could not be parsed';
  const body = JSON.stringify(errorEnvelope(code, message, {}, 'unparsed-request'));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts listening with the server settings every entry point shares. */
export async function listen(app: Express, port: number, host: string): Promise<Server> {
  const server = app.listen(port, host);
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 65_000;
  await once(server, 'listening');
  return server;
}

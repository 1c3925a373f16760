import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { SigningKey } from '../auth/signing-key.ts';
import { ServiceUnavailableError } from '../pipeline/errors.ts';
import { ANONYMOUS } from '../pipeline/handler.ts';
import { createSystemHandlers, type ReadinessCheck } from './handlers.ts';

const SECRET_TEXT = 'getaddrinfo ENOTFOUND contoso-prod.documents.azure.com (x-ms-activity-id 1234)';

function setup(checks: ReadinessCheck[]) {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const handlers = createSystemHandlers({
    version: 'test',
    lifecycle: { shuttingDown: false },
    checks,
    signingKey: {} as SigningKey,
    issuer: 'http://localhost:3000',
    clock: () => new Date(1_000),
    uptimeSeconds: () => 12,
    logger,
  });
  const readiness = () =>
    handlers.getReadiness({
      input: {} as never,
      caller: ANONYMOUS,
      requestId: 'req-1',
      http: { ip: '127.0.0.1', userAgent: null, cookie: () => undefined, setCookie: () => {}, clearCookie: () => {} },
    });
  return { readiness, lines };
}

describe('/readyz', () => {
  it('answers 200 with every check up', async () => {
    const { readiness } = setup([{ name: 'cosmos', check: () => Promise.resolve() }]);
    await expect(readiness()).resolves.toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { cosmos: { ok: true, latency_ms: 0, required: true } } },
    });
  });

  it("never shows a dependency's error to the (anonymous) caller; logs it server-side", async () => {
    const { readiness, lines } = setup([
      { name: 'cosmos', check: () => Promise.reject(new Error(SECRET_TEXT)) },
      { name: 'redis', check: () => Promise.resolve() },
    ]);
    const error = await readiness().then(
      () => expect.unreachable(),
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    const { details } = error as ServiceUnavailableError;
    expect(details).toEqual({
      checks: {
        cosmos: { ok: false, latency_ms: 0, required: true },
        redis: { ok: true, latency_ms: 0, required: true },
      },
    });
    expect(JSON.stringify(details)).not.toContain('contoso');
    const logged = lines.join('');
    expect(logged).toContain(SECRET_TEXT);
    expect(logged).toContain('readiness check failed');
  });

  it('stays ready while a dependency that is not required (Event Hubs) is down, and reports it', async () => {
    const { readiness } = setup([
      { name: 'cosmos', check: () => Promise.resolve() },
      { name: 'event-hubs', required: false, check: () => Promise.reject(new Error('ECONNREFUSED')) },
    ]);
    await expect(readiness()).resolves.toMatchObject({
      status: 200,
      body: {
        status: 'ready',
        checks: { cosmos: { ok: true, required: true }, 'event-hubs': { ok: false, required: false } },
      },
    });
  });
});

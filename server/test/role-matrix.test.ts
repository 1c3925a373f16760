/** Every contract operation called as every role: each answer matches who the operation lets in. */
import { operations, roleSatisfies, ROLES, type Role } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverIds, fillPath, sampleRequests, type SampleRequest } from './support/sample-requests.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
let samples: ReturnType<typeof sampleRequests>;

beforeAll(async () => {
  server = await startTestServer({ products: 30 });
  samples = sampleRequests(await discoverIds(server.baseUrl, server.tokens.staff));
});
afterAll(() => server.close());

async function call(opIndex: number, role: Role, sample: SampleRequest) {
  const op = operations[opIndex]!;
  const url = new URL(fillPath(op, sample.params), server.baseUrl);
  for (const [k, v] of Object.entries(sample.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...sample.headers };
  // Signing out ends the session the call is made with: it gets a session of its own.
  const token =
    role === 'anonymous'
      ? undefined
      : op.operationId === 'logout'
        ? await server.freshToken(role)
        : server.tokens[role];
  if (token) headers.authorization = `Bearer ${token}`;
  if (sample.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: op.method.toUpperCase(),
    headers,
    body: sample.body === undefined ? undefined : JSON.stringify(sample.body),
  });
  return {
    status: res.status,
    body: res.status === 204 || res.status === 304 ? null : ((await res.json()) as { error?: { code: string } }),
  };
}

describe('role matrix', () => {
  const cases = operations.flatMap((op, index) => ROLES.map((role) => [op.operationId, role, index] as const));

  it.each(cases)('%s as %s', async (operationId, role, index) => {
    const op = operations[index]!;
    const res = await call(index, role, samples[operationId]());
    if (op.access === 'public') {
      // Who calls never matters; a 401 can only be the operation's own (a wrong password, a spent refresh token).
      expect(res.status).not.toBe(403);
      if (res.status === 401) expect(op.errors).toContain('UNAUTHORIZED');
      expect(res.status).toBeLessThan(500);
    } else if (role === 'anonymous') {
      expect(res.status).toBe(401);
      expect(res.body?.error?.code).toBe('UNAUTHORIZED');
    } else if (roleSatisfies(role, op.access)) {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(403);
      expect(res.body?.error?.code).toBe('FORBIDDEN');
    }
  });
});

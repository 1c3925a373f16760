/** The set of contract operations equals the set of routes the app mounts: none missing, none extra. */
import { expressPath, operations } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routesOf(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ products: 5 });
});
afterAll(() => server.close());

it('mounts exactly the contract operations (plus the docs and spec files)', () => {
  const app = server.composed.app as unknown as { router: { stack: Layer[] } };
  const mounted = new Set(routesOf(app.router.stack));
  const contract = new Set(operations.map((op) => `${op.method.toUpperCase()} ${expressPath(op.path)}`));
  // The docs and spec files, the favicon browsers ask for, and the embedded default's development mailbox.
  const files = new Set(['GET /docs', 'GET /openapi.json', 'GET /asyncapi.json', 'GET /favicon.ico', 'GET /dev/mail']);
  expect([...contract].filter((r) => !mounted.has(r))).toEqual([]);
  expect([...mounted].filter((r) => !contract.has(r) && !files.has(r))).toEqual([]);
  expect(mounted.size).toBe(contract.size + files.size);
});

it('answers the favicon browsers ask for with 204, not a 404 envelope', async () => {
  const res = await fetch(`${server.baseUrl}/favicon.ico`);
  expect(res.status).toBe(204);
  expect(await res.text()).toBe('');
});

it('answers 404 in the envelope for an unknown path and 405 with Allow for a wrong method', async () => {
  const missing = await fetch(`${server.baseUrl}/api/nothing-here`);
  expect(missing.status).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('RESOURCE_NOT_FOUND');
  const wrong = await fetch(`${server.baseUrl}/api/categories`, { method: 'PUT' });
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET');
});

/**
 * Fuzz pass: for every operation, at least 200 generated malformed requests (wrong types, missing
 * fields, oversized strings, bad cursors, unknown query keys, broken JSON, odd headers). None may
 * answer 5xx; every 4xx must be the error envelope. Deterministic (fixed seed).
 */
import { ErrorEnvelopeSchema, operations, type Operation } from '@holiday-peak-hub/contract';
import { buildOpenApi } from '@holiday-peak-hub/contract/openapi';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverIds, fillPath, sampleRequests, type SampleRequest } from './support/sample-requests.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const PER_OPERATION = 200;

let server: TestServer;
let samples: ReturnType<typeof sampleRequests>;

beforeAll(async () => {
  server = await startTestServer({ products: 20 });
  samples = sampleRequests(await discoverIds(server.baseUrl, server.tokens.staff));
});
afterAll(() => server.close());

/** Numbers only `Number()` reads: a query takes decimal digits only. */
const NOT_DECIMAL = ['0x10', '0X1f', '1e1', '2E2', '1.5e1', '0b1', '0o7', '-0x1', '+5', ' 5', 'Infinity'];

/** The query parameters an operation declares as numbers (the spec's `integer` or `number`). */
const numericQuery: Map<string, string[]> = (() => {
  const spec = buildOpenApi(operations) as unknown as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: { type?: string } }[] }>>;
  };
  return new Map(
    operations.map((op) => [
      op.operationId,
      (spec.paths[op.path]?.[op.method]?.parameters ?? [])
        .filter((p) => p.in === 'query' && (p.schema.type === 'integer' || p.schema.type === 'number'))
        .map((p) => p.name),
    ]),
  );
})();

const junk: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '101',
    '1e309',
    ...NOT_DECIMAL,
    'NaN',
    'null',
    'true',
    '[]',
    '{}',
    '../../etc/passwd',
    '%',
    "'; DROP TABLE c;--",
    'SELECT * FROM c',
    '\u0000',
    '💥'.repeat(30),
    'AAAA',
    'eyJ2IjoxfQ',
  ),
);
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), junk, fc.integer(), fc.constant(null));

let keys = 0;
/** A new Idempotency-Key for each request of an operation that takes one (one key for two bodies is a 422). */
const freshKey = (op: Operation): Record<string, string> =>
  op.idempotency ? { 'idempotency-key': `fuzz-${process.pid}-${(keys += 1)}` } : {};

interface FuzzRequest {
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
}

function mutations(op: Operation, sample: SampleRequest): fc.Arbitrary<FuzzRequest> {
  const paramNames = Object.keys(op.request?.params?.shape ?? {});
  const queryNames = Object.keys(op.request?.query?.shape ?? {});
  const withBody = op.request?.body !== undefined;
  const validQuery = Object.entries(sample.query ?? {});
  const base = (): FuzzRequest => ({
    path: fillPath(op, sample.params),
    query: [...validQuery],
    headers: { ...(withBody ? { 'content-type': 'application/json' } : {}), ...freshKey(op) },
    ...(withBody ? { body: JSON.stringify(sample.body) } : {}),
  });
  const choices: fc.Arbitrary<(r: FuzzRequest) => void>[] = [
    fc.tuple(junk, fc.constantFrom('zz', 'foo', 'page', 'offset', 'filters', '__proto__', 'constructor')).map(
      ([v, k]) =>
        (r) =>
          void r.query.push([k, v]),
    ),
    fc.tuple(fc.constantFrom('cursor'), fc.oneof(junk, fc.base64String({ maxLength: 200 }))).map(
      ([k, v]) =>
        (r) =>
          void r.query.push([k, v]),
    ),
    fc
      .constantFrom('not json', '{"a":', '[1,2', '"just a string"', '42', '{}', 'null', '{"__proto__":{"x":1}}')
      .map((text) => (r) => {
        r.body = text;
        r.headers['content-type'] = 'application/json';
      }),
    jsonValue.map((value) => (r) => {
      r.body = JSON.stringify(value);
      r.headers['content-type'] = 'application/json';
    }),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin-9',
      )
      .map((type) => (r) => {
        r.body ??= '{}';
        r.headers['content-type'] = type;
      }),
    fc.constantFrom(150_000, 400_000).map((size) => (r) => {
      r.body = JSON.stringify({ name: 'x'.repeat(size) });
      r.headers['content-type'] = 'application/json';
    }),
    fc
      .tuple(fc.constantFrom('if-match', 'if-none-match', 'x-request-id', 'authorization'), junk)
      .map(([h, v]) => (r) => {
        r.headers[h] = v.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000);
      }),
    fc.constantFrom('%E0%A4%A', '%', '..%2F..%2F', 'a/b/c', '%00').map((raw) => (r) => {
      r.path = r.path.replace(/\/[^/]*$/, `/${raw}`);
    }),
  ];
  if (paramNames.length > 0) {
    choices.push(
      fc.tuple(fc.constantFrom(...paramNames), junk).map(([name, v]) => (r) => {
        r.path = fillPath(op, { ...sample.params, [name]: v });
      }),
    );
  }
  const numeric = numericQuery.get(op.operationId) ?? [];
  if (numeric.length > 0) {
    choices.push(
      fc.tuple(fc.constantFrom(...numeric), fc.constantFrom(...NOT_DECIMAL)).map(([name, v]) => (r) => {
        r.query = r.query.filter(([k]) => k !== name);
        r.query.push([name, v]);
      }),
    );
  }
  if (queryNames.length > 0) {
    choices.push(
      fc.tuple(fc.constantFrom(...queryNames), junk).map(([name, v]) => (r) => {
        r.query = r.query.filter(([k]) => k !== name);
        r.query.push([name, v]);
      }),
    );
    choices.push(
      fc.tuple(fc.constantFrom(...queryNames), junk, junk).map(
        ([name, a, b]) =>
          (r) =>
            void r.query.push([name, a], [name, b]),
      ),
    );
  }
  if (withBody && sample.body && typeof sample.body === 'object') {
    const fields = Object.keys(sample.body);
    choices.push(
      fc.tuple(fc.constantFrom(...fields), jsonValue, fc.boolean()).map(([field, value, drop]) => (r) => {
        const body = { ...(sample.body as Record<string, unknown>) };
        if (drop) delete body[field];
        else body[field] = value;
        r.body = JSON.stringify(body);
      }),
    );
  }
  return fc.array(fc.oneof(...choices), { minLength: 1, maxLength: 3 }).map((fns) => {
    const request = base();
    for (const fn of fns) fn(request);
    return request;
  });
}

describe('fuzz: malformed requests never cause a 5xx', () => {
  it.each(operations.map((op, index) => [op.operationId, index] as const))('%s', async (operationId, index) => {
    const op = operations[index]!;
    const requests = fc.sample(mutations(op, samples[operationId]()), { numRuns: PER_OPERATION, seed: 0x5eed + index });
    expect(requests.length).toBeGreaterThanOrEqual(PER_OPERATION);
    const failures: string[] = [];
    let token = 0;
    for (const r of requests) {
      const query = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      const role = (['admin', 'staff', 'customer'] as const)[token++ % 3]!;
      const headers = { authorization: `Bearer ${server.tokens[role]}`, ...r.headers };
      const res = await fetch(`${server.baseUrl}${r.path}${query ? `?${query}` : ''}`, {
        method: op.method.toUpperCase(),
        headers,
        body: op.method === 'get' ? undefined : r.body,
      });
      const text = await res.text();
      if (res.status >= 500)
        failures.push(
          `${res.status} ${op.method} ${r.path}?${query.slice(0, 200)} body=${(r.body ?? '').slice(0, 200)} → ${text.slice(0, 300)}`,
        );
      else if (res.status >= 400 && !ErrorEnvelopeSchema.safeParse(JSON.parse(text || 'null')).success) {
        failures.push(`${res.status} without envelope: ${op.method} ${r.path} → ${text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('hex and exponent numbers in a numeric query parameter are refused', () => {
  const withNumbers = operations.filter((op) => (numericQuery.get(op.operationId) ?? []).length > 0);

  it('finds the operations that take numbers in their query', () => {
    expect(withNumbers.map((op) => op.operationId)).toEqual(
      expect.arrayContaining(['listProducts', 'searchProducts', 'getRelatedProducts', 'listCategories']),
    );
  });

  it.each(withNumbers.map((op) => [op.operationId, op] as const))('%s: 400 in the envelope', async (_, op) => {
    const sample = samples[op.operationId]();
    // A session of its own: the fuzz pass above may have ended the start-up ones.
    const token = await server.freshToken('admin');
    const failures: string[] = [];
    for (const name of numericQuery.get(op.operationId) ?? []) {
      for (const value of NOT_DECIMAL) {
        const query = new URLSearchParams(Object.entries(sample.query ?? {}).filter(([k]) => k !== name));
        query.append(name, value);
        const res = await fetch(`${server.baseUrl}${fillPath(op, sample.params)}?${query}`, {
          method: op.method.toUpperCase(),
          headers: { authorization: `Bearer ${token}` },
        });
        const text = await res.text();
        const envelope = ErrorEnvelopeSchema.safeParse(JSON.parse(text || 'null'));
        if (res.status !== 400 || !envelope.success || envelope.data.error.code !== 'INVALID_REQUEST') {
          failures.push(`${name}=${value} → ${res.status} ${text.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

/* Hostile values in every field that takes them: control characters and lone surrogates in text,
   protocol-relative links in URL fields, prototype keys in maps. Each is refused in the envelope,
   and a write is never accepted (nothing stored). Passwords and tokens are opaque: left out. */
const HOSTILE_TEXT = ['x\u0000y', 'x\u001by', 'x\u0085y', 'x\u007fy', 'x\uD800', '\uDC00x'];
const HOSTILE_LINKS = ['//evil.example/x', '/\\evil.example', 'https:///evil.example', '/\t/evil.example'];
const OPAQUE = /password|token|^code$|^email$/;

interface Leaf {
  path: (string | number)[];
  value: unknown;
}

function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return [{ path, value }, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  }
  return [{ path, value }];
}

function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

/** Every hostile variant of a sample body: [label, JSON text]. */
function hostileBodies(body: unknown): [string, string][] {
  const out: [string, string][] = [];
  for (const leaf of leaves(body)) {
    const name = String(leaf.path.at(-1) ?? '');
    if (leaf.path.length === 0 || OPAQUE.test(name)) continue;
    if (typeof leaf.value === 'string') {
      const values = /url$/.test(name) ? [...HOSTILE_LINKS, ...HOSTILE_TEXT] : HOSTILE_TEXT;
      for (const v of values)
        out.push([`${leaf.path.join('.')}=${JSON.stringify(v)}`, JSON.stringify(withValue(body, leaf.path, v))]);
    } else if (name === 'attributes' && typeof leaf.value === 'object' && leaf.value !== null) {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const marker = JSON.stringify(withValue(body, leaf.path, { zz_marker: 'x' }));
        out.push([`${leaf.path.join('.')} with ${key}`, marker.replace('"zz_marker"', JSON.stringify(key))]);
      }
      out.push([`${leaf.path.join('.')} with a number`, JSON.stringify(withValue(body, leaf.path, { weight: 12 }))]);
    }
  }
  return out;
}

describe('fuzz: hostile text, links and prototype keys are refused', () => {
  const withBody: readonly Operation[] = operations.filter((op: Operation) => op.request?.body !== undefined);
  it.each(withBody.map((op) => [op.operationId, op] as const))('%s', async (_, op) => {
    const sample = (samples as Record<string, () => SampleRequest>)[op.operationId]!();
    const failures: string[] = [];
    const bodies = hostileBodies(sample.body);
    for (const [label, body] of bodies) {
      const res = await fetch(`${server.baseUrl}${fillPath(op, sample.params)}`, {
        method: op.method.toUpperCase(),
        headers: {
          authorization: `Bearer ${server.tokens.admin}`,
          'content-type': 'application/json',
          ...sample.headers,
          ...freshKey(op),
        },
        body,
      });
      const text = await res.text();
      const enveloped = ErrorEnvelopeSchema.safeParse(JSON.parse(text || 'null')).success;
      if (res.status < 400 || res.status >= 500 || !enveloped)
        failures.push(`${res.status} ${label} → ${text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['q', '/api/products/search?q='],
    ['brand', '/api/products?brand='],
  ])('%s in the query', async (_name, prefix) => {
    for (const v of ['ab\u0000', 'ab\u001b', 'ab\u0085']) {
      const res = await fetch(`${server.baseUrl}${prefix}${encodeURIComponent(v)}`);
      expect(res.status).toBe(400);
      expect(ErrorEnvelopeSchema.safeParse(await res.json()).success).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { catalogOperations } from '../catalog/operations/index.ts';
import type { Operation } from '../operation.ts';
import { validateOperationInput, type RawOperationInput } from './validate-operation-input.ts';

const op = (id: string): Operation => {
  const found = catalogOperations.find((candidate) => candidate.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};

const raw = (overrides: Partial<RawOperationInput> = {}): RawOperationInput => ({
  params: {},
  query: {},
  headers: {},
  contentType: undefined,
  hasBody: false,
  body: undefined,
  ...overrides,
});

const bannerId = 'bnr_h0l1d4yp34k1';

describe('validateOperationInput', () => {
  it('answers the parsed input, with {} for parts the operation does not declare', () => {
    const result = validateOperationInput(op('listProducts'), raw({ query: { limit: '5' } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.params).toEqual({});
    expect(result.input.query).toMatchObject({ limit: 5 });
    expect(result.input.body).toBeUndefined();
  });

  it('reports every problem at once, each with where it is', () => {
    const result = validateOperationInput(op('listProducts'), raw({ query: { limit: '0', sort: 'nonsense' } }));
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== 'INVALID_REQUEST') throw new Error('expected INVALID_REQUEST');
    expect(result.issues.map((issue) => `${issue.in}:${issue.path}`)).toEqual(
      expect.arrayContaining(['query:limit', 'query:sort']),
    );
  });

  it('refuses a query key on an operation without a query', () => {
    const result = validateOperationInput(
      op('getProduct'),
      raw({ params: { id: 'electronics.abcdefghijkl' }, query: { debug: '1' } }),
    );
    expect(result).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      issues: [{ in: 'query', path: 'debug', message: 'unknown query parameter' }],
    });
  });

  it('reports one issue per unknown key, named by the key (query and body)', () => {
    const query = validateOperationInput(op('listProducts'), raw({ query: { debug: '1', trace: 'x' } }));
    expect(query).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      issues: [
        { in: 'query', path: 'debug', message: 'unknown query parameter' },
        { in: 'query', path: 'trace', message: 'unknown query parameter' },
      ],
    });
    const body = validateOperationInput(
      op('updateBanner'),
      raw({
        params: { id: bannerId },
        contentType: 'application/json',
        hasBody: true,
        body: { title: 'New', secret: 1 },
      }),
    );
    expect(body).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      issues: [{ in: 'body', path: 'secret', message: 'unknown field' }],
    });
  });

  it('reads a body sent as application/json, with or without parameters', () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      const result = validateOperationInput(
        op('updateBanner'),
        raw({ params: { id: bannerId }, contentType, hasBody: true, body: { title: 'New' } }),
      );
      expect(result.ok, contentType).toBe(true);
      if (result.ok) expect(result.input.body).toEqual({ title: 'New' });
    }
  });

  it('answers UNSUPPORTED_MEDIA_TYPE for a body in any other media type', () => {
    for (const contentType of ['text/plain', 'application/merge-patch+json', 'application/jsonx', undefined]) {
      const result = validateOperationInput(
        op('updateBanner'),
        raw({ params: { id: bannerId }, contentType, hasBody: true, body: undefined }),
      );
      expect(result, String(contentType)).toEqual({ ok: false, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
  });

  it('requires a body where the operation declares one', () => {
    const result = validateOperationInput(op('updateBanner'), raw({ params: { id: bannerId } }));
    expect(result).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      issues: [{ in: 'body', path: '', message: 'a JSON body is required' }],
    });
  });

  it('checks params and headers with their schemas', () => {
    const result = validateOperationInput(
      op('updateBanner'),
      raw({
        params: { id: 'nope' },
        headers: { 'if-match': '' },
        contentType: 'application/json',
        hasBody: true,
        body: { title: 'New' },
      }),
    );
    if (result.ok || result.code !== 'INVALID_REQUEST') throw new Error('expected INVALID_REQUEST');
    expect(result.issues.map((issue) => `${issue.in}:${issue.path}`)).toEqual(['path:id', 'header:if-match']);
  });

  it('reports at most 50 issues', () => {
    const query = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, '1']));
    const result = validateOperationInput(op('getProduct'), raw({ params: { id: 'x' }, query }));
    if (result.ok || result.code !== 'INVALID_REQUEST') throw new Error('expected INVALID_REQUEST');
    expect(result.issues).toHaveLength(50);
  });
});

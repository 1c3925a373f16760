import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { validateOperationInput, type RawOperationInput } from '../http/validate-operation-input.ts';
import { defineOperation, type Operation } from '../operation.ts';
import { IdempotencyKeySchema, IfMatchHeadersSchema, requestHeadersOf } from './headers.ts';

const op = (idempotency: Operation['idempotency']) =>
  defineOperation({
    operationId: 'createThing',
    method: 'post',
    path: '/api/things',
    tags: ['Cart'],
    summary: 'Create a thing',
    description: 'Creates a thing.',
    access: ['customer'],
    request: { headers: IfMatchHeadersSchema, body: z.object({ name: z.string() }) },
    responses: { 201: { description: 'Created.' } },
    errors: [],
    ...(idempotency ? { idempotency } : {}),
  });

const raw = (headers: Record<string, unknown>): RawOperationInput => ({
  params: {},
  query: {},
  headers,
  contentType: 'application/json',
  hasBody: true,
  body: { name: 'x' },
});

describe('IdempotencyKeySchema', () => {
  it('takes 1–255 printable ASCII characters, none of them a space at either end', () => {
    for (const key of ['a', 'k'.repeat(255), '5f2b6c1e-8d4a-4e5b-9a0c-3f7d2e1b6a90', 'order 42/retry#1', '~!{}']) {
      expect(IdempotencyKeySchema.safeParse(key).success, key).toBe(true);
    }
    for (const key of ['', 'k'.repeat(256), ' lead', 'trail ', 'tab\tin', 'é', 'line\nbreak']) {
      expect(IdempotencyKeySchema.safeParse(key).success, JSON.stringify(key)).toBe(false);
    }
  });
});

describe('requestHeadersOf', () => {
  it('is the operation’s own headers without idempotency', () => {
    expect(requestHeadersOf(op(undefined))).toBe(IfMatchHeadersSchema);
  });

  it('adds the key to the operation’s own headers, one schema per operation', () => {
    const required = op('required');
    expect(Object.keys(requestHeadersOf(required)!.shape)).toEqual(['if-match', 'idempotency-key']);
    expect(requestHeadersOf(required)).toBe(requestHeadersOf(required));
  });
});

describe('validateOperationInput with idempotency', () => {
  it('required: a call without a key, or with a bad one, is refused with the issue named', () => {
    for (const headers of [{}, { 'idempotency-key': '' }, { 'idempotency-key': 'x'.repeat(256) }]) {
      const result = validateOperationInput(op('required'), raw(headers));
      if (result.ok || result.code !== 'INVALID_REQUEST') throw new Error('expected INVALID_REQUEST');
      expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues.map((issue) => `${issue.in}:${issue.path}`)).toEqual(
        result.issues.map(() => 'header:idempotency-key'),
      );
    }
  });

  it('required: the key is part of the validated headers', () => {
    const result = validateOperationInput(op('required'), raw({ 'idempotency-key': 'k1', 'if-match': '"e"' }));
    expect(result).toMatchObject({ ok: true, input: { headers: { 'idempotency-key': 'k1', 'if-match': '"e"' } } });
  });

  it('optional: a call may go without a key, but a bad key is still refused', () => {
    expect(validateOperationInput(op('optional'), raw({})).ok).toBe(true);
    expect(validateOperationInput(op('optional'), raw({ 'idempotency-key': ' x' })).ok).toBe(false);
  });
});

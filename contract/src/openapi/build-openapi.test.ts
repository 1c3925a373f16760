import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineOperation, type Operation } from '../operation.ts';
import { buildOpenApi, errorCodesOf } from './build-openapi.ts';

const Thing = z.object({ id: z.string() }).meta({ id: 'ExampleThing' });

/** An example write: any operation can declare `idempotency`. */
const example = (idempotency: Operation['idempotency'], path: string, errors: Operation['errors'] = ['CONFLICT']) =>
  defineOperation({
    operationId: `createThing${path.length}`,
    method: 'post',
    path,
    tags: ['Cart'],
    summary: 'Create a thing',
    description: 'Creates a thing.',
    access: ['customer'],
    request: { body: z.object({ name: z.string() }) },
    responses: { 201: { description: 'Created.', schema: Thing } },
    errors,
    ...(idempotency ? { idempotency } : {}),
  });

interface DocOperation {
  description: string;
  parameters: { name: string; in: string; required?: boolean; description?: string }[];
  responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
}

function documented(op: Operation): DocOperation {
  const doc = buildOpenApi([op]) as unknown as { paths: Record<string, Record<string, DocOperation>> };
  return doc.paths[op.path]!.post!;
}

describe('buildOpenApi: operations with idempotency', () => {
  it('documents a required Idempotency-Key header, with its rules', () => {
    const op = documented(example('required', '/api/things'));
    const key = op.parameters.find((p) => p.name === 'idempotency-key');
    expect(key).toMatchObject({ in: 'header', required: true });
    expect(key?.description).toMatch(/1–255 printable ASCII/);
    expect(op.description).toMatch(/Idempotent: send an `Idempotency-Key` \(required\)/);
  });

  it('documents an optional one as not required', () => {
    const key = documented(example('optional', '/api/things/x')).parameters.find((p) => p.name === 'idempotency-key');
    expect(key).toMatchObject({ in: 'header' });
    expect(key?.required).not.toBe(true);
  });

  it('adds 409 IDEMPOTENCY_KEY_IN_USE and 422 IDEMPOTENCY_KEY_REUSED to its errors', () => {
    const op = example('required', '/api/things');
    expect(errorCodesOf(op)).toEqual(expect.arrayContaining(['IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED']));
    const { responses } = documented(op);
    expect(responses['409']?.description).toBe('Error: `CONFLICT`, `IDEMPOTENCY_KEY_IN_USE`.');
    expect(responses['422']?.description).toBe('Error: `IDEMPOTENCY_KEY_REUSED`.');
  });

  it('documents Idempotent-Replayed on the answers a replay can give: successes and the handler’s own 4xx', () => {
    const { responses } = documented(example('required', '/api/things'));
    expect(Object.keys(responses['201']?.headers ?? {})).toEqual(['X-Request-ID', 'Idempotent-Replayed']);
    expect(responses['409']?.headers).toHaveProperty('Idempotent-Replayed');
    expect(responses['400']?.headers).not.toHaveProperty('Idempotent-Replayed');
    expect(responses['503']?.headers).not.toHaveProperty('Idempotent-Replayed');
  });

  it('adds none of it to an operation without idempotency', () => {
    const op = example(undefined, '/api/things');
    expect(errorCodesOf(op)).not.toContain('IDEMPOTENCY_KEY_IN_USE');
    expect(errorCodesOf(op)).not.toContain('IDEMPOTENCY_KEY_REUSED');
    const doc = documented(op);
    expect(doc.parameters.map((p) => p.name)).not.toContain('idempotency-key');
    expect(doc.responses['201']?.headers).not.toHaveProperty('Idempotent-Replayed');
    expect(doc.responses['422']).toBeUndefined();
  });
});

describe('buildOpenApi: security', () => {
  const read = (extra: Partial<Operation>) =>
    defineOperation({
      operationId: 'readThing',
      method: 'get',
      path: '/api/things/{id}',
      tags: ['Cart'],
      summary: 'Read a thing',
      description: 'Reads a thing.',
      access: 'public',
      request: { params: z.strictObject({ id: z.string() }) },
      responses: { 200: { description: 'The thing.', schema: Thing } },
      errors: [],
      ...extra,
    });
  const securityOf = (op: Operation) =>
    (buildOpenApi([op]) as unknown as { paths: Record<string, { get: { security: unknown } }> }).paths[op.path]!.get
      .security;

  it('lists no requirement for a public operation', () => {
    expect(securityOf(read({}))).toEqual([]);
  });

  it('lists "none" and both schemes for a public operation that uses a session when sent', () => {
    expect(securityOf(read({ optionalAuth: true }))).toEqual([{}, { bearerAuth: [] }, { cookieAuth: [] }]);
  });

  it('requires a scheme for an operation open to roles', () => {
    expect(securityOf(read({ access: ['customer'] }))).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
  });
});

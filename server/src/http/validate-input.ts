import type { Operation, ValidationIssue, z } from '@holiday-peak-hub/contract';
import type { Request } from 'express';
import { AppError, InvalidRequestError } from './errors.ts';

type Part = ValidationIssue['in'];

function issuesOf(part: Part, error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ in: part, path: issue.path.map(String).join('.'), message: issue.message }));
}

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

/**
 * Validates params, query, headers and body with the operation's contract schemas. Every problem
 * is reported at once; input an operation does not declare (query keys, a body) is refused.
 */
export function validateInput(op: Operation, req: Request) {
  const spec = op.request ?? {};
  const issues: ValidationIssue[] = [];
  const parse = <S extends z.ZodType>(part: Part, schema: S | undefined, value: unknown): z.output<S> | undefined => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...issuesOf(part, result.error));
    return undefined;
  };

  const params = parse('path', spec.params, req.params);
  const rawQuery = req.query as Record<string, unknown>;
  let query: unknown;
  if (spec.query) {
    query = parse('query', spec.query, rawQuery);
  } else {
    for (const key of Object.keys(rawQuery)) {
      issues.push({ in: 'query', path: key.slice(0, 100), message: 'unknown query parameter' });
    }
  }
  const headers = parse('header', spec.headers, req.headers);

  let body: unknown;
  if (spec.body) {
    if (!req.is('application/json')) {
      if (hasBody(req)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
      issues.push({ in: 'body', path: '', message: 'a JSON body is required' });
    } else {
      body = parse('body', spec.body, req.body);
    }
  }

  if (issues.length > 0)
    throw new InvalidRequestError('The request is not valid: see details.issues', issues.slice(0, 50));
  return { params: params ?? {}, query: query ?? {}, headers: headers ?? {}, body };
}

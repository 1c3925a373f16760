import type { ValidationIssue } from '../common/errors.ts';
import { requestHeadersOf } from '../common/headers.ts';
import type { Operation } from '../operation.ts';
import type * as z from 'zod';
import { isJsonMediaType } from './media-type.ts';

type Part = ValidationIssue['in'];

/** The parts of a request as a transport read them, before any validation. */
export interface RawOperationInput {
  /** Path parameters the route matched. */
  params: Record<string, unknown>;
  /** A repeated key is an array of its values. */
  query: Record<string, unknown>;
  /** Header names in lower case. */
  headers: Record<string, unknown>;
  /** The `Content-Type` header, if any. */
  contentType: string | null | undefined;
  /** True when the request carries a body (even one that was not parsed). */
  hasBody: boolean;
  /** The parsed JSON body; only read when `hasBody` and the content type is JSON. */
  body: unknown;
}

export interface ValidatedOperationInput {
  params: unknown;
  query: unknown;
  headers: unknown;
  body: unknown;
}

export type OperationInputValidation =
  | { ok: true; input: ValidatedOperationInput }
  | { ok: false; code: 'INVALID_REQUEST'; issues: ValidationIssue[] }
  | { ok: false; code: 'UNSUPPORTED_MEDIA_TYPE' };

/** At most this many issues are reported. */
export const MAX_VALIDATION_ISSUES = 50;
const MAX_KEY_LENGTH = 100;

const joined = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Zod issues as the API reports them: one issue per unknown key, named by its path. */
export function validationIssuesOf(part: Part, error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: part,
        path: joined([...issue.path, key.slice(0, MAX_KEY_LENGTH)]),
        message: part === 'query' ? 'unknown query parameter' : 'unknown field',
      }));
    }
    return [{ in: part, path: joined(issue.path), message: issue.message }];
  });
}

/**
 * Params, query, headers and body checked with the operation's own contract schemas, every problem
 * reported at once (headers include `Idempotency-Key` for an operation with `idempotency`). Input the
 * operation does not declare (query keys) is refused; a body must be `application/json`. Pure: the server and the mocks map the outcome to their own errors.
 */
export function validateOperationInput(op: Operation, raw: RawOperationInput): OperationInputValidation {
  const spec = op.request ?? {};
  const issues: ValidationIssue[] = [];
  const parse = (part: Part, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return {};
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...validationIssuesOf(part, result.error));
    return undefined;
  };

  const params = parse('path', spec.params, raw.params);
  let query: unknown = {};
  if (spec.query) query = parse('query', spec.query, raw.query);
  else {
    for (const key of Object.keys(raw.query)) {
      issues.push({ in: 'query', path: key.slice(0, MAX_KEY_LENGTH), message: 'unknown query parameter' });
    }
  }
  const headers = parse('header', requestHeadersOf(op), raw.headers);

  let body: unknown;
  if (spec.body) {
    if (!raw.hasBody) issues.push({ in: 'body', path: '', message: 'a JSON body is required' });
    else if (!isJsonMediaType(raw.contentType)) return { ok: false, code: 'UNSUPPORTED_MEDIA_TYPE' };
    else body = parse('body', spec.body, raw.body);
  }

  if (issues.length > 0) return { ok: false, code: 'INVALID_REQUEST', issues: issues.slice(0, MAX_VALIDATION_ISSUES) };
  return { ok: true, input: { params, query, headers, body } };
}

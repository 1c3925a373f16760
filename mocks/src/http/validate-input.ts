import type { Operation, ValidationIssue, z } from '@holiday-peak-hub/contract';
import { invalidRequest, MockHttpError } from './mock-error.ts';
import type { RawRequest } from './read-request.ts';

type Part = ValidationIssue['in'];

export type ValidatedInput = { params: unknown; query: unknown; headers: unknown; body: unknown };

function issuesOf(part: Part, error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ in: part, path: issue.path.map(String).join('.'), message: issue.message }));
}

const isJson = (contentType: string | null) =>
  contentType !== null && /^application\/([\w.+-]+\+)?json\b/i.test(contentType);

/**
 * Params, query, headers and body checked with the operation's own contract schemas, every problem
 * reported at once, as the server does. Query keys an operation does not declare are refused.
 */
export function validateInput(op: Operation, raw: RawRequest): ValidatedInput {
  const spec = op.request ?? {};
  const issues: ValidationIssue[] = [];
  const parse = (part: Part, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return {};
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...issuesOf(part, result.error));
    return undefined;
  };

  const params = parse('path', spec.params, raw.params);
  let query: unknown = {};
  if (spec.query) query = parse('query', spec.query, raw.query);
  else {
    for (const key of Object.keys(raw.query)) {
      issues.push({ in: 'query', path: key.slice(0, 100), message: 'unknown query parameter' });
    }
  }
  const headers = parse('header', spec.headers, raw.headers);

  let body: unknown;
  if (spec.body) {
    if (raw.bodyText === undefined) issues.push({ in: 'body', path: '', message: 'a JSON body is required' });
    else if (!isJson(raw.contentType))
      throw new MockHttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    else {
      let json: unknown;
      try {
        json = JSON.parse(raw.bodyText) as unknown;
      } catch {
        issues.push({ in: 'body', path: '', message: 'the body is not valid JSON' });
      }
      if (json !== undefined) body = parse('body', spec.body, json);
    }
  }

  if (issues.length > 0) throw invalidRequest(issues);
  return { params, query, headers, body };
}

import {
  isJsonMediaType,
  validateOperationInput,
  type Operation,
  type ValidatedOperationInput,
} from '@holiday-peak-hub/contract';
import { invalidRequest, MockHttpError } from './mock-error.ts';
import type { RawRequest } from './read-request.ts';

export type ValidatedInput = ValidatedOperationInput;

/** The JSON body, parsed only where the server's body parser would (a declared body, JSON media type). */
function parsedBody(op: Operation, raw: RawRequest): unknown {
  if (!op.request?.body || raw.bodyText === undefined || !isJsonMediaType(raw.contentType)) return undefined;
  try {
    return JSON.parse(raw.bodyText) as unknown;
  } catch {
    throw invalidRequest([{ in: 'body', path: '', message: 'malformed JSON' }], 'The body is not valid JSON');
  }
}

/** The operation's input, validated by the contract's one rule, as the server validates it. */
export function validateInput(op: Operation, raw: RawRequest): ValidatedInput {
  const result = validateOperationInput(op, {
    params: raw.params,
    query: raw.query,
    headers: raw.headers,
    contentType: raw.contentType,
    hasBody: raw.bodyText !== undefined,
    body: parsedBody(op, raw),
  });
  if (result.ok) return result.input;
  if (result.code === 'UNSUPPORTED_MEDIA_TYPE') {
    throw new MockHttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  throw invalidRequest(result.issues);
}

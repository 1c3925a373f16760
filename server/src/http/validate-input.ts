import { validateOperationInput, type Operation, type ValidatedOperationInput } from '@holiday-peak-hub/contract';
import type { Request } from 'express';
import { AppError, InvalidRequestError } from './errors.ts';

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

/**
 * The operation's input from an Express request, validated by the contract's one rule
 * (`validateOperationInput`); its outcome becomes this server's errors.
 */
export function validateInput(op: Operation, req: Request): ValidatedOperationInput {
  const result = validateOperationInput(op, {
    params: req.params,
    query: req.query,
    headers: req.headers,
    contentType: req.get('content-type'),
    hasBody: hasBody(req),
    body: req.body as unknown,
  });
  if (result.ok) return result.input;
  if (result.code === 'UNSUPPORTED_MEDIA_TYPE') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  throw new InvalidRequestError('The request is not valid: see details.issues', result.issues);
}

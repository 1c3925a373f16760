import { ConflictError, NotFoundError, PreconditionFailedError } from '@holiday-peak-hub/core';
import { cosmosStatus } from './cosmos-errors.ts';

/** Cosmos DB write failures as API errors: 412 → PRECONDITION_FAILED, 404 → NOT_FOUND, 409 → CONFLICT. */
export function asApiError(
  err: unknown,
  kind: { name: string; conflict?: string },
  details: Record<string, unknown>,
): unknown {
  const what = kind.name;
  switch (cosmosStatus(err)) {
    case 412:
      return new PreconditionFailedError(undefined, details);
    case 404:
      return new NotFoundError(what, details);
    case 409:
      return new ConflictError(kind.conflict ?? `${what} already exists`, details);
    default:
      return err;
  }
}

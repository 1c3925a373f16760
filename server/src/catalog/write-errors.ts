import { ConflictError, NotFoundError, PreconditionFailedError } from '../http/errors.ts';
import { cosmosStatus } from '../platform/cosmos/cosmos-errors.ts';

/** Cosmos DB write failures as API errors: 412 → PRECONDITION_FAILED, 404 → NOT_FOUND, 409 → CONFLICT. */
export function asApiError(err: unknown, what: string, details: Record<string, unknown>): unknown {
  switch (cosmosStatus(err)) {
    case 412:
      return new PreconditionFailedError(undefined, details);
    case 404:
      return new NotFoundError(what, details);
    case 409:
      return new ConflictError(`${what} already exists (id, slug or SKU taken)`, details);
    default:
      return err;
  }
}

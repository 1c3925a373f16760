import type { Container, PartitionKey, SqlQuerySpec } from '@azure/cosmos';
import { InvalidRequestError } from '@holiday-peak-hub/core';
import { queryFingerprint, type CursorCodec } from './cursor.ts';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
  /** Everything that shapes the results (operation, filters, sort), for the cursor fingerprint. */
  shape: unknown;
  /** Routes the query to one partition on Azure. The SQL must ALSO say `c.<pk> = @pk`: the stand-in ignores this option. */
  partitionKey?: PartitionKey;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keeps cursors well under the 4,096 characters a `cursor` query parameter may have. */
export const CONTINUATION_LIMIT_KB = 2;
/** Cross-partition pages may come back short; this bounds the round trips spent filling one. */
export const MAX_FETCHES = 8;

/**
 * One page of a parameterised query, resumed from a cursor. No OFFSET/LIMIT: the page ends where
 * Cosmos DB's continuation token says, and that token (sealed by `cursors`) is the next cursor.
 *
 * A query resumed from a supplied cursor that fails in any way is the caller's 400: the
 * continuation is the only input Cosmos DB did not get from us, and the SDK reports an unusable
 * one (stale after an index change, from another SDK version...) in many shapes (400,
 * SyntaxError, TypeError, plain Error).
 */
export async function queryPage<T>(
  container: Container,
  spec: SqlQuerySpec,
  request: PageRequest,
  cursors: CursorCodec,
): Promise<Page<T>> {
  const fingerprint = queryFingerprint(request.shape);
  let continuation = request.cursor === undefined ? undefined : cursors.decode(request.cursor, fingerprint);
  const items: T[] = [];
  try {
    for (let fetches = 0; fetches < MAX_FETCHES && items.length < request.limit; fetches += 1) {
      const iterator = container.items.query<T>(spec, {
        maxItemCount: request.limit - items.length,
        continuationToken: continuation,
        continuationTokenLimitInKB: CONTINUATION_LIMIT_KB,
        ...(request.partitionKey === undefined ? {} : { partitionKey: request.partitionKey }),
      });
      const response = await iterator.fetchNext();
      items.push(...response.resources);
      continuation = response.continuationToken ?? undefined;
      if (!continuation) break;
    }
  } catch (err) {
    if (request.cursor === undefined) throw err;
    const invalid = new InvalidRequestError('Invalid cursor', [
      { in: 'query', path: 'cursor', message: 'cursor is not valid for this query: start again without it' },
    ]);
    invalid.cause = err;
    throw invalid;
  }
  return { items, nextCursor: continuation ? cursors.encode(continuation, fingerprint) : null };
}

/** Every result of a query (small result sets: facets, reference data). */
export async function queryAll<T>(container: Container, spec: SqlQuerySpec, partitionKey?: PartitionKey): Promise<T[]> {
  const options = partitionKey === undefined ? {} : { partitionKey };
  const { resources } = await container.items.query<T>(spec, options).fetchAll();
  return resources;
}

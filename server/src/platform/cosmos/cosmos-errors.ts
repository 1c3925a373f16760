/** The HTTP status of a Cosmos DB error (`ErrorResponse.code`), or undefined for anything else. */
export function cosmosStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const { code } = err;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (err: unknown) => cosmosStatus(err) === 404;

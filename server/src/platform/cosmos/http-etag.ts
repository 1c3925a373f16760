/**
 * Cosmos `_etag` values are quoted on Azure (`"0000-..."`) and bare on the stand-in; HTTP wants
 * them quoted. These helpers turn one into the other and compare an `If-Match` header with one.
 */
export function httpEtag(cosmosEtag: string): string {
  return cosmosEtag.startsWith('"') ? cosmosEtag : `"${cosmosEtag}"`;
}

/** True when `If-Match` names this version (strong comparison) or is `*`. */
export function ifMatchHits(header: string, cosmosEtag: string): boolean {
  const wanted = httpEtag(cosmosEtag);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === wanted;
  });
}

import { ifMatchHits as httpIfMatchHits } from '@holiday-peak-hub/contract';

/**
 * Cosmos `_etag` values are quoted on Azure (`"0000-..."`) and bare on the stand-in; HTTP wants
 * them quoted. These helpers turn one into the other and compare an `If-Match` header with one
 * (the comparison itself is the contract's, shared with the mocks).
 */
export function httpEtag(cosmosEtag: string): string {
  return cosmosEtag.startsWith('"') ? cosmosEtag : `"${cosmosEtag}"`;
}

/** True when `If-Match` names this version (strong comparison) or is `*`. */
export function ifMatchHits(header: string, cosmosEtag: string): boolean {
  return httpIfMatchHits(header, httpEtag(cosmosEtag));
}

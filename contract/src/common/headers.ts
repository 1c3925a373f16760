import * as z from 'zod';
import type { HeaderSpec } from '../operation.ts';

export const ETAG_HEADER: HeaderSpec = {
  description: 'Version of the representation; send it back in `If-None-Match` (reads) or `If-Match` (writes).',
};

export const REQUEST_ID_HEADER: HeaderSpec = {
  description: 'Request id: yours from `X-Request-ID` when you sent a valid one, else generated.',
};

export const LOCATION_HEADER: HeaderSpec = {
  description: 'URL of the created resource.',
};

export const CACHE_CONTROL_HEADER: HeaderSpec = {
  description: 'Caching policy of the representation.',
};

/** Request headers of a write that honours optimistic concurrency. */
export const IfMatchHeadersSchema = z.object({
  'if-match': z
    .string()
    .min(1)
    .max(256)
    .optional()
    .meta({ description: 'ETag from your last read. When it is stale the write is refused with 412.' }),
});

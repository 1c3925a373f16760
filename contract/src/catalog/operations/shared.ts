import { z } from '../../zod.ts';
import { CACHE_CONTROL_HEADER, ETAG_HEADER } from '../../common/headers.ts';
import { ProductIdSchema } from '../ids.ts';

/* What the catalog operations have in common; not exported from the package. */

/** Public catalog reads may be cached by browsers and CDNs for a minute. */
export const PUBLIC_CACHE = { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 300 } as const;
export const cachedHeaders = { ETag: ETAG_HEADER, 'Cache-Control': CACHE_CONTROL_HEADER };
export const STAFF = ['staff'] as const;
/** Staff reads and writes answer the ETag that `If-Match` expects next. */
export const writtenHeaders = { ETag: ETAG_HEADER };

export const productParams = z.strictObject({ id: ProductIdSchema });

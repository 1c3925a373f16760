import * as z from 'zod';
import { CACHE_CONTROL_HEADER, ETAG_HEADER } from '../../common/headers.ts';
import { ProductIdSchema, ProductRefSchema } from '../ids.ts';

/* What the catalog operations have in common; not exported from the package. */

/** Public catalog reads may be cached by browsers and CDNs for a minute. */
export const PUBLIC_CACHE = { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 300 } as const;
export const cachedHeaders = { ETag: ETAG_HEADER, 'Cache-Control': CACHE_CONTROL_HEADER };
export const STAFF = ['staff'] as const;
/** Staff reads and writes answer the ETag that `If-Match` expects next. */
export const writtenHeaders = { ETag: ETAG_HEADER };

/** Staff name a product by its id (a malformed one is a 400). */
export const productParams = z.strictObject({ id: ProductIdSchema });
/** Shoppers' reads take the product's id or its slug (what the canonical URL holds); no match is a 404. */
export const productRefParams = z.strictObject({ id: ProductRefSchema });

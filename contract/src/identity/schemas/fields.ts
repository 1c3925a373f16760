import * as z from 'zod';

/* Field shapes the identity schemas share; not exported from the package. */

export const Timestamp = z.iso.datetime();
export const Name = z.string().trim().min(1).max(100);

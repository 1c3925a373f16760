/**
 * The one Zod instance of the project, extended with `.openapi()` before any schema exists.
 * Every schema in contract/ imports `z` from here, never from 'zod' directly.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };

import { createHandlers } from './create-handlers.ts';

/** Handlers over a fresh demo store, answering on any origin. */
export const handlers = createHandlers();

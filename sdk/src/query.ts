// Entry '@holiday-peak-hub/sdk/query': the generated TanStack Query options and keys, and what to invalidate after a write.
export * from './gen/@tanstack/react-query.gen.js';
export {
  INVALIDATED_BY,
  invalidateAfter,
  withInvalidation,
  type InvalidatingOperation,
  type QueryId,
} from './query-invalidation.js';

import { toApiError } from './api-error.js';

type CallResult = { data?: unknown; error?: unknown; response?: Response };

/**
 * `const product = await unwrap(getProduct({ client, path: { id } }))`: the data, or a thrown `HolidayPeakApiError`.
 * The same as passing `throwOnError: true`, for code that prefers not to repeat it.
 */
export async function unwrap<R extends CallResult>(call: Promise<R>): Promise<Exclude<R['data'], undefined>> {
  const result = await call;
  if (result.error !== undefined) throw toApiError(result.error, result.response);
  return result.data as Exclude<R['data'], undefined>;
}

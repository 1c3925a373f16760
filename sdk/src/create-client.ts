import { toApiError } from './api-error.js';
import { type Client, createClient, createConfig } from './gen/client/index.js';
import type { ClientOptions } from './gen/types.gen.js';

export type TokenProvider = () => string | undefined | Promise<string | undefined>;

export interface HolidayPeakClientOptions {
  /** Origin of the API, e.g. `https://api.holidaypeakhub.com` or `http://localhost:3000`. */
  baseUrl: string;
  /** `'include'` to send the session cookie cross-origin. */
  credentials?: RequestCredentials;
  /** Called before every call that needs a token; its value goes out as `Authorization: Bearer <token>`. */
  getToken?: TokenProvider;
  /** A `fetch` to use instead of `globalThis.fetch` (it receives a `Request`). */
  fetch?: typeof fetch;
  /** Headers sent with every call. */
  headers?: HeadersInit;
}

/**
 * A client to pass as `client` to any SDK function or query-options factory.
 * Failures surface as `HolidayPeakApiError`, whether returned (`{ error }`) or thrown (`throwOnError: true`).
 */
export function createHolidayPeakClient(options: HolidayPeakClientOptions): Client {
  const { getToken } = options;
  const client = createClient(
    createConfig<ClientOptions>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      ...(options.credentials && { credentials: options.credentials }),
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.headers && { headers: options.headers }),
      ...(getToken && { auth: () => getToken() }),
    }),
  );
  client.interceptors.error.use((caught, response) => toApiError(caught, response));
  return client;
}

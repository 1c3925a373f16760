import { toApiError } from './api-error.js';
import { bindSession } from './client-session.js';
import { type Client, createClient, createConfig } from './gen/client/index.js';
import { refreshSession } from './gen/sdk.gen.js';
import type { ClientOptions } from './gen/types.gen.js';
import { addIdempotencyKey, createRetryingFetch, type RetryOptions } from './idempotency.js';
import type { HolidayPeakSession } from './session.js';
import { createSessionFetch, webLocks } from './session-fetch.js';

export type TokenProvider = () => string | undefined | Promise<string | undefined>;

interface CommonClientOptions {
  /** Origin of the API, e.g. `https://api.holidaypeakhub.com` or `http://localhost:3000`. */
  baseUrl: string;
  /** `'include'` to send cookies cross-origin (a browser session sets it for you). */
  credentials?: RequestCredentials;
  /** A `fetch` to use instead of `globalThis.fetch` (it receives a `Request`). */
  fetch?: typeof fetch;
  /** Headers sent with every call. */
  headers?: HeadersInit;
  /**
   * Retries of calls that carry an `Idempotency-Key` (the client adds one to every operation that takes one), with the
   * same key: when no response arrived, or on 409 `IDEMPOTENCY_KEY_IN_USE` after `Retry-After`. Default 3 attempts.
   */
  retry?: RetryOptions;
}

export type HolidayPeakClientOptions = CommonClientOptions &
  (
    | {
        /**
         * Tokens you obtain yourself (e.g. Microsoft Entra ID): called before every call that needs a token; its value
         * goes out as `Authorization: Bearer <token>`. No automatic refresh: return a fresh token each time.
         */
        getToken?: TokenProvider;
        session?: undefined;
      }
    | {
        /** A session of the API's own: `createBrowserSession()` (cookies) or `createTokenSession()` (bearer). */
        session: HolidayPeakSession;
        getToken?: undefined;
      }
  );

/** The path of a base URL, without trailing slash: `''` for an origin, `/v1` for `https://host/v1/`. */
function basePathOf(baseUrl: string): string {
  return new URL(baseUrl, 'http://localhost').pathname.replace(/\/+$/, '');
}

/**
 * A client to pass as `client` to any SDK function or query-options factory.
 * Failures surface as `HolidayPeakApiError`, whether returned (`{ error }`) or thrown (`throwOnError: true`).
 */
export function createHolidayPeakClient(options: HolidayPeakClientOptions): Client {
  const { session, getToken } = options;
  if (session && getToken) throw new TypeError('createHolidayPeakClient: pass `session` or `getToken`, not both');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const token = session ? () => session.bearerToken() : getToken;
  const credentials = options.credentials ?? session?.credentials;

  const userFetch = options.fetch;
  // Looked up per call, as the generated client does: test tools may replace globalThis.fetch later.
  const network = createRetryingFetch((request) => (userFetch ?? globalThis.fetch)(request), options.retry);
  const fetch: typeof globalThis.fetch = session
    ? createSessionFetch({
        session,
        basePath: basePathOf(baseUrl),
        fetch: network,
        // Through the client (its headers, interceptors and this fetch), once it exists: only called after a call.
        refresh: async (body) => {
          const { error } = await refreshSession({ client, body, throwOnError: false });
          return error === undefined;
        },
        locks: webLocks(),
      })
    : (input, init) => network(input instanceof Request && init === undefined ? input : new Request(input, init));

  const client = createClient(
    createConfig<ClientOptions>({
      baseUrl,
      ...(credentials && { credentials }),
      fetch,
      ...(options.headers && { headers: options.headers }),
      // Operations accept a bearer token or the `hph_access` cookie; only the bearer scheme is ours to fill (the
      // browser sends cookies itself; a hand-made `Cookie` header would be dropped by browsers and wrong anywhere).
      ...(token && { auth: (auth) => (auth.scheme === 'bearer' ? token() : undefined) }),
    }),
  );
  client.interceptors.request.use(addIdempotencyKey);
  client.interceptors.error.use((caught, response) => toApiError(caught, response));
  if (session) bindSession(client, session);
  return client;
}

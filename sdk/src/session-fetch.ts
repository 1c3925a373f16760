import type { AuthSession, Refresh } from './gen/types.gen.js';
import type { HolidayPeakSession } from './session.js';
import { sessionOperationOf, type SessionOperation } from './session-operations.js';

export interface SessionFetchOptions {
  session: HolidayPeakSession;
  /** The fetch that sends the requests (the caller's, or `globalThis.fetch` looked up at call time). */
  fetch: (request: Request) => Promise<Response>;
  /** The path of the client's base URL (`''`, or `/v1` for `https://host/v1`), to recognise the session operations. */
  basePath: string;
  /**
   * Calls `refreshSession` through the client, so its answer comes back through this fetch and feeds the session.
   * Resolves true when the server gave new credentials.
   */
  refresh: (body: Refresh) => Promise<boolean>;
  /**
   * Serialises refreshes across the tabs of a browser (the Web Locks API, `navigator.locks`, where the runtime has
   * it). Tabs share the refresh cookie, or a token storage: two tabs refreshing with the same single-use token at once
   * would look like a stolen token and end the session. Under the lock, the second tab sends the token the first one
   * left behind.
   */
  locks?: RefreshLocks | undefined;
}

/** The part of the Web Locks API this uses. */
export interface RefreshLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

const REFRESH_LOCK = 'holiday-peak-hub.refresh';

/** `navigator.locks` where the runtime has it (browsers; not Node 22). */
export function webLocks(): RefreshLocks | undefined {
  const locks = (globalThis as { navigator?: { locks?: RefreshLocks } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

function isAuthSession(value: unknown): value is AuthSession {
  return typeof value === 'object' && value !== null && 'status' in value && value.status === 'authenticated';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.clone().json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The `fetch` of a client with a session. It puts the session's credentials on each request, feeds the session with
 * every sign-in, refresh and sign-out answer, and cures a 401 with ONE refresh and ONE retry of the request:
 * - concurrent 401s share one refresh (a single-use refresh token presented twice would end the session);
 * - a 401 to a request sent before a refresh that has since succeeded is retried without another refresh;
 * - sign-in and refresh calls are never retried: their 401 is the answer;
 * - when the refresh is refused (400/401) the session is cleared and the original response is returned.
 */
export function createSessionFetch(options: SessionFetchOptions): typeof fetch {
  const { session, basePath } = options;
  /** Bumped each time the session gets new credentials. */
  let generation = 0;
  let refreshing: Promise<boolean> | undefined;

  async function observe(operation: SessionOperation | undefined, response: Response): Promise<void> {
    if (operation === undefined) return;
    if (operation === 'sign-out') {
      if (response.ok) await session.clear();
      return;
    }
    if (response.ok) {
      const body = await readJson(response);
      if (isAuthSession(body)) {
        await session.accept(body);
        generation += 1;
      }
    } else if (operation === 'refresh' && (response.status === 400 || response.status === 401)) {
      await session.clear();
    }
  }

  async function refresh(): Promise<boolean> {
    const run = async () => {
      const body = await session.refreshBody();
      return body !== undefined && (await options.refresh(body));
    };
    try {
      return await (options.locks ? options.locks.request(REFRESH_LOCK, run) : run());
    } catch {
      return false;
    }
  }

  function refreshOnce(): Promise<boolean> {
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function send(request: Request, operation: SessionOperation | undefined, renew: boolean): Promise<Response> {
    await session.prepare(request, renew);
    const response = await options.fetch(request);
    await observe(operation, response);
    return response;
  }

  return async (input, init) => {
    // The generated client always passes one Request; anything else is made into one.
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const operation = sessionOperationOf(request, basePath);
    if (operation === 'sign-in' || operation === 'refresh') return send(request, operation, false);

    // A refresh in flight is about to replace the credentials the request was built with: wait, then use the new ones.
    const builtAt = generation;
    if (refreshing) await refreshing;
    const spare = request.clone(); // the body of a request can be read once: keep a copy for the retry
    const sentAt = generation;
    const response = await send(request, operation, sentAt !== builtAt);
    if (!(await session.refreshable(request, response))) return response;

    const renewed = generation !== sentAt || (await refreshOnce());
    if (!renewed) return response;
    await response.body?.cancel();
    return send(spare, operation, true);
  };
}

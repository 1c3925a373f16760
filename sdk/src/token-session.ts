import type { Tokens } from './gen/types.gen.js';
import type { HolidayPeakSession, SessionListener } from './session.js';

/** Where a token session keeps its tokens: `localStorage`, `sessionStorage`, or an async store of a native app. */
export interface TokenStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

export interface TokenSessionOptions {
  /** Keeps the tokens across restarts; without it they live in memory only. */
  storage?: TokenStorage;
  /** The storage key. Default `holiday-peak-hub.tokens`. */
  key?: string;
  /** Called with the session after every sign-in and refresh, and with `null` when it ends. */
  onChange?: SessionListener;
}

function parseTokens(stored: string | null): Tokens | undefined {
  if (stored === null) return undefined;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return undefined;
    const { access_token: access, refresh_token: refresh } = value as Partial<Record<keyof Tokens, unknown>>;
    return typeof access === 'string' && typeof refresh === 'string' ? (value as Tokens) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bearer mode, for partners and native apps: sign-in asks for `token_delivery: 'body'`, the access and refresh tokens
 * are kept (in memory, or in `storage`), the access token goes out as `Authorization: Bearer` to every operation that
 * takes one, and the single-use refresh token renews both on a 401.
 */
export function createTokenSession(options: TokenSessionOptions = {}): HolidayPeakSession {
  const { storage, onChange } = options;
  const key = options.key ?? 'holiday-peak-hub.tokens';
  // The tokens, read from storage on first use and before every refresh; sign-in, refresh and clear replace them.
  let state: Promise<Tokens | undefined> | undefined = storage ? undefined : Promise.resolve(undefined);
  const current = (): Promise<Tokens | undefined> =>
    (state ??= (async () => parseTokens((await storage?.getItem(key)) ?? null))().catch(() => undefined));

  return {
    tokenDelivery: 'body',
    credentials: undefined,
    bearerToken: async () => (await current())?.access_token,
    async prepare(request, renew) {
      const access = renew && request.headers.has('Authorization') ? (await current())?.access_token : undefined;
      if (access !== undefined) request.headers.set('Authorization', `Bearer ${access}`);
    },
    refreshable: (_request, response) => Promise.resolve(response.status === 401),
    async refreshBody() {
      // Read storage again: another tab sharing it may have refreshed already, and the refresh token this
      // one holds in memory is then spent (sending it would count as reuse and end the session for both).
      if (storage) state = undefined;
      const refresh = (await current())?.refresh_token;
      return refresh === undefined ? undefined : { refresh_token: refresh };
    },
    async accept(session) {
      // A cookie-delivery answer (tokens null) carries nothing this session can send.
      if (session.tokens === null) return;
      state = Promise.resolve(session.tokens);
      await storage?.setItem(key, JSON.stringify(session.tokens));
      onChange?.(session);
    },
    async clear() {
      state = Promise.resolve(undefined);
      await storage?.removeItem(key);
      onChange?.(null);
    },
  };
}

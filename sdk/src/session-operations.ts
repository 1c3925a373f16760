import type {
  LoginData,
  LoginTwoFactorData,
  LogoutData,
  RefreshSessionData,
  SocialSignInData,
  StartGuestSessionData,
} from './gen/types.gen.js';

/**
 * The operations that start, renew or end a session. Their answers feed the session; sign-in and refresh calls are
 * never retried after a refresh (their 401 is the answer). The paths are typed by the generated operations.
 */
export type SessionOperation = 'sign-in' | 'refresh' | 'sign-out';

const login: LoginData['url'] = '/api/auth/login';
const loginTwoFactor: LoginTwoFactorData['url'] = '/api/auth/login/2fa';
const socialSignIn: SocialSignInData['url'] = '/api/auth/social/{provider}';
const startGuestSession: StartGuestSessionData['url'] = '/api/auth/guest';
const refreshSession: RefreshSessionData['url'] = '/api/auth/refresh';
const logout: LogoutData['url'] = '/api/auth/logout';

/** Every one of them is a POST. Paths as in the contract: `{name}` stands for one path segment. */
export const SESSION_OPERATION_PATHS: ReadonlyMap<string, SessionOperation> = new Map([
  [login, 'sign-in'],
  [loginTwoFactor, 'sign-in'],
  [socialSignIn, 'sign-in'],
  [startGuestSession, 'sign-in'],
  [refreshSession, 'refresh'],
  [logout, 'sign-out'],
]);

const MATCHERS = [...SESSION_OPERATION_PATHS].map(
  ([path, kind]) => [new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`), kind] as const,
);

/** Which session operation `request` calls, if any; `basePath` is the path of the client's base URL (`''` or `/v1`). */
export function sessionOperationOf(request: Request, basePath: string): SessionOperation | undefined {
  if (request.method !== 'POST') return undefined;
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(basePath)) return undefined;
  const path = pathname.slice(basePath.length);
  return MATCHERS.find(([pattern]) => pattern.test(path))?.[1];
}

// A fake of the API's session rules, as a `fetch` to inject into a client (no network, no module mocks):
// sign-in with cookie or body delivery, single-use refresh tokens whose reuse ends the session, CSRF on cookie writes,
// a browser's cookie jar (used only when the request says `credentials: 'include'`).
import type { AuthSession, ErrorCode, SessionRole, TokenDelivery, User } from '../src/gen/types.gen.ts';

export interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  credentials: RequestCredentials;
  body: unknown;
}

interface Family {
  subject: string;
  role: SessionRole;
  csrf: string;
  ended: boolean;
}

export const PASSWORD = 'right-password';
export const TWO_FACTOR_EMAIL = 'two@example.com';
export const TWO_FACTOR_CODE = '123456';
export const GOOGLE_ID_TOKEN = 'google-id-token-of-jane';
const CHALLENGE = 'challenge-1';

const USER: User = {
  id: 'usr_1',
  email: 'jane@example.com',
  name: 'Jane',
  phone: null,
  role: 'customer',
  email_verified: true,
  newsletter_opt_in: false,
  two_factor_enabled: false,
  date_of_birth: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  last_login: null,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const failure = (status: number, code: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
  json(status, {
    error: { code, message, details, timestamp: '2026-01-25T10:45:00Z', request_id: `req_${status}` },
  });

const csrfRefusal = () => failure(403, 'FORBIDDEN', 'Missing or wrong X-CSRF-Token', { reason: 'csrf' });

export function createFakeAuthApi() {
  const seen: SeenRequest[] = [];
  const accessTokens = new Map<string, Family>();
  const refreshTokens = new Map<string, { family: Family; used: boolean }>();
  /** The browser's cookies (`hph_access`, `hph_refresh`). */
  const jar: { access?: string; refresh?: string } = {};
  let issued = 0;
  /** Paths whose answers wait (checked after the wait, as a slow server would). */
  const holds = new Map<string, Promise<void>>();

  function issue(family: Family, delivery: TokenDelivery): AuthSession {
    issued += 1;
    const access = `access-${issued}`;
    const refresh = `refresh-${issued}`;
    accessTokens.set(access, family);
    refreshTokens.set(refresh, { family, used: false });
    family.csrf ||= `csrf-${issued}`; // bound to the session: the same after every refresh
    if (delivery === 'cookie') Object.assign(jar, { access, refresh });
    return {
      status: 'authenticated',
      subject: family.subject,
      role: family.role,
      user: family.role === 'guest' ? null : USER,
      expires_at: '2026-01-25T11:00:00Z',
      refresh_expires_at: '2026-02-01T10:45:00Z',
      csrf_token: delivery === 'cookie' ? family.csrf : null,
      tokens:
        delivery === 'body'
          ? {
              token_type: 'Bearer',
              access_token: access,
              expires_in: 900,
              refresh_token: refresh,
              refresh_expires_in: 604_800,
            }
          : null,
    };
  }

  function caller(request: Request): { family: Family; viaCookie: boolean } | undefined {
    const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const cookie = request.credentials === 'include' ? jar.access : undefined;
    const token = bearer ?? cookie;
    const family = token === undefined ? undefined : accessTokens.get(token);
    return family && !family.ended ? { family, viaCookie: bearer === undefined } : undefined;
  }

  const unauthorized = () => failure(401, 'UNAUTHORIZED', 'The access token is missing, expired or revoked');

  async function answer(request: Request, path: string, body: Record<string, unknown>): Promise<Response> {
    await holds.get(path);
    const route = `${request.method} ${path}`;
    const delivery = (body.token_delivery as TokenDelivery | undefined) ?? 'cookie';
    switch (route) {
      case 'POST /api/auth/login':
        if (body.password !== PASSWORD) return failure(401, 'UNAUTHORIZED', 'Wrong email or password');
        if (body.email === TWO_FACTOR_EMAIL) {
          return json(200, {
            status: 'two_factor_required',
            challenge_token: CHALLENGE,
            expires_at: '2026-01-25T10:50Z',
          });
        }
        return json(200, issue({ subject: USER.id, role: 'customer', csrf: '', ended: false }, delivery));
      case 'POST /api/auth/login/2fa':
        if (body.challenge_token !== CHALLENGE || body.code !== TWO_FACTOR_CODE) {
          return failure(401, 'UNAUTHORIZED', 'Wrong code');
        }
        return json(200, issue({ subject: USER.id, role: 'customer', csrf: '', ended: false }, delivery));
      case 'POST /api/auth/social/google':
        if (body.id_token !== GOOGLE_ID_TOKEN) return failure(401, 'UNAUTHORIZED', 'The ID token is not valid');
        return json(200, issue({ subject: USER.id, role: 'customer', csrf: '', ended: false }, delivery));
      case 'POST /api/auth/guest':
        return json(201, issue({ subject: 'gst_1', role: 'guest', csrf: '', ended: false }, delivery));
      case 'POST /api/auth/refresh': {
        const inBody = typeof body.refresh_token === 'string' ? body.refresh_token : undefined;
        const token = inBody ?? (request.credentials === 'include' ? jar.refresh : undefined);
        const entry = token === undefined ? undefined : refreshTokens.get(token);
        if (!entry) return failure(401, 'UNAUTHORIZED', 'No valid refresh token');
        if (entry.used || entry.family.ended) {
          entry.family.ended = true; // reuse: the whole session ends
          return failure(401, 'UNAUTHORIZED', 'Refresh token reused: the session has ended');
        }
        entry.used = true;
        return json(200, issue(entry.family, inBody === undefined ? 'cookie' : 'body'));
      }
      default:
        break;
    }
    if (route === 'GET /api/products') return json(200, { items: [], next_cursor: null });
    const who = caller(request);
    if (!who) return unauthorized();
    const csrfOk = !who.viaCookie || request.headers.get('x-csrf-token') === who.family.csrf;
    switch (route) {
      case 'GET /api/users/me':
        return json(200, USER);
      case 'PUT /api/users/me/preferences':
        return csrfOk ? json(200, body) : csrfRefusal();
      case 'POST /api/admin/users':
        return csrfOk ? failure(403, 'FORBIDDEN', 'Only admins may create users') : csrfRefusal();
      case 'POST /api/auth/logout':
        if (!csrfOk) return csrfRefusal();
        who.family.ended = true;
        if (who.viaCookie) Object.assign(jar, { access: undefined, refresh: undefined });
        return new Response(null, { status: 204 });
      default:
        return failure(404, 'RESOURCE_NOT_FOUND', `No route ${route}`);
    }
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = new URL(request.url).pathname;
    seen.push({ method: request.method, path, headers: request.headers, credentials: request.credentials, body });
    return answer(request, path, body);
  };

  return {
    fetch,
    seen,
    /** Requests made to one path. */
    calls: (path: string) => seen.filter((entry) => entry.path === path),
    /** Every access token issued so far stops working (15 minutes have passed). */
    expireAccessTokens: () => accessTokens.clear(),
    /** Answers to `path` wait until the returned function is called. */
    hold(path: string): () => void {
      let release = () => {};
      holds.set(
        path,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return () => {
        holds.delete(path);
        release();
      };
    },
    /** The browser forgets nothing on reload: the cookies are still there. */
    jar,
  };
}

export type FakeAuthApi = ReturnType<typeof createFakeAuthApi>;

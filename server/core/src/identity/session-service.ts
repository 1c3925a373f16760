import type { AuthSession, SessionRole } from '@holiday-peak-hub/contract';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import type { CsrfTokens } from '../auth/csrf.ts';
import { hashToken, newOpaqueToken } from '../auth/opaque-token.ts';
import { sealSecret, unsealSecret } from '../auth/sealed-secret.ts';
import type { SessionCookieValues } from '../auth/session-cookies.ts';
import type { SessionStore } from '../auth/session-store.ts';
import { signAccessToken, type SigningKey } from '../auth/signing-key.ts';
import { SIGNING_ALGORITHM } from '../pipeline/authenticate.ts';
import { UnauthorizedError } from '../pipeline/errors.ts';

/** Lifetimes of the design document (ADR-015). */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;
/**
 * The reuse grace window: for this long after a refresh, the refresh token it rotated away is
 * still taken and answered with the same new refresh token (Auth0's "reuse interval", Okta's grace
 * period), so tabs or devices sharing a token that refresh at the same instant keep the session.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;
const CHALLENGE_SECONDS = 5 * 60;

export type TokenDelivery = 'cookie' | 'body';

export interface SessionServiceDeps {
  signingKey: SigningKey;
  sessions: SessionStore;
  csrf: CsrfTokens;
  issuer: string;
  audience: string;
  clock: () => Date;
}

export interface SessionSubject {
  id: string;
  role: SessionRole;
  email: string | null;
}

/**
 * A session as its answer carries it, and, for cookie delivery, the cookies that go with it: the
 * handlers set them (services do not touch the transport).
 */
export interface IssuedSession {
  body: AuthSession;
  cookies: SessionCookieValues | null;
}

/** A refresh refused (401): for a cookie-delivered session, the handler also clears its cookies. */
export class SessionRefusedError extends UnauthorizedError {
  readonly clearCookies: boolean;

  constructor(message: string, clearCookies: boolean) {
    super(message);
    this.clearCookies = clearCookies;
  }
}

/**
 * Sessions of this API. A session has an id (`sid`, in every access token it issues, checked on
 * every request) and a refresh token `<sid>.<secret>` of which only the secret's hash is stored.
 * A refresh rotates the secret; presenting a secret rotated away before ends the session (a
 * stolen refresh token was used, by the thief or the owner), except the one rotated away last, for
 * `REFRESH_REUSE_GRACE_SECONDS` after its rotation: that refresh's new refresh token is answered
 * again, with a new access token of the same session. Access tokens are RS256 JWTs of 15 minutes,
 * refresh tokens last 7 days.
 */
export class SessionService {
  readonly #deps: SessionServiceDeps;

  constructor(deps: SessionServiceDeps) {
    this.#deps = deps;
  }

  /** Starts a session and answers it in the delivery the client asked for. */
  async start(subject: SessionSubject, delivery: TokenDelivery, user: AuthSession['user']): Promise<IssuedSession> {
    const now = this.#deps.clock();
    const sessionId = `ses_${crypto.randomUUID()}`;
    const secret = newOpaqueToken();
    await this.#deps.sessions.create({
      sessionId,
      userId: subject.id,
      role: subject.role,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000).toISOString(),
      secretHash: hashToken(secret),
    });
    return this.#answer(
      subject,
      sessionId,
      secret,
      new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000),
      delivery,
      user,
    );
  }

  /**
   * Trades a refresh token for a new pair. The token comes from the body (body delivery) or, when
   * the body has none, the refresh cookie (cookie delivery). `loadUser` answers the account as it
   * is now (its role may have changed), or null for a guest; an account that no longer exists ends
   * the session. Refusals are `SessionRefusedError`s.
   */
  async refresh(
    presented: { body: string | undefined; cookie: string | undefined },
    loadUser: (subjectId: string) => Promise<{ subject: SessionSubject; user: AuthSession['user'] } | undefined>,
  ): Promise<IssuedSession> {
    const delivery: TokenDelivery = presented.body === undefined ? 'cookie' : 'body';
    const token = presented.body ?? presented.cookie;
    const refused = (message: string) => new SessionRefusedError(message, delivery === 'cookie');
    const match = token === undefined ? null : /^(ses_[0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
    if (!match?.[1] || !match[2]) throw refused('No valid refresh token: sign in again');
    const [, sessionId, secret] = match;
    // Everything that can fail for reasons of ours (the account read) happens before the rotation:
    // a refresh that failed after rotating would leave the client a spent token, and its retry would
    // count as reuse and end the session.
    const session = await this.#deps.sessions.get(sessionId);
    if (!session) throw refused('The session has ended: sign in again');
    const current = await loadUser(session.userId);
    if (!current) {
      await this.#deps.sessions.revoke(sessionId);
      throw refused('The account no longer exists');
    }
    const next = newOpaqueToken();
    const rotated = await this.#deps.sessions.rotate(sessionId, {
      presentedHash: hashToken(secret),
      nextHash: hashToken(next),
      sealedNext: sealSecret(next, secret),
      now: this.#deps.clock(),
      graceMs: REFRESH_REUSE_GRACE_SECONDS * 1000,
    });
    if (rotated.outcome === 'reused')
      throw refused('This refresh token was already used: the session has ended, sign in again');
    if (rotated.outcome === 'unknown') throw refused('The session has ended: sign in again');
    // A replay inside the grace window gets the refresh token the first refresh issued (the store
    // kept it sealed with the presented secret, which only the presenter has).
    const issued = rotated.outcome === 'replayed' ? unsealSecret(rotated.sealedNext, secret) : next;
    if (hashToken(issued) !== rotated.session.secretHash) {
      throw new Error(`Session ${sessionId}: the refresh secret kept for the grace window does not match the session`);
    }
    return this.#answer(
      current.subject,
      sessionId,
      issued,
      new Date(rotated.session.expiresAt),
      delivery,
      current.user,
    );
  }

  /** Ends a session: its tokens stop working at once. */
  async end(sessionId: string | null): Promise<void> {
    if (sessionId !== null) await this.#deps.sessions.revoke(sessionId);
  }

  /** Ends every session of a user (password reset, role change, erasure), or every other one. */
  endAllFor(userId: string, exceptSessionId?: string): Promise<number> {
    return this.#deps.sessions.revokeAllForUser(userId, exceptSessionId);
  }

  isActive = async (sessionId: string): Promise<boolean> => (await this.#deps.sessions.get(sessionId)) !== undefined;

  /** When a live session was signed in (refreshes keep it); undefined once it has ended. */
  async startedAt(sessionId: string): Promise<Date | undefined> {
    const session = await this.#deps.sessions.get(sessionId);
    return session ? new Date(session.createdAt) : undefined;
  }

  /** A short-lived token proving the password step of a sign-in, for the second factor. */
  async challengeFor(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const now = this.#deps.clock();
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ purpose: '2fa' })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.#deps.signingKey.kid, typ: 'hph-2fa+jwt' })
      .setSubject(userId)
      .setIssuer(this.#deps.issuer)
      .setAudience(`${this.#deps.audience}#2fa`)
      .setIssuedAt(iat)
      .setExpirationTime(iat + CHALLENGE_SECONDS)
      .sign(this.#deps.signingKey.privateKey);
    return { token, expiresAt: new Date((iat + CHALLENGE_SECONDS) * 1000) };
  }

  /** The user id a challenge token was made for; 401 when it is not one of ours or expired. */
  async challengeSubject(token: string): Promise<string> {
    try {
      const publicKey = await importJWK(this.#deps.signingKey.publicJwk, SIGNING_ALGORITHM);
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.#deps.issuer,
        audience: `${this.#deps.audience}#2fa`,
        typ: 'hph-2fa+jwt',
        currentDate: this.#deps.clock(),
      });
      if (payload.purpose !== '2fa' || typeof payload.sub !== 'string') throw new Error('not a challenge');
      return payload.sub;
    } catch {
      throw new UnauthorizedError('The sign-in challenge is invalid or expired: sign in again');
    }
  }

  async #answer(
    subject: SessionSubject,
    sessionId: string,
    secret: string,
    refreshExpiresAt: Date,
    delivery: TokenDelivery,
    user: AuthSession['user'],
  ): Promise<IssuedSession> {
    const now = this.#deps.clock();
    const accessToken = await signAccessToken(
      this.#deps.signingKey,
      { sub: subject.id, role: subject.role, sid: sessionId, ...(subject.email ? { email: subject.email } : {}) },
      { issuer: this.#deps.issuer, audience: this.#deps.audience, expiresInSeconds: ACCESS_TOKEN_SECONDS, now },
    );
    const refreshToken = `${sessionId}.${secret}`;
    const refreshSeconds = Math.max(0, Math.round((refreshExpiresAt.getTime() - now.getTime()) / 1000));
    const cookies =
      delivery === 'cookie' ? { accessToken, accessSeconds: ACCESS_TOKEN_SECONDS, refreshToken, refreshSeconds } : null;
    const body: AuthSession = {
      status: 'authenticated',
      subject: subject.id,
      role: subject.role,
      user,
      expires_at: new Date(Math.floor(now.getTime() / 1000) * 1000 + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
      refresh_expires_at: refreshExpiresAt.toISOString(),
      csrf_token: delivery === 'cookie' ? this.#deps.csrf.tokenFor(sessionId) : null,
      tokens:
        delivery === 'body'
          ? {
              token_type: 'Bearer',
              access_token: accessToken,
              expires_in: ACCESS_TOKEN_SECONDS,
              refresh_token: refreshToken,
              refresh_expires_in: refreshSeconds,
            }
          : null,
    };
    return { body, cookies };
  }
}

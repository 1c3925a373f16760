import { GUEST_ID_PATTERN, type InputOf, type OperationById, type OperationId } from '@holiday-peak-hub/contract';
import { hashToken } from '../auth/opaque-token.ts';
import { normalizeRecoveryCode } from '../auth/totp.ts';
import { PreconditionFailedError, UnauthorizedError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { randomToken } from '../platform/random.ts';
import { afterFailure, beforeAttempt } from './attempt-guard.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { IssuedSession, TokenDelivery } from './session-service.ts';
import { signInOrChallenge, startSessionFor, type SignInAnswer } from './sign-in-answer.ts';
import { toUser } from './user-view.ts';

type Body<K extends OperationId> = InputOf<OperationById<K>>['body'];

const BAD_CREDENTIALS = 'Wrong email or password';
const TOO_MANY_SIGN_INS = 'Too many failed sign-ins: try again later';
const TOO_MANY_CODES = 'Too many wrong codes: try again later';

/**
 * Sessions from a password (and the second factor), guest sessions, refresh and sign-out. A wrong
 * email and a wrong password are the same 401 after the same hashing work, so answers never tell
 * whether an email has an account. Sessions are answered with the cookies to set, if any: the
 * handlers set them.
 */
export class SignInService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  async login(body: Body<'login'>): Promise<SignInAnswer> {
    const deps = this.#deps;
    const key = `email:${body.email}`;
    await beforeAttempt(deps, key, TOO_MANY_SIGN_INS);
    const user = await deps.users.getByEmail(body.email);
    const ok = user?.password_hash
      ? await deps.hasher.verify(body.password, user.password_hash)
      : await deps.hasher.verifyDummy(body.password);
    if (!user || !ok) {
      await afterFailure(deps, key, TOO_MANY_SIGN_INS);
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    await deps.lockout.succeed(key);
    let current = user;
    if (deps.hasher.needsRehash(user.password_hash ?? '')) {
      // Upgraded while the plain password is at hand; a concurrent change wins (the next sign-in upgrades).
      const upgraded = { ...user, password_hash: await deps.hasher.hash(body.password) };
      current = await deps.users.save(upgraded, user._etag, deps.clock()).catch((err: unknown) => {
        if (err instanceof PreconditionFailedError) return user;
        throw err;
      });
    }
    return signInOrChallenge(deps, current, body.token_delivery);
  }

  async loginTwoFactor(body: Body<'loginTwoFactor'>): Promise<IssuedSession> {
    const deps = this.#deps;
    const userId = await deps.sessions.challengeSubject(body.challenge_token);
    const key = `2fa:${userId}`;
    await beforeAttempt(deps, key, TOO_MANY_CODES);
    const user = await deps.users.get(userId);
    if (!user?.two_factor.enabled || user.two_factor.secret === null) {
      throw new UnauthorizedError('The sign-in challenge is invalid or expired: sign in again');
    }
    const now = deps.clock();
    const step = deps.matchTotp(user.two_factor.secret, body.code, now);
    const recoveryHash = hashToken(normalizeRecoveryCode(body.code));
    const fresh = step !== null && (user.two_factor.last_step === null || step > user.two_factor.last_step);
    const recovery = !fresh && user.two_factor.recovery_code_hashes.includes(recoveryHash);
    if (!fresh && !recovery) {
      await afterFailure(deps, key, TOO_MANY_CODES);
      throw new UnauthorizedError('Wrong or already used code');
    }
    await deps.lockout.succeed(key);
    // Conditional on the version read: two sign-ins racing with one code or one recovery code cannot both pass.
    const saved = await deps.users.save(
      {
        ...user,
        two_factor: {
          ...user.two_factor,
          last_step: fresh ? step : user.two_factor.last_step,
          recovery_code_hashes: user.two_factor.recovery_code_hashes.filter((h) => !recovery || h !== recoveryHash),
        },
      },
      user._etag,
      now,
    );
    return startSessionFor(deps, saved, body.token_delivery);
  }

  startGuest(delivery: TokenDelivery): Promise<IssuedSession> {
    const guestId = `gst_${randomToken(16)}`;
    return this.#deps.sessions.start({ id: guestId, role: 'guest', email: null }, delivery, null);
  }

  /** A new token pair for the refresh token of the body, else of the refresh cookie (`SessionRefusedError` when refused). */
  refresh(bodyToken: string | undefined, cookieToken: string | undefined): Promise<IssuedSession> {
    return this.#deps.sessions.refresh({ body: bodyToken, cookie: cookieToken }, async (subjectId) => {
      if (GUEST_ID_PATTERN.test(subjectId))
        return { subject: { id: subjectId, role: 'guest', email: null }, user: null };
      const user = await this.#deps.users.get(subjectId);
      return user ? { subject: { id: user.id, role: user.role, email: user.email }, user: toUser(user) } : undefined;
    });
  }

  logout(caller: Caller): Promise<void> {
    return this.#deps.sessions.end(caller.sessionId);
  }
}

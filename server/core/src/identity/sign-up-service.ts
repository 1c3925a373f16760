import type { InputOf, OperationById } from '@holiday-peak-hub/contract';
import { ConflictError } from '../pipeline/errors.ts';
import { randomToken } from '../platform/random.ts';
import type { WriteContext } from '../platform/write-context.ts';
import { createAccount } from './account-creation.ts';
import type { UserDocument } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { accepted, mayMail, sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import { newAccount } from './new-account.ts';
import { issueOneTimeToken, VERIFICATION_SECONDS } from './one-time-tokens.ts';
import { requireStrongPassword } from './password-policy.ts';

/**
 * Sign-up with email and password. The answer never tells whether the email has an account: a
 * new one and a known one are answered 202 alike (the known one is told by email instead).
 */
export class SignUpService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  async signup(body: InputOf<OperationById<'signup'>>['body'], ctx: WriteContext) {
    const deps = this.#deps;
    const now = deps.clock();
    await requireStrongPassword(deps, body.password, body);
    const passwordHash = await deps.hasher.hash(body.password);
    const existing = await deps.users.getByEmail(body.email);
    const answer = accepted('If this address can be used, a confirmation link is on its way: check your inbox.');
    if (existing) {
      // Not awaited here or below where an answer must not tell known from unknown emails: waiting for
      // the mail relay would make the known ones slower.
      if (await mayMail(deps, body.email)) void sendMail(deps, mails.alreadyRegistered(body.email, deps.links));
      return answer;
    }
    const userId = `usr_${randomToken(16)}`;
    const { token, state } = issueOneTimeToken(userId, now, VERIFICATION_SECONDS);
    const doc: UserDocument = {
      ...newAccount(userId, body.email, body.name, 'customer', now),
      password_hash: passwordHash,
      newsletter_opt_in: body.newsletter_opt_in,
      email_verification: state,
    };
    try {
      await createAccount(deps, doc, 'signup', ctx);
    } catch (err) {
      // Lost a race for the same email: the same answer as for an existing account.
      if (err instanceof ConflictError) return answer;
      throw err;
    }
    await sendMail(deps, mails.verifyEmail(doc.email, doc.name, token, deps.links));
    return answer;
  }
}

import type { MailMessage } from '../platform/mail/mailer.ts';
import type { IdentityDeps } from './identity-deps.ts';

/**
 * Sends an email of an identity flow. A mail relay failure must not turn into an answer that
 * differs between known and unknown addresses (which would leak which emails have accounts), so
 * it is logged, not thrown; the user can ask again.
 */
export async function sendMail(deps: Pick<IdentityDeps, 'mailer' | 'logger'>, message: MailMessage): Promise<void> {
  try {
    await deps.mailer.send(message);
  } catch (err) {
    deps.logger.error({ err, subject: message.subject }, 'mail: sending failed');
  }
}

/** At most a few emails per address and hour, whoever asks: nobody can flood an inbox through us. */
export async function mayMail(deps: Pick<IdentityDeps, 'mailLimiter'>, email: string): Promise<boolean> {
  return (await deps.mailLimiter.consume(`mail:${email}`)).allowed;
}

/** The answer of the requests that must not tell whether an email has an account (202). */
export const accepted = (message: string) => ({ status: 'accepted' as const, message });

import type { MailMessage } from '@holiday-peak-hub/core';
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

import { UnprocessableError } from '../pipeline/errors.ts';
import type { IdentityDeps } from './identity-deps.ts';

/** 422 naming why, when a new password is guessable (counting the owner's name and email). */
export async function requireStrongPassword(
  deps: Pick<IdentityDeps, 'checkStrength'>,
  password: string,
  owner: { email: string; name: string },
): Promise<void> {
  const verdict = await deps.checkStrength(password, [owner.email, owner.email.split('@')[0] ?? '', owner.name]);
  if (!verdict.ok) {
    throw new UnprocessableError('The password is too easy to guess', {
      field: 'password',
      score: verdict.score,
      warning: verdict.warning,
      suggestions: verdict.suggestions,
    });
  }
}

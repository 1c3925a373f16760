import type { PasswordStrengthCheck } from '../ports.ts';

const COMMON = new Set(
  (
    'password password1 password123 passw0rd 12345678 123456789 1234567890 87654321 11111111 00000000 ' +
    'qwertyui qwerty123 qwertyuiop asdfghjk iloveyou letmein1 welcome1 sunshine princess football ' +
    'baseball superman trustno1 abcdefgh abc12345 changeme christmas'
  ).split(' '),
);

const SUGGESTIONS = ['Add another word or two. Uncommon words are better.'];

/** The words of the user's own details (name, email local part and domain) a password must not lean on. */
function personalWords(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3);
}

/** Why a new password is too guessable, or null. */
function weakness(password: string, inputs: readonly string[]): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'This is a very common password.';
  if (new Set(lower).size < 5) return 'Repeated characters are easy to guess.';
  let rest = lower;
  for (const word of personalWords(inputs)) rest = rest.split(word).join('');
  if (rest.length < 8 && rest.length < lower.length) return 'Your name or email address is easy to guess.';
  return null;
}

/**
 * A small, browser-safe stand-in for the server's zxcvbn check (which needs megabytes of
 * dictionaries): it refuses common passwords, passwords of few distinct characters, and passwords
 * that are mostly the user's own name or email, with a zxcvbn-like verdict (score 0 for a common
 * password, else 1). The server refuses more.
 */
export function createRuleBasedStrengthCheck(): PasswordStrengthCheck {
  return (password, userInputs) => {
    const warning = weakness(password, userInputs);
    if (warning === null) return { ok: true, score: 3, warning: null, suggestions: [] };
    return { ok: false, score: COMMON.has(password.toLowerCase()) ? 0 : 1, warning, suggestions: [...SUGGESTIONS] };
  };
}

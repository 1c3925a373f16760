import { MockHttpError } from '../http/mock-error.ts';

const COMMON = new Set(
  (
    'password password1 password123 passw0rd 12345678 123456789 1234567890 87654321 11111111 00000000 ' +
    'qwertyui qwerty123 qwertyuiop asdfghjk iloveyou letmein1 welcome1 sunshine princess football ' +
    'baseball superman trustno1 abcdefgh abc12345 changeme christmas'
  ).split(' '),
);

/** The words of the user's own details (name, email local part and domain) a password must not lean on. */
function personalWords(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3);
}

/**
 * Why a new password is too guessable, or `null`. A small stand-in for the server's zxcvbn check
 * (score 3 or more): it refuses common passwords, passwords with few distinct characters, and
 * passwords that are mostly the user's own name or email. The server refuses more.
 */
export function passwordWeakness(password: string, inputs: readonly string[]): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'This is a very common password.';
  if (new Set(lower).size < 5) return 'Repeated characters are easy to guess.';
  let rest = lower;
  for (const word of personalWords(inputs)) rest = rest.split(word).join('');
  if (rest.length < 8 && rest.length < lower.length) return 'Your name or email address is easy to guess.';
  return null;
}

/**
 * 422 when the password is too guessable, with the server's details (`field: password`, a zxcvbn-like
 * `score` below 3, `warning`, `suggestions`).
 */
export function checkNewPassword(password: string, inputs: readonly string[]): void {
  const warning = passwordWeakness(password, inputs);
  if (warning === null) return;
  throw new MockHttpError('UNPROCESSABLE_ENTITY', 'The password is too easy to guess', {
    field: 'password',
    score: COMMON.has(password.toLowerCase()) ? 0 : 1,
    warning,
    suggestions: ['Add another word or two. Uncommon words are better.'],
  });
}

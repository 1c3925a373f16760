import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import type { StrengthVerdict } from '@holiday-peak-hub/core';

/**
 * zxcvbn matches user inputs as whole dictionary words, so `john.doe@example.com` alone does not
 * catch `john.doe2026!`. Each input is therefore also offered as its e-mail local part and domain,
 * its words, and those words joined the ways people join them.
 */
function expandUserInputs(inputs: readonly string[]): string[] {
  const expanded = new Set<string>();
  for (const input of inputs) {
    const value = input.trim().toLowerCase();
    const at = value.lastIndexOf('@');
    const parts = at > 0 ? [value, value.slice(0, at), value.slice(at + 1)] : [value];
    for (const part of parts) {
      const words = part.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1);
      for (const variant of [part, ...words, ...['', '.', '_', '-'].map((joint) => words.join(joint))]) {
        if (variant.length > 1) expanded.add(variant);
      }
    }
  }
  return [...expanded];
}

const MAX_CHECKED_LENGTH = 64;

/**
 * The server-side check of a new password: zxcvbn's estimate against common passwords, English
 * words and names, keyboard patterns and the user's own details. Levenshtein matching stays off:
 * it makes one check take ~0.5 s of CPU, which a registration endpoint cannot afford. Synchronous
 * and CPU-bound: the server runs it on worker threads (`password-strength-pool.ts`), never on the
 * event loop.
 */
export function createPasswordStrengthChecker(
  options: { minScore?: 0 | 1 | 2 | 3 | 4 } = {},
): (password: string, userInputs?: readonly string[]) => StrengthVerdict {
  const minScore = options.minScore ?? 3;
  // Built once per checker: ranking the dictionaries costs a few hundred milliseconds.
  const zxcvbn = new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  return (password, userInputs = []) => {
    // zxcvbn's time grows steeply with length (0.4–0.8 s for 64 random characters, more for some longer
    // inputs); the first 64 characters decide: a password strong there stays strong.
    const { score, feedback } = zxcvbn.check(password.slice(0, MAX_CHECKED_LENGTH), expandUserInputs(userInputs));
    return { ok: score >= minScore, score, warning: feedback.warning, suggestions: feedback.suggestions };
  };
}

import { describe, expect, it } from 'vitest';
import { createPasswordStrengthChecker } from './password-strength.ts';

const check = createPasswordStrengthChecker();

describe('createPasswordStrengthChecker', () => {
  it('refuses common passwords with an English warning and suggestions', () => {
    const verdict = check('password1');
    expect(verdict).toMatchObject({ ok: false, score: 0 });
    expect(verdict.warning).toMatch(/commonly used password/i);
    expect(verdict.suggestions.length).toBeGreaterThan(0);
  });

  it('refuses keyboard patterns and dictionary words', () => {
    expect(check('qwertyuiop').ok).toBe(false);
    expect(check('Christmas2026').ok).toBe(false);
  });

  it('accepts long random and passphrase passwords', () => {
    expect(check('hP9#vQ2!xLm7')).toEqual({ ok: true, score: 4, warning: null, suggestions: [] });
    expect(check('correct horse battery staple').ok).toBe(true);
  });

  it("scores a password built from the user's own e-mail and name low", () => {
    expect(check('john.doe2026!').ok).toBe(true); // strong for a stranger...
    const verdict = check('john.doe2026!', ['john.doe@example.com', 'John Doe']);
    expect(verdict.ok).toBe(false); // ...weak for John Doe
    expect(verdict.score).toBeLessThan(3);
    expect(check('JohnDoe2026!', ['john.doe@example.com', 'John Doe']).ok).toBe(false);
    expect(check('hP9#vQ2!xLm7', ['john.doe@example.com', 'John Doe']).ok).toBe(true);
  });

  it('honours another minimum score', () => {
    const lenient = createPasswordStrengthChecker({ minScore: 1 });
    const score = check('johnsmith2026').score;
    expect(score).toBeGreaterThanOrEqual(1);
    expect(score).toBeLessThan(3);
    expect(lenient('johnsmith2026').ok).toBe(true);
    expect(check('johnsmith2026').ok).toBe(false);
  });
});

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { createRuleBasedStrengthCheck } from './rule-based-strength-check.ts';

const check = createRuleBasedStrengthCheck();

describe('the rule-based strength check (the core’s stand-in for zxcvbn)', () => {
  it.each([
    ['password123', [], 'This is a very common password.', 0],
    ['aaaabbbb', [], 'Repeated characters are easy to guess.', 1],
    ['janedoe2026', ['Jane Doe', 'jane@example.com'], 'Your name or email address is easy to guess.', 1],
    ['example.com!!', ['Jane Doe', 'jane@example.com'], 'Your name or email address is easy to guess.', 1],
  ])('refuses %s', (password, inputs, warning, score) => {
    expect(check(password, inputs)).toEqual({
      ok: false,
      score,
      warning,
      suggestions: ['Add another word or two. Uncommon words are better.'],
    });
  });

  it.each([
    ['correct-horse-battery-staple', ['Jane Doe', 'jane@example.com']],
    ['janedoe-skates-at-dawn', ['Jane Doe', 'jane@example.com']],
    ...DEMO_ACCOUNTS.map((demo) => [DEMO_PASSWORD, [demo.name, demo.email]] as [string, string[]]),
  ])('accepts %s', (password, inputs) => {
    expect(check(password, inputs)).toMatchObject({ ok: true, warning: null });
  });
});

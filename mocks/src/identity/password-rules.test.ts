import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../store/demo-accounts.ts';
import { passwordWeakness } from './password-rules.ts';

describe('passwordWeakness (the mocks’ stand-in for zxcvbn)', () => {
  it.each([
    ['password123', [], 'This is a very common password.'],
    ['aaaabbbb', [], 'Repeated characters are easy to guess.'],
    ['janedoe2026', ['Jane Doe', 'jane@example.com'], 'Your name or email address is easy to guess.'],
    ['example.com!!', ['Jane Doe', 'jane@example.com'], 'Your name or email address is easy to guess.'],
  ])('refuses %s', (password, inputs, warning) => {
    expect(passwordWeakness(password, inputs)).toBe(warning);
  });

  it.each([
    ['correct-horse-battery-staple', ['Jane Doe', 'jane@example.com']],
    ['janedoe-skates-at-dawn', ['Jane Doe', 'jane@example.com']],
    ...DEMO_ACCOUNTS.map((demo) => [DEMO_PASSWORD, [demo.name, demo.email]] as [string, string[]]),
  ])('accepts %s', (password, inputs) => {
    expect(passwordWeakness(password, inputs)).toBeNull();
  });
});

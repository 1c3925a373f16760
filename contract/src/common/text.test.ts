import { describe, expect, it } from 'vitest';
import { AddressInputSchema } from '../identity/schemas/address.ts';
import { ProfileUpdateSchema } from '../identity/schemas/account.ts';
import { SignupSchema } from '../identity/schemas/session.ts';
import { isSafeLink } from './link.ts';
import { isWellFormedText, longText, shortText, textProblem } from './text.ts';

const HIGH = '\uD83D';
const LOW = '\uDCA5';

describe('the free-text rule', () => {
  it.each([
    ['plain text', 'Jane Doe', null, null],
    ['accents and emoji (a valid surrogate pair)', 'Zoë 💥 Café', null, null],
    ['NUL', 'a\u0000b', 'control', 'control'],
    ['bell', 'a\u0007b', 'control', 'control'],
    ['escape', '\u001B[31mred', 'control', 'control'],
    ['DEL', 'a\u007Fb', 'control', 'control'],
    ['C1 (NEL)', 'a\u0085b', 'control', 'control'],
    ['C1 (CSI)', 'a\u009Bb', 'control', 'control'],
    ['line feed', 'a\nb', 'control', null],
    ['carriage return and line feed', 'a\r\nb', 'control', null],
    ['tab', 'a\tb', 'control', null],
    ['vertical tab', 'a\u000Bb', 'control', 'control'],
    ['form feed', 'a\u000Cb', 'control', 'control'],
    ['a lone high surrogate', `a${HIGH}b`, 'surrogate', 'surrogate'],
    ['a lone low surrogate', `a${LOW}b`, 'surrogate', 'surrogate'],
    ['a high surrogate at the end', `ab${HIGH}`, 'surrogate', 'surrogate'],
    ['a low surrogate at the start', `${LOW}ab`, 'surrogate', 'surrogate'],
    ['a reversed pair', `${LOW}${HIGH}`, 'surrogate', 'surrogate'],
  ])('%s', (_label, text, single, multi) => {
    const matches = (problem: string | null, want: string | null) =>
      want === null ? problem === null : problem?.includes(want) === true;
    expect(matches(textProblem(text), single)).toBe(true);
    expect(matches(textProblem(text, { multiline: true }), multi)).toBe(true);
    expect(shortText(100).safeParse(text).success).toBe(single === null);
    expect(longText(100).safeParse(text).success).toBe(multi === null);
  });

  it('agrees with String.prototype.isWellFormed', () => {
    for (const text of ['', 'abc', `${HIGH}${LOW}`, HIGH, LOW, `${HIGH}${HIGH}${LOW}`, `${HIGH}${LOW}${LOW}`]) {
      expect(isWellFormedText(text)).toBe((text as unknown as { isWellFormed(): boolean }).isWellFormed());
    }
  });

  it('is used by names, address lines and sign-up', () => {
    const address = {
      name: 'Jane',
      line1: '1 Main St',
      city: 'Town',
      postal_code: '94102',
      country: 'US',
      state: 'CA',
    };
    for (const field of ['name', 'line1', 'line2', 'city', 'state', 'postal_code', 'phone'] as const) {
      const result = AddressInputSchema.safeParse({ ...address, [field]: 'x\u0000y' });
      expect(result.success, field).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
    expect(
      SignupSchema.safeParse({ name: `Jane${HIGH}`, email: 'j@example.com', password: 'x'.repeat(12) }).success,
    ).toBe(false);
  });
});

describe('date of birth', () => {
  const profile = { name: 'Jane', email: 'j@example.com', phone: null, newsletter_opt_in: false };
  const today = new Date().toISOString().slice(0, 10);
  it.each([
    ['1990-05-15', true],
    ['1900-01-01', true],
    [today, true],
    ['1899-12-31', false],
    ['1000-01-01', false],
    ['2999-01-01', false],
    ['9999-12-31', false],
    ['1990-02-30', false],
    [null, true],
  ])('%s → %s', (date_of_birth, ok) => {
    const result = ProfileUpdateSchema.safeParse({ ...profile, date_of_birth });
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error?.issues[0]?.path).toEqual(['date_of_birth']);
  });
});

describe('links: https or site-relative', () => {
  it.each([
    ['https://cdn.example.com/a.jpg', true],
    ['/deals/winter', true],
    ['/', true],
    ['/search?q=a%20b#top', true],
    ['//evil.example/x', false],
    ['/\\evil.example', false],
    ['/\\/evil.example', false],
    ['https:///evil.example', false],
    ['https:/\\evil.example', false],
    ['https:\\\\evil.example', false],
    ['http://example.com', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['/a b', false],
    ['/a\tb', false],
    ['/\t/evil.example', false],
    ['/a\u0000', false],
    ['/a\u0085', false],
    ['https://example.com/a\\b', false],
    [`/a${HIGH}`, false],
    ['', false],
    ['deals', false],
  ])('%j → %s', (url, ok) => {
    expect(isSafeLink(url)).toBe(ok);
  });
});

import { describe, expect, it } from 'vitest';
import { Secret } from 'otpauth';
import {
  generateRecoveryCodes,
  generateTotpSecret,
  matchTotp,
  normalizeRecoveryCode,
  totpCode,
  totpUri,
} from './totp.ts';

// RFC 6238 appendix B, SHA-1 rows: the 6-digit codes are the last six digits of the 8-digit ones.
const rfcSecret = Secret.fromLatin1('12345678901234567890').base32;
const rfcVectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];
const at = (seconds: number) => new Date(seconds * 1000);

describe('totpCode', () => {
  it.each(rfcVectors)('matches RFC 6238 at T = %i s', (seconds, eightDigits) => {
    expect(totpCode(rfcSecret, at(seconds))).toBe(eightDigits.slice(-6));
  });

  it('changes every 30 seconds', () => {
    expect(totpCode(rfcSecret, at(60))).toBe(totpCode(rfcSecret, at(89)));
    expect(totpCode(rfcSecret, at(60))).not.toBe(totpCode(rfcSecret, at(90)));
  });
});

describe('matchTotp', () => {
  const now = at(1111111111); // step 37037037
  const step = 37037037;

  it('returns the step of a current code', () => {
    expect(matchTotp(rfcSecret, '050471', now)).toBe(step);
    expect(matchTotp(rfcSecret, '050 471', now)).toBe(step);
  });

  it('accepts the neighbouring steps within the window, and no further', () => {
    const previous = totpCode(rfcSecret, at(1111111111 - 30));
    const next = totpCode(rfcSecret, at(1111111111 + 30));
    const older = totpCode(rfcSecret, at(1111111111 - 60));
    expect(matchTotp(rfcSecret, previous, now)).toBe(step - 1);
    expect(matchTotp(rfcSecret, next, now)).toBe(step + 1);
    expect(matchTotp(rfcSecret, older, now)).toBeNull();
    expect(matchTotp(rfcSecret, older, now, 2)).toBe(step - 2);
    expect(matchTotp(rfcSecret, previous, now, 0)).toBeNull();
  });

  it('refuses wrong and malformed codes', () => {
    expect(matchTotp(rfcSecret, '050472', now)).toBeNull();
    expect(matchTotp(rfcSecret, '50471', now)).toBeNull();
    expect(matchTotp(rfcSecret, '0504710', now)).toBeNull();
    expect(matchTotp(rfcSecret, 'abcdef', now)).toBeNull();
    expect(matchTotp(rfcSecret, '', now)).toBeNull();
  });

  it('does not look before the epoch', () => {
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, at(0)), at(10))).toBe(0);
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, at(30)), at(10))).toBe(1);
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, at(-30)), at(10))).toBeNull();
  });
});

describe('generateTotpSecret', () => {
  it('is unpadded base32 of 20 random bytes', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe('totpUri', () => {
  it('follows the Key URI Format with every part encoded', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'ann+1@example.com', 'Holiday Peak Hub');
    expect(uri.startsWith('otpauth://totp/Holiday%20Peak%20Hub:ann%2B1%40example.com?')).toBe(true);
    const parsed = new URL(uri);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Holiday Peak Hub',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(uri).toContain('issuer=Holiday%20Peak%20Hub');
    expect(parsed.host).toBe('totp');
    expect(decodeURIComponent(parsed.pathname)).toBe('/Holiday Peak Hub:ann+1@example.com');
  });
});

describe('recovery codes', () => {
  it('makes ten distinct xxxxx-xxxxx codes by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('draws from all 32 symbols (5 bits each, 50 per code)', () => {
    const symbols = new Set(generateRecoveryCodes(200).join('').replaceAll('-', ''));
    expect(symbols.size).toBe(32);
  });

  it('normalizes what users type', () => {
    expect(normalizeRecoveryCode(' ABCDE - fgh2j ')).toBe('abcdefgh2j');
    expect(normalizeRecoveryCode('abcde-fgh2j')).toBe(normalizeRecoveryCode('ABCDEFGH2J'));
  });
});

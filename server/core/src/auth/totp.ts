/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) by the maintained `otpauth` package,
 * with the parameters every authenticator app supports — HMAC-SHA1, 6 digits, 30-second steps —
 * and recovery codes for users who lose their device.
 */
import { randomInt } from '../platform/random.ts';
import { Secret, TOTP } from 'otpauth';

const ALGORITHM = 'SHA1';
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** RFC 4226 §4 asks for at least 128 bits and recommends 160: the size of an HMAC-SHA1 key. */
const SECRET_BYTES = 20;
const CODE = /^\d{6}$/;
const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A new shared secret: base32 (RFC 4648) of 20 random bytes, no padding. */
export function generateTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The Key URI Format authenticator apps read from the enrolment QR code. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return new TOTP({
    issuer,
    label: account,
    issuerInLabel: true,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  }).toString();
}

const parameters = (secret: string, at: Date) => ({
  secret: Secret.fromBase32(secret),
  algorithm: ALGORITHM,
  digits: DIGITS,
  period: PERIOD_SECONDS,
  timestamp: at.getTime(),
});

/** The 6-digit code for that instant. */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate(parameters(secret, at));
}

/**
 * The time step (counter) the code matches within ±window steps of `at`, or null. Callers store the last used step to refuse replays.
 * The window absorbs clock drift between phone and server; spaces (apps show `123 456`) are ignored.
 * Codes are compared in constant time; steps before the Unix epoch never match.
 */
export function matchTotp(secret: string, code: string, at: Date, window = 1): number | null {
  const token = code.replace(/\s/g, '');
  if (!CODE.test(token)) return null;
  const delta = TOTP.validate({ ...parameters(secret, at), token, window });
  if (delta === null) return null;
  const step = TOTP.counter({ period: PERIOD_SECONDS, timestamp: at.getTime() }) + delta;
  return step < 0 ? null : step;
}

/** `xxxxx-xxxxx` from the lower-case base32 alphabet: 10 symbols × 5 bits = 50 bits each. */
export function generateRecoveryCodes(count = 10): string[] {
  const half = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: count }, () => `${half()}-${half()}`);
}

/** Lower-case, without spaces and dashes, so users may type them loosely; hash this form. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with the parameters every
 * authenticator app supports — HMAC-SHA1, 6 digits, 30-second steps — and recovery codes for
 * users who lose their device.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.ts';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** RFC 4226 §4 asks for at least 128 bits and recommends 160: the size of an HMAC-SHA1 key. */
const SECRET_BYTES = 20;
const CODE = /^\d{6}$/;
const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A new shared secret: base32 of 20 random bytes, no padding. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** The Key URI Format authenticator apps read from the enrolment QR code. */
export function totpUri(secret: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = Object.entries({ secret, issuer, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS })
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `otpauth://totp/${label}?${query}`;
}

function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS);
}

/** RFC 4226 §5.3: HMAC of the 8-byte big-endian counter, dynamically truncated to 31 bits. */
function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac.readUInt8(mac.length - 1) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The 6-digit code for that instant. */
export function totpCode(secret: string, at: Date): string {
  return hotp(base32Decode(secret), stepAt(at));
}

/**
 * The time step (counter) the code matches within ±window steps of `at`, or null. Callers store the last used step to refuse replays.
 * The window absorbs clock drift between phone and server; spaces (apps show `123 456`) are ignored.
 */
export function matchTotp(secret: string, code: string, at: Date, window = 1): number | null {
  const presented = code.replace(/\s/g, '');
  if (!CODE.test(presented)) return null;
  const key = base32Decode(secret);
  const expected = Buffer.from(presented);
  const now = stepAt(at);
  let matched: number | null = null;
  // Every step in the window is computed and compared, so the time taken says nothing about which one matched.
  for (let step = now - window; step <= now + window; step++) {
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(key, step)), expected);
    if (equal && matched === null) matched = step;
  }
  return matched;
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

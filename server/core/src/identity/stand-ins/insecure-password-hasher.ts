import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { base64url, constantTimeEqual, randomBytes } from '../../platform/random.ts';
import type { PasswordHasher } from '../ports.ts';

const FORMAT = /^sha256\$([A-Za-z0-9_-]{22})\$([0-9a-f]{64})$/;
const SALT_BYTES = 16;

function digest(password: string, salt: string): string {
  return bytesToHex(sha256(concatBytes(utf8ToBytes(salt), utf8ToBytes(password.normalize('NFKC')))));
}

/**
 * NOT FOR PRODUCTION. One salted sha256 (`sha256$<salt>$<hex>`): cheap and browser-safe, for the
 * mocks and unit tests, where the server's scrypt (Node only, 16 MiB and tens of milliseconds a
 * hash) would only slow things down. A sha256 is guessed billions of times a second on a GPU: a
 * store of these hashes protects no password. The server hashes with scrypt (`createScryptHasher`).
 */
export function createInsecurePasswordHasher(): PasswordHasher {
  const hash = (password: string): Promise<string> => {
    const salt = base64url(randomBytes(SALT_BYTES));
    return Promise.resolve(`sha256$${salt}$${digest(password, salt)}`);
  };
  const verify = (password: string, stored: string): Promise<boolean> => {
    const match = FORMAT.exec(stored);
    return Promise.resolve(match?.[1] !== undefined && constantTimeEqual(digest(password, match[1]), match[2] ?? ''));
  };
  const dummy = `sha256$${'A'.repeat(22)}$${'0'.repeat(64)}`;
  return {
    hash,
    verify,
    async verifyDummy(password) {
      await verify(password, dummy);
      return false;
    },
    needsRehash: (stored) => !FORMAT.test(stored),
  };
}

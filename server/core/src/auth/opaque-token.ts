import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { base64url, randomBytes } from '../platform/random.ts';

/** A random secret (256 bits by default), base64url. */
export function newOpaqueToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}

/** What is stored of a secret: its sha256, hex. */
export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)));
}

import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const INFO = utf8ToBytes('holiday-peak-hub refresh grace v1');

/** A key stream as long as the sealed text, derived from the secret that unseals it. */
function keyStream(key: string, length: number): Uint8Array {
  return hkdf(sha256, utf8ToBytes(key), undefined, INFO, length);
}

function xor(bytes: Uint8Array, stream: Uint8Array): Uint8Array {
  return bytes.map((byte, i) => byte ^ (stream[i] ?? 0));
}

/**
 * Seals `secret` (a refresh secret, at most 255 × 32 bytes) so that only a holder of `key` (the
 * refresh secret it replaces) can read it; hex. The store keeps the sealed value and only a hash of
 * `key`, so reading the store reveals nothing usable. The key stream is HKDF-SHA-256 of the
 * 256-bit random key and XORed once: each refresh secret is rotated away once, so it seals once.
 * There is no tag: the unsealed secret is checked against the stored hash of the current secret.
 */
export function sealSecret(secret: string, key: string): string {
  const bytes = utf8ToBytes(secret);
  return bytesToHex(xor(bytes, keyStream(key, bytes.length)));
}

/** The secret `sealSecret(secret, key)` sealed. */
export function unsealSecret(sealed: string, key: string): string {
  const bytes = hexToBytes(sealed);
  return new TextDecoder().decode(xor(bytes, keyStream(key, bytes.length)));
}

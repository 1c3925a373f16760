import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Emails and social sign-in identities are unique across accounts through a claim each, found by
 * an id derived from what it claims (on Cosmos DB, a claim document whose id is also its partition
 * key: a point read finds the account, a second claim is a 409 on create). The ids must never
 * change: stored claims are looked up by them.
 */
const digest = (text: string) => bytesToHex(sha256(utf8ToBytes(text))).slice(0, 40);

/** The id of an email's claim (case-insensitive). */
export function emailClaimId(email: string): string {
  return `email_${digest(email.toLowerCase())}`;
}

/** The id of the claim of a social sign-in identity (provider and its subject). */
export function identityClaimId(provider: string, subject: string): string {
  return `idp_${digest(`${provider}\n${subject}`)}`;
}

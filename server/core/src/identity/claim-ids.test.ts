import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailClaimId, identityClaimId } from './claim-ids.ts';

// The ids of the claims already stored were made with node:crypto: they must not change.
const nodeDigest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

describe('claim ids', () => {
  it.each(['ann@example.com', 'Ann@Example.COM', 'zoë@exämple.com'])('of the email %s, as before', (email) => {
    expect(emailClaimId(email)).toBe(`email_${nodeDigest(email.toLowerCase())}`);
  });

  it('of a social identity, as before', () => {
    expect(identityClaimId('google', '1234')).toBe(`idp_${nodeDigest('google\n1234')}`);
    expect(identityClaimId('google', '1234')).not.toBe(identityClaimId('microsoft', '1234'));
  });
});

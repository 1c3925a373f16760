import { describe, expect, it } from 'vitest';
import { issueOneTimeToken, redeemable, userIdOfToken } from './one-time-tokens.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const USER = 'usr_abcdefghij012345';

describe('one-time tokens of emailed links', () => {
  it('is redeemable with its secret until it expires', () => {
    const { token, state } = issueOneTimeToken(USER, NOW, 60);
    const parsed = userIdOfToken(token);
    expect(parsed?.userId).toBe(USER);
    expect(redeemable(state, parsed?.secret ?? '', NOW)).toBe(true);
    expect(redeemable(state, parsed?.secret ?? '', new Date(NOW.getTime() + 60_000))).toBe(false);
    expect(redeemable(state, `${parsed?.secret ?? ''}x`, NOW)).toBe(false);
    expect(redeemable(null, parsed?.secret ?? '', NOW)).toBe(false);
  });

  it.each(['', 'no-dot', `.${'s'.repeat(30)}`, `usr_x.${'s'.repeat(30)}`, `${USER}.short`])(
    'reads no user from %j',
    (token) => {
      expect(userIdOfToken(token)).toBeUndefined();
    },
  );
});

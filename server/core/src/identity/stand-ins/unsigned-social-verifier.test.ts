import { describe, expect, it } from 'vitest';
import { UnauthorizedError, UnprocessableError } from '../../pipeline/errors.ts';
import { createUnsignedSocialVerifier, readUnsignedIdToken, unsignedIdToken } from './unsigned-social-verifier.ts';

describe('the unsigned social verifier (the mocks’ stand-in for the providers’ keys)', () => {
  const verify = createUnsignedSocialVerifier();

  it('reads who signed in, the email lower-cased, vouched for only when the token says so', async () => {
    const token = unsignedIdToken({ sub: 'g-1', email: 'Ann@Example.com', email_verified: true, name: 'Ann' });
    expect(await verify('google', token)).toEqual({
      provider: 'google',
      subject: 'g-1',
      email: 'ann@example.com',
      emailVerified: true,
      name: 'Ann',
    });
    expect(await verify('microsoft', unsignedIdToken({ sub: 'm-1', email: 'a@b.c' }))).toEqual({
      provider: 'microsoft',
      subject: 'm-1',
      email: 'a@b.c',
      emailVerified: false,
      name: null,
    });
  });

  it('refuses what is not a JWT with a subject (401), and a provider it does not offer (422)', async () => {
    await expect(verify('google', 'not.a.valid-google-id-token')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(verify('google', unsignedIdToken({ sub: '' }))).rejects.toThrow('The google ID token is not valid');
    const googleOnly = createUnsignedSocialVerifier(['google']);
    await expect(googleOnly('microsoft', unsignedIdToken({ sub: 'm' }))).rejects.toBeInstanceOf(UnprocessableError);
  });

  it('reads the claims the mocks read', () => {
    expect(readUnsignedIdToken(unsignedIdToken({ sub: 's', email_verified: false }))).toEqual({
      sub: 's',
      email_verified: false,
    });
    expect(readUnsignedIdToken('a.%%%.c')).toBeUndefined();
  });
});

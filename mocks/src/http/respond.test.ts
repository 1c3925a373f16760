import { describe, expect, it } from 'vitest';
import { setCookieOf, type MockCookie } from './respond.ts';

const cookie: MockCookie = {
  name: 'hph_access',
  value: 'mock.session.x.1',
  path: '/',
  maxAgeSeconds: 900,
  sameSite: 'Lax',
};

describe('setCookieOf', () => {
  it('is HttpOnly with its path, age and SameSite; Secure only over https', () => {
    expect(setCookieOf(cookie, new URL('http://localhost:5173/api/auth/login'))).toBe(
      'hph_access=mock.session.x.1; Path=/; Max-Age=900; HttpOnly; SameSite=Lax',
    );
    expect(setCookieOf({ ...cookie, sameSite: 'Strict' }, new URL('https://shop.example/api/auth/login'))).toBe(
      'hph_access=mock.session.x.1; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure',
    );
  });
});

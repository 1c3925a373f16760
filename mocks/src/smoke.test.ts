import { describe, expect, it } from 'vitest';
import { call, json, useMockApi } from './test-support.ts';

describe('the mocks run the core', () => {
  useMockApi();
  it('lists products, signs in and reads the account', async () => {
    const list = await call('GET', '/api/products?limit=2');
    expect(list.status).toBe(200);
    const login = await call('POST', '/api/auth/login', {
      body: { email: 'customer@holidaypeakhub.dev', password: 'HolidayPeak!2026', token_delivery: 'body' },
    });
    expect(login.status).toBe(200);
    const token = (await json<{ tokens: { access_token: string } }>(login)).tokens.access_token;
    const me = await call('GET', '/api/users/me', { bearer: token });
    expect(me.status).toBe(200);
    expect((await json(me)).email).toBe('customer@holidaypeakhub.dev');
    const fixed = await call('GET', '/api/users/me', { token: 'staff' });
    expect((await json(fixed)).role).toBe('staff');
  });
});

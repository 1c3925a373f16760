import * as contract from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { SESSION_OPERATION_PATHS, sessionOperationOf } from './session-operations.ts';

describe('session operations', () => {
  it('are the contract operations that start, renew and end a session (all POST)', () => {
    const expected = [
      [contract.login, 'sign-in'],
      [contract.loginTwoFactor, 'sign-in'],
      [contract.socialSignIn, 'sign-in'],
      [contract.startGuestSession, 'sign-in'],
      [contract.refreshSession, 'refresh'],
      [contract.logout, 'sign-out'],
    ] as const;
    expect([...SESSION_OPERATION_PATHS]).toEqual(expected.map(([operation, kind]) => [operation.path, kind]));
    expect(new Set(expected.map(([operation]) => operation.method))).toEqual(new Set(['post']));
  });

  it.each([
    ['POST', 'http://api.test/api/auth/login', '', 'sign-in'],
    ['POST', 'http://api.test/v1/api/auth/refresh', '/v1', 'refresh'],
    ['POST', 'http://api.test/api/auth/refresh', '/v1', undefined],
    ['POST', 'http://api.test/v1/api/auth/logout?x=1', '/v1', 'sign-out'],
    ['GET', 'http://api.test/api/auth/login', '', undefined],
    ['POST', 'http://api.test/api/auth/signup', '', undefined],
    ['POST', 'http://api.test/api/auth/login/2fa/extra', '', undefined],
    ['POST', 'http://api.test/api/auth/social/google', '', 'sign-in'],
    ['POST', 'http://api.test/api/auth/social/google/x', '', undefined],
    ['GET', 'http://api.test/api/auth/providers', '', undefined],
  ] as const)('%s %s (base path %j) is %s', (method, url, basePath, kind) => {
    expect(sessionOperationOf(new Request(url, { method }), basePath)).toBe(kind);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidRequestId, REQUEST_ID_PATTERN } from './request-id.ts';

describe('request id format', () => {
  it('keeps letters, digits, dot, underscore and hyphen, 1 to 128 of them', () => {
    for (const id of ['a', 'req_123', 'trace-1.2_X', 'x'.repeat(128)]) expect(isValidRequestId(id), id).toBe(true);
  });
  it('refuses anything else, a colon included', () => {
    for (const id of ['', 'x'.repeat(129), 'a:b', 'a b', 'a/b', 'é', null, undefined]) {
      expect(isValidRequestId(id), String(id)).toBe(false);
    }
    expect(REQUEST_ID_PATTERN.test('a:b')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isJsonMediaType } from './media-type.ts';

describe('isJsonMediaType', () => {
  it('accepts application/json with or without parameters, in any case', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON ;charset=UTF-8']) {
      expect(isJsonMediaType(type), type).toBe(true);
    }
  });
  it('refuses every other media type and a missing header', () => {
    for (const type of [
      'application/merge-patch+json',
      'application/jsonp',
      'text/json',
      'text/plain',
      '',
      null,
      undefined,
    ]) {
      expect(isJsonMediaType(type), String(type)).toBe(false);
    }
  });
});

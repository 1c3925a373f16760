import { ERROR_STATUS as CONTRACT_ERROR_STATUS } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { codeForStatus, ERROR_STATUS } from './error-status.ts';

describe('error status table', () => {
  it('is the contract table', () => {
    expect(ERROR_STATUS).toEqual(CONTRACT_ERROR_STATUS);
  });

  it.each([
    [404, 'RESOURCE_NOT_FOUND'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'UNPROCESSABLE_ENTITY'],
    [502, 'SERVICE_UNAVAILABLE'],
    [0, 'SERVICE_UNAVAILABLE'],
    [418, 'INVALID_REQUEST'],
    [200, 'INTERNAL_SERVER_ERROR'],
  ] as const)('names status %i %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

/** The guard of the test run (support/declared-statuses.global.ts): what counts as declared. */
import { operations, type Operation } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { declaredStatuses, undeclaredIn } from './support/declared-statuses.global.ts';

const operationById = (id: string): Operation => operations.find((op) => op.operationId === id)!;
const line = (operationId: string, status: number) => JSON.stringify({ operationId, status });

describe('declared statuses', () => {
  it('success statuses, 304 for cached reads, and the statuses of every error code', () => {
    const inventory = declaredStatuses(operationById('getProductInventory'));
    for (const status of [200, 304, 400, 404, 500, 503]) expect(inventory.has(status)).toBe(true);
    expect(inventory.has(412)).toBe(false);
    expect(declaredStatuses(operationById('updatePreferences')).has(412)).toBe(false);
    expect(declaredStatuses(operationById('setVariantStock')).has(412)).toBe(true);
  });

  it('lists each undeclared answer once, with how often it was seen', () => {
    const lines = [
      line('updatePreferences', 200),
      line('updatePreferences', 412),
      line('updatePreferences', 412),
      line('getProductInventory', 304),
      line('getProductInventory', 401), // a known gap: a bad bearer token on a public operation
      line('noSuchOperation', 200),
      '',
    ];
    expect(undeclaredIn(lines)).toEqual(['noSuchOperation 200 (no such operation) × 1', 'updatePreferences 412 × 2']);
  });
});

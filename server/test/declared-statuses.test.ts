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

  it('orders and payments: what their flows answer is declared, and a stranger’s order can only be a 404', () => {
    const statuses = (id: string) => [...declaredStatuses(operationById(id))];
    expect(statuses('placeOrder')).toEqual(expect.arrayContaining([201, 400, 401, 409, 422, 503]));
    expect(statuses('placeOrder')).not.toContain(200);
    expect(statuses('confirmPayment')).toEqual(expect.arrayContaining([200, 402, 404, 409]));
    expect(statuses('refundPayment')).toEqual(expect.arrayContaining([403, 404, 409, 422]));
    for (const id of ['getOrder', 'getOrderTracking']) expect(statuses(id)).not.toContain(403);
    // A webhook never tells whether an order or intent exists.
    for (const status of [402, 404, 409]) expect(statuses('receivePaymentWebhook')).not.toContain(status);
    expect(statuses('receivePaymentWebhook')).toContain(400);
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

import { PaymentMethodCreateSchema } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { createIdentityStore } from './identity-store.ts';

describe('identity store ids', () => {
  it('are of the contract shape and never read as a card number (a card may be billed to any address)', () => {
    const identity = createIdentityStore();
    const refused: string[] = [];
    for (let n = 0; n < 5000; n += 1) {
      const id = identity.nextId('adr');
      expect(id).toMatch(/^adr_[a-z0-9]{16}$/);
      const body = { provider_token: 'pm_card_visa', billing_address_id: id };
      if (!PaymentMethodCreateSchema.safeParse(body).success) refused.push(id);
    }
    expect(refused).toEqual([]);
  });
});

import type { PaymentMethod } from '@holiday-peak-hub/contract';

type Card = Pick<PaymentMethod, 'brand' | 'last4' | 'exp_month' | 'exp_year'>;

/**
 * The Stripe test PaymentMethods the mocks know, as Stripe describes them. Any other `pm_…` token is
 * unknown to the mock provider (422), as a token from another Stripe account would be.
 */
export const TEST_CARDS: Readonly<Record<string, Card>> = {
  pm_card_visa: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2030 },
  pm_card_amex: { brand: 'amex', last4: '0005', exp_month: 12, exp_year: 2030 },
  pm_card_discover: { brand: 'discover', last4: '1117', exp_month: 12, exp_year: 2030 },
};

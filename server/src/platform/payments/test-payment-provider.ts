import type { CardDetails, PaymentProvider } from './payment-provider.ts';

/**
 * The embedded default's payment provider: Stripe's documented test PaymentMethods
 * (`pm_card_visa`, …) with their brands and last four digits; any other token is unknown, as a
 * token from another Stripe account would be.
 */
const TEST_CARDS: Readonly<Record<string, Omit<CardDetails, 'exp_month' | 'exp_year'>>> = {
  pm_card_visa: { brand: 'visa', last4: '4242' },
  pm_card_visa_debit: { brand: 'visa', last4: '5556' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444' },
  pm_card_amex: { brand: 'amex', last4: '8431' },
  pm_card_discover: { brand: 'discover', last4: '1117' },
};

export function createTestPaymentProvider(now: () => Date): PaymentProvider {
  return {
    describeCard(token) {
      const card = TEST_CARDS[token];
      return Promise.resolve(card ? { ...card, exp_month: 12, exp_year: now().getUTCFullYear() + 3 } : undefined);
    },
  };
}

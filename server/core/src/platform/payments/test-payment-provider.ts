import { stripeTestCard } from '@holiday-peak-hub/contract/fixtures';
import type { PaymentProvider } from './payment-provider.ts';

/**
 * The embedded default's payment provider: Stripe's test PaymentMethods (the shared fixture the
 * mocks answer too); any other token is unknown, as a token from another Stripe account would be.
 */
export function createTestPaymentProvider(now: () => Date): PaymentProvider {
  return { describeCard: (token) => Promise.resolve(stripeTestCard(token, now())) };
}

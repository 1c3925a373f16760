import Stripe from 'stripe';
import { createStripeClient, type StripeClientOptions } from './stripe-client.ts';
import type { CardDetails, PaymentProvider } from '@holiday-peak-hub/core';

export type StripeOptions = StripeClientOptions;

/**
 * Stripe: reads the card behind a PaymentMethod id made by Stripe.js (brand, last four, expiry).
 * An id Stripe does not know (another account's, or made up) reads as undefined; any other
 * failure (network, authentication, rate limit) propagates and becomes a 500/503, never a saved card.
 */
export function createStripePaymentProvider(options: StripeOptions): PaymentProvider {
  const stripe = createStripeClient(options);
  return {
    async describeCard(token): Promise<CardDetails | undefined> {
      try {
        const method = await stripe.paymentMethods.retrieve(token);
        if (method.type !== 'card' || !method.card) return undefined;
        const { brand, last4, exp_month, exp_year } = method.card;
        return { brand, last4, exp_month, exp_year };
      } catch (err) {
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return undefined;
        throw err;
      }
    },
  };
}

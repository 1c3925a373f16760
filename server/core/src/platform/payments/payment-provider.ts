/** A saved card as the payment provider describes it: never its number. */
export interface CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
}

/** The payment provider (Stripe) as the API uses it for saved cards. */
export interface PaymentProvider {
  /** The card behind a provider PaymentMethod token; undefined when the provider does not know it. */
  describeCard(paymentMethodToken: string): Promise<CardDetails | undefined>;
}

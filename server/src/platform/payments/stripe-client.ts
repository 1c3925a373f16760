import Stripe from 'stripe';

export interface StripeClientOptions {
  /** `sk_…` or `rk_…` (STRIPE_SECRET_KEY). */
  secretKey: string;
  /** Another API base (STRIPE_API_BASE: a local fake or a proxy); Stripe's own by default. */
  apiBase?: string | undefined;
}

/**
 * The one way the server makes a Stripe client (saved cards and order payments): short timeouts and
 * two network retries instead of the client's 80 s, no telemetry, and the API base of the
 * configuration when one is set. `overrides` come last (tests shorten the timeout further).
 */
export function createStripeClient(options: StripeClientOptions, overrides: Stripe.StripeConfig = {}): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
    ...overrides,
  });
}

import { STRIPE_TEST_PAYMENT_METHODS } from '@holiday-peak-hub/contract/fixtures';
import type { StockReservations, TestPaymentGateway } from '@holiday-peak-hub/core';

/**
 * The checkout situations a UI developer switches on (`api.scenarios.checkout`), read by the
 * gateway and the stock the core is given. Each one changes what really happens underneath (the
 * card the provider is asked to charge, the stock a placement finds), so every answer is still
 * the core's own.
 */
export interface CheckoutSwitches {
  /** The next `times` confirms are charged to this declining test PaymentMethod instead of the card sent. */
  decline: { paymentMethod: string; times: number } | undefined;
  /** The next placements find their first line's variant sold out just before reserving it. */
  sellOuts: number;
}

export const noCheckoutSwitches = (): CheckoutSwitches => ({ decline: undefined, sellOuts: 0 });

/** Each decline code of Stripe's test cards with the test PaymentMethod (`pm_card_…`) that declines with it. */
const DECLINING: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(STRIPE_TEST_PAYMENT_METHODS)
    .filter(([method]) => method.startsWith('pm_'))
    .flatMap(([method, outcome]) => (outcome.outcome === 'declined' ? [[outcome.decline_code, method]] : [])),
);

/** The decline codes `declineNextPayment` takes: `generic_decline`, `insufficient_funds`, `lost_card`, … */
export const MOCK_DECLINE_CODES: readonly string[] = Object.keys(DECLINING).sort();

/** The test PaymentMethod declining with the code; throws naming the codes there are. */
export function decliningPaymentMethod(declineCode: string): string {
  const method = Object.hasOwn(DECLINING, declineCode) ? DECLINING[declineCode] : undefined;
  if (method === undefined) {
    throw new Error(`no test card declines with ${declineCode}: use one of ${MOCK_DECLINE_CODES.join(', ')}`);
  }
  return method;
}

/** The PaymentMethod a confirm is charged to: the forced decline's while one is switched on. */
function chargedMethod(switches: CheckoutSwitches, sent: string): string {
  const { decline } = switches;
  if (!decline) return sent;
  if (decline.times <= 1) switches.decline = undefined;
  else decline.times -= 1;
  return decline.paymentMethod;
}

/** The test gateway, with a forced decline replacing the card of the next confirms. */
export function withForcedDeclines(gateway: TestPaymentGateway, switches: CheckoutSwitches): TestPaymentGateway {
  return {
    webhookSecret: gateway.webhookSecret,
    scenario: gateway.scenario,
    createIntent: (input) => gateway.createIntent(input),
    retrieve: (intentId) => gateway.retrieve(intentId),
    confirm: (intentId, paymentMethod) => gateway.confirm(intentId, chargedMethod(switches, paymentMethod)),
    authenticate: (intentId, outcome) => gateway.authenticate(intentId, outcome),
    capture: (intentId) => gateway.capture(intentId),
    cancel: (intentId) => gateway.cancel(intentId),
    refund: (intentId, amount, key) => gateway.refund(intentId, amount, key),
    parseWebhook: (rawBody, signature) => gateway.parseWebhook(rawBody, signature),
    events: () => gateway.events(),
    signedWebhook: (event) => gateway.signedWebhook(event),
  };
}

/**
 * The catalog's stock reservations, where a switched-on sell-out first sets the variant of the
 * placement's first line to 0 (a real stock write: another shopper took the last units between
 * the cart's pricing and the reservation), so the reservation itself answers it is short.
 */
export function withSellOuts(
  stock: StockReservations,
  switches: CheckoutSwitches,
  sellOut: (productId: string, variantId: string, requestId: string) => Promise<unknown>,
): StockReservations {
  return {
    async reserve(lines, ref) {
      const first = lines[0];
      if (switches.sellOuts > 0 && first) {
        switches.sellOuts -= 1;
        await sellOut(first.product_id, first.variant_id, ref.requestId ?? ref.orderId);
      }
      return stock.reserve(lines, ref);
    },
    release: (lines, ref) => stock.release(lines, ref),
    commit: (lines, ref) => stock.commit(lines, ref),
  };
}

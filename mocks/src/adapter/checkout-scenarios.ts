import { operations, type OperationId } from '@holiday-peak-hub/contract';
import {
  MAX_UNPAID_BATCH,
  runOperation,
  type CoreResponse,
  type Handler,
  type PaymentIntentState,
  type SweepCounts,
} from '@holiday-peak-hub/core';
import { decliningPaymentMethod } from '../wiring/checkout-switches.ts';
import { mockTokens } from '../wiring/fixed-tokens.ts';
import type { MockCore } from '../wiring/mock-core.ts';
import type { MockStore } from '../wiring/mock-store.ts';

/**
 * The checkout's rare screens on demand: a declined card, stock gone, a slow or failing payment
 * provider, a 3-D Secure challenge answered, an order left unpaid. Each acts on what lies under
 * the core (the card charged, the stock, the provider, the clock of the payment window), so the
 * answers the UI then gets are the core's own, as from the server.
 */
export interface CheckoutScenarioControls {
  /**
   * The next confirm (or the next `times`) declines with this decline code whatever card is sent:
   * `402 PAYMENT_DECLINED` with `details.decline_code`, the order still awaiting payment. Codes:
   * those of Stripe's test cards (`MOCK_DECLINE_CODES`); default `generic_decline`.
   */
  declineNextPayment(declineCode?: string, times?: number): void;
  /** Sets a variant's stock to 0 (as staff would): the cart shows the line's `insufficient_stock`, placing is a 422. */
  outOfStock(productId: string, variantId: string): Promise<void>;
  /**
   * The next placement (or the next `times`) finds the variant of its first line sold out just as
   * it reserves the stock (another shopper took the last units): `409 INSUFFICIENT_STOCK`.
   */
  sellOutNextPlacement(times?: number): void;
  /** Every call to the payment provider (placing, confirming, capturing) waits this long; 0 for none. */
  slowPayments(ms: number): void;
  /**
   * The payment provider is down: every call fails (`503` with `Retry-After` where an operation
   * needed it) until `false`; `{ times }` fails only the next calls.
   */
  paymentsDown(down: boolean | { times: number }): void;
  /**
   * The customer's answer to the 3-D Secure challenge of an order's payment (`requires_action`
   * after a confirm with `pm_card_authenticationRequired`), then the provider's webhook of it
   * delivered, as Stripe does: `succeed` authorizes it (the order goes on to `processing`), `fail`
   * leaves the order awaiting another card. Answers the payment's state.
   */
  completeAuthentication(orderId: string, outcome: 'succeed' | 'fail'): Promise<PaymentIntentState>;
  /**
   * The server's unpaid-order sweep, now: orders past their 30 minutes are cancelled
   * (`payment_expired`), their stock and promo use given back. With `{ now: true }` the payment
   * window of every order still awaiting payment (or of `orderId` only) ends first, so they expire
   * without waiting.
   */
  expireUnpaidOrders(options?: { now?: boolean; orderId?: string }): Promise<SweepCounts>;
  /** Every checkout scenario off. */
  reset(): void;
}

export interface CheckoutScenarioDeps {
  store: MockStore;
  core: () => Promise<MockCore>;
  /** After a scenario changed the state (persistence hooks here). */
  afterWrite?: (() => void) | undefined;
}

/** Later than any payment window: every order still awaiting payment is "unpaid before" it. */
const FAR_AHEAD = new Date('9999-12-31T23:59:59Z');

let counter = 0;

/** One operation through the core's pipeline, as a request of the fixed staff token would run it. */
async function runAsStaff(
  core: MockCore,
  operationId: OperationId,
  request: { params?: Record<string, string>; body?: unknown; headers?: Record<string, string>; rawBody?: string },
): Promise<CoreResponse> {
  const op = operations.find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  counter += 1;
  return runOperation(
    op,
    core.handlers[operationId] as unknown as Handler<typeof op>,
    {
      method: op.method.toUpperCase(),
      params: request.params ?? {},
      query: {},
      headers: {
        authorization: `Bearer ${mockTokens.staff}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      cookies: {},
      hasBody: request.body !== undefined,
      body: request.body,
      ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
      ip: '127.0.0.1',
      requestId: `req_mock_scenario_${counter}`,
    },
    core.pipeline,
  );
}

function expectOk(operationId: string, response: CoreResponse): void {
  if (response.status >= 300) throw new Error(`${operationId}: ${response.status} ${response.body ?? ''}`);
}

export function createCheckoutScenarios(deps: CheckoutScenarioDeps): CheckoutScenarioControls {
  const { store } = deps;
  const { checkout, payments } = store;
  const changed = () => deps.afterWrite?.();

  return {
    declineNextPayment(declineCode = 'generic_decline', times = 1) {
      checkout.decline = { paymentMethod: decliningPaymentMethod(declineCode), times };
    },

    async outOfStock(productId, variantId) {
      const response = await runAsStaff(await deps.core(), 'setVariantStock', {
        params: { id: productId, variant_id: variantId },
        body: { stock: 0 },
      });
      expectOk('setVariantStock', response);
      changed();
    },

    sellOutNextPlacement(times = 1) {
      checkout.sellOuts = times;
    },

    slowPayments(ms) {
      payments.scenario.delay(ms);
    },

    paymentsDown(down) {
      if (typeof down === 'boolean') payments.scenario.unavailable(down);
      else payments.scenario.failNext(down.times);
    },

    async completeAuthentication(orderId, outcome) {
      const core = await deps.core();
      const order = await core.orders.repositories.orders.get(orderId);
      const intentId = order?.payment.intent_id ?? null;
      if (intentId === null) throw new Error(`order ${orderId} has no payment to authenticate`);
      const intent = await payments.authenticate(intentId, outcome);
      // The event of that change, delivered to the webhook as Stripe would (signed, raw body).
      const event = payments.events().findLast((candidate) => candidate.data.object.id === intentId);
      if (event) {
        const { body, signature } = await payments.signedWebhook(event);
        const response = await runAsStaff(core, 'receivePaymentWebhook', {
          headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
          body: JSON.parse(body) as unknown,
          rawBody: body,
        });
        expectOk('receivePaymentWebhook', response);
      }
      changed();
      return intent;
    },

    async expireUnpaidOrders(options = {}) {
      const core = await deps.core();
      const { orders } = core.orders.repositories;
      if (options.now === true || options.orderId !== undefined) {
        const now = store.now();
        const due =
          options.orderId === undefined
            ? await orders.listUnpaidBefore(FAR_AHEAD, MAX_UNPAID_BATCH)
            : [await orders.get(options.orderId)].flatMap((order) => (order ? [order] : []));
        for (const { _etag, ...order } of due) {
          if (order.status !== 'pending_payment' || Date.parse(order.pay_by) < now.getTime()) continue;
          // The window ends a moment ago; a concurrent change of the order wins (412), and the sweep decides.
          const payBy = new Date(now.getTime() - 1).toISOString();
          await orders.replace({ ...order, pay_by: payBy }, [], _etag, now).catch(() => undefined);
        }
      }
      const counts = await core.orders.sweepUnpaid();
      changed();
      return counts;
    },

    reset() {
      checkout.decline = undefined;
      checkout.sellOuts = 0;
      payments.scenario.reset();
    },
  };
}

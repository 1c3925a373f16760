import * as z from 'zod';
import { SESSION_HOLDERS } from '../common/roles.ts';
import { defineOperation } from '../operation.ts';
import { CartAmountSchema } from '../cart/schemas.ts';
import { OrderIdSchema, OrderPaymentSchema, PaymentIntentViewSchema } from './schemas.ts';

/* Payments of orders (Stripe PaymentIntents with manual capture): the intent, a server-side confirm, refunds, the webhook. */

const TAGS = ['Payments'] as const;

export const createPaymentIntent = defineOperation({
  operationId: 'createPaymentIntent',
  method: 'post',
  path: '/api/payments/create-intent',
  tags: TAGS,
  summary: "Your order's payment",
  description:
    "The PaymentIntent of one of your orders awaiting payment, with its `client_secret` for Stripe.js: always the same one for an order (calling again is harmless). The amount is the order's total; nothing about it is sent.",
  access: SESSION_HOLDERS,
  request: { body: z.strictObject({ order_id: OrderIdSchema }).meta({ id: 'PaymentIntentCreate' }) },
  responses: { 200: { description: 'The payment to confirm.', schema: PaymentIntentViewSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT'],
});

export const confirmPayment = defineOperation({
  operationId: 'confirmPayment',
  method: 'post',
  path: '/api/payments/confirm',
  tags: TAGS,
  summary: 'Pay for your order',
  description:
    "Confirms your order's payment with a card (a Stripe PaymentMethod id such as `pm_card_visa`). An accepted card holds the amount (`requires_capture`); the order is charged and moves on once its stock is confirmed. A card asking for 3-D Secure answers `requires_action` with `next_action` for Stripe.js. A declined card is a 402 `PAYMENT_DECLINED` with the `decline_code`; the order waits for another card. Browsers may instead confirm with Stripe.js and the `client_secret`: the webhook then tells the API.",
  access: SESSION_HOLDERS,
  request: {
    body: z
      .strictObject({
        order_id: OrderIdSchema,
        payment_method: z
          .string()
          .regex(/^pm_[A-Za-z0-9_]{1,100}$/, 'a Stripe PaymentMethod id (pm_…)')
          .meta({ example: 'pm_card_visa' }),
      })
      .meta({ id: 'PaymentConfirm' }),
  },
  responses: { 200: { description: 'The payment after the attempt.', schema: PaymentIntentViewSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT', 'PAYMENT_DECLINED'],
  idempotency: 'optional',
  publishes: ['PaymentAuthorized', 'PaymentFailed'],
});

export const RefundSchema = z
  .strictObject({
    refund_id: z.string(),
    order_id: OrderIdSchema,
    amount: CartAmountSchema,
    status: z.enum(['succeeded', 'pending', 'failed']),
    payment: OrderPaymentSchema.meta({ description: "The order's payment after the refund." }),
  })
  .meta({ id: 'Refund' });

export const refundPayment = defineOperation({
  operationId: 'refundPayment',
  method: 'post',
  path: '/api/payments/refund',
  tags: TAGS,
  summary: 'Refund an order',
  description:
    "Gives back all (no `amount`) or part of what an order's card was charged; refunds never exceed what was captured (422 otherwise); an order whose payment was never captured is a 409. Staff only. Send an `Idempotency-Key`: a retried refund is never paid twice.",
  access: ['staff'],
  request: {
    body: z
      .strictObject({
        order_id: OrderIdSchema,
        amount: CartAmountSchema.refine((v) => v > 0, 'must be above 0')
          .optional()
          .meta({ description: 'Major units; the rest of what was captured when absent.' }),
        reason: z.string().trim().min(1).max(500),
      })
      .meta({ id: 'RefundCreate' }),
  },
  responses: { 200: { description: 'The refund.', schema: RefundSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE_ENTITY'],
  idempotency: 'required',
  publishes: ['RefundProcessed'],
});

export const receivePaymentWebhook = defineOperation({
  operationId: 'receivePaymentWebhook',
  method: 'post',
  path: '/api/payments/webhook',
  tags: TAGS,
  summary: "Stripe's webhook",
  description:
    "Where Stripe posts payment events (`payment_intent.*`). The `Stripe-Signature` header is verified against the raw body with the webhook secret (400 `WEBHOOK_SIGNATURE_INVALID` otherwise). Events are applied once by their id, in any order, and only update an order's payment: a webhook never creates an order.",
  access: 'public',
  request: {
    headers: z.object({ 'stripe-signature': z.string().min(1).max(2048) }),
    body: z.looseObject({ id: z.string(), type: z.string() }).meta({ id: 'PaymentWebhookEvent' }),
  },
  responses: {
    200: {
      description: 'Received (also for events the API does not act on).',
      schema: z.strictObject({ received: z.literal(true) }).meta({ id: 'WebhookReceived' }),
    },
  },
  errors: ['WEBHOOK_SIGNATURE_INVALID'],
  publishes: ['PaymentAuthorized', 'PaymentFailed'],
});

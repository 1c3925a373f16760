import * as z from 'zod';
import { AddressIdSchema, PaymentMethodIdSchema } from '../ids.ts';
import { cardNumberPaths } from '../card-number.ts';
import { Timestamp } from './fields.ts';

export const MAX_PAYMENT_METHODS = 10;

/** A body that carries a card number is refused: payment methods are saved as provider tokens only. */
export function refuseCardNumbers<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    for (const path of cardNumberPaths(value)) {
      ctx.addIssue({
        code: 'custom',
        path: path === '' ? [] : path.split('.'),
        message: 'looks like a card number: send the payment provider token, never the card number',
      });
    }
  });
}

export const PaymentMethodCreateSchema = refuseCardNumbers(
  z.strictObject({
    provider_token: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{3,100}$/, 'a Stripe PaymentMethod id (pm_…)')
      .meta({
        description: 'The Stripe PaymentMethod id made by Stripe.js or the mobile SDK.',
        example: 'pm_card_visa',
      }),
    billing_address_id: z.union([AddressIdSchema, z.null()]).default(null),
    is_default: z.boolean().default(false),
  }),
).meta({ id: 'PaymentMethodCreate', description: 'A card is saved by its provider token only, never its number.' });

export const PaymentMethodSchema = z
  .strictObject({
    id: PaymentMethodIdSchema,
    type: z.literal('card'),
    brand: z.string().meta({ example: 'visa' }),
    last4: z.string().regex(/^\d{4}$/),
    exp_month: z.int().min(1).max(12),
    exp_year: z.int().min(2000).max(2100),
    billing_address_id: z.union([AddressIdSchema, z.null()]),
    is_default: z.boolean(),
    created_at: Timestamp,
  })
  .meta({ id: 'PaymentMethod' });

export const PaymentMethodListSchema = z
  .strictObject({ items: z.array(PaymentMethodSchema) })
  .meta({ id: 'PaymentMethodList' });

export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

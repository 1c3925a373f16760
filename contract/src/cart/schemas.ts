import * as z from 'zod';
import { PROMO_REFUSAL_CODES } from '../common/errors.ts';
import { CurrencySchema } from '../common/money.ts';
import { ProductIdSchema, VariantIdSchema } from '../catalog/ids.ts';
import { ProductImageSchema } from '../catalog/schemas.ts';
import { PromoCodeSchema } from '../promotions/schemas.ts';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './limits.ts';
import { CartShippingSchema } from './shipping.ts';

const Timestamp = z.iso.datetime();

export const CartLineIdSchema = z
  .string()
  .regex(/^cli_[a-z0-9]{16}$/, 'not a cart line id (expected cli_ and 16 lower-case letters or digits)')
  .meta({ id: 'CartLineId', example: 'cli_4k2m9q4x1w8e7r6t' });

export const CartQuantitySchema = z
  .int()
  .min(1)
  .max(MAX_LINE_QUANTITY)
  .meta({
    id: 'CartQuantity',
    description: `Units of one variant: 1 to ${MAX_LINE_QUANTITY} (\`MAX_LINE_QUANTITY\`).`,
    example: 1,
  });

/** Cart amounts: like `Amount` (major units, two decimals) without its upper bound, since a line multiplies it. */
export const CartAmountSchema = z
  .number()
  .min(0)
  .max(1e11)
  .multipleOf(0.01)
  .meta({ id: 'CartAmount', description: 'Amount in major currency units, two decimals at most.', example: 1199 });

export const CartLineIssueSchema = z.enum(['unavailable', 'insufficient_stock', 'currency_mismatch']).meta({
  id: 'CartLineIssue',
  description:
    '`unavailable`: the product or variant was archived, unpublished or deleted (the line is not priced and not in the totals). `insufficient_stock`: fewer units are on hand than the line holds (`available_quantity`). `currency_mismatch`: the product is now priced in another currency than the cart (not in the totals).',
});

export const CartLineSchema = z
  .strictObject({
    id: CartLineIdSchema,
    product_id: ProductIdSchema,
    variant_id: VariantIdSchema,
    quantity: CartQuantitySchema,
    name: z.union([z.string(), z.null()]).meta({ description: "The product's name now; null when it was deleted." }),
    variant_name: z
      .union([z.string(), z.null()])
      .meta({ description: "The variant's attribute values (`Silver / 256GB`); null when it is gone." }),
    sku: z.union([z.string(), z.null()]).meta({ description: "The variant's SKU; null when it is gone." }),
    image: z.union([ProductImageSchema, z.null()]),
    unit_price: z
      .union([CartAmountSchema, z.null()])
      .meta({ description: "The catalog's price now (product price + variant adjustment); null when not priced." }),
    line_total: z.union([CartAmountSchema, z.null()]).meta({ description: 'unit_price × quantity, exactly.' }),
    available_quantity: z.int().min(0).meta({ description: 'Units on hand now (0 when unavailable).' }),
    issues: z
      .array(CartLineIssueSchema)
      .meta({ description: 'Why the line cannot be bought as it is; empty when it can.' }),
    added_at: Timestamp,
  })
  .meta({ id: 'CartLine' });

export const CartPromoIssueSchema = z
  .enum(PROMO_REFUSAL_CODES)
  .meta({ id: 'CartPromoIssue', description: "An applied code's refusal now: one of the `PROMO_*` error codes." });

export const CartTotalsSchema = z
  .strictObject({
    subtotal: CartAmountSchema.meta({ description: 'Σ line totals of the priced lines.' }),
    discount: CartAmountSchema.meta({
      description:
        'What the promo code takes off the lines (percent or fixed amount), at most the subtotal; 0 without a code, or when it does not apply (`promo_issue`).',
    }),
    tax_estimate: CartAmountSchema.meta({
      description: "Σ of each line's tax (line total × the product's `tax_rate`, rounded half up per line).",
    }),
    shipping: CartAmountSchema.meta({
      description: 'The chosen shipping option’s price; 0 before one is chosen, or when a free-shipping code applies.',
    }),
    total_estimate: CartAmountSchema.meta({
      description: 'subtotal − discount + tax_estimate + shipping, exactly.',
    }),
    currency: CurrencySchema,
  })
  .meta({ id: 'CartTotals', description: 'Computed in integer minor units, then shown in major units.' });

export const CartSchema = z
  .strictObject({
    items: z.array(CartLineSchema).max(MAX_CART_LINES),
    item_count: z.int().min(0).meta({ description: 'Σ quantities of every line.' }),
    totals: CartTotalsSchema,
    promo_code: z.union([PromoCodeSchema, z.null()]).meta({
      description: 'The promo code applied (upper-case), checked again at every read; null when none.',
    }),
    shipping: z.union([CartShippingSchema, z.null()]).meta({
      description: 'The destination and shipping option chosen (`PUT /api/checkout/shipping`); null before.',
    }),
    promo_issue: z.union([CartPromoIssueSchema, z.null()]).meta({
      description:
        'Why the applied code gives no discount now (it expired, the subtotal fell below its minimum, no line is eligible any more…): the code the apply would be refused with. Null when it applies or when there is none.',
    }),
    updated_at: z.union([Timestamp, z.null()]).meta({ description: 'Last change; null for a cart never written.' }),
    expires_at: z.union([Timestamp, z.null()]).meta({
      description: 'When the cart is deleted if nothing changes it (14 days for guests, 90 for customers).',
    }),
  })
  .meta({
    id: 'Cart',
    description: `Your cart, priced from the catalog as it is now. At most ${MAX_CART_LINES} lines (\`MAX_CART_LINES\`).`,
  });

export const CartItemAddSchema = z
  .strictObject({
    product_id: ProductIdSchema,
    variant_id: VariantIdSchema.optional().meta({
      description: 'Required unless the product has exactly one variant.',
    }),
    quantity: CartQuantitySchema,
  })
  .meta({
    id: 'CartItemAdd',
    description:
      'Adds units of a variant; a variant already in the cart gets its quantity increased. Prices are never sent.',
  });

export const CartItemUpdateSchema = z.strictObject({ quantity: CartQuantitySchema }).meta({ id: 'CartItemUpdate' });

export const CartMergeSchema = z
  .strictObject({
    guest_token: z
      .string()
      .min(1)
      .max(4096)
      .meta({ description: "The guest session's access token: proves you held the guest cart." }),
  })
  .meta({ id: 'CartMerge' });

export const CartPromoApplySchema = z
  .strictObject({ code: PromoCodeSchema })
  .meta({ id: 'CartPromoApply', description: 'The promo code to apply (any case).' });

export type Cart = z.infer<typeof CartSchema>;
export type CartLine = z.infer<typeof CartLineSchema>;
export type CartLineIssue = z.infer<typeof CartLineIssueSchema>;
export type CartItemAdd = z.infer<typeof CartItemAddSchema>;
export type CartPromoIssue = z.infer<typeof CartPromoIssueSchema>;

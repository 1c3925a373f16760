import * as z from 'zod';
import { MoneySchema } from '../common/money.ts';
import { lineText } from '../common/text.ts';
import { SlugSchema } from '../catalog/ids.ts';

const Timestamp = z.iso.datetime();

/** Codes are case-insensitive: stored and answered upper-case (`normalizePromoCode`). */
export const PROMO_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/;

export const PromoCodeSchema = z
  .string()
  .regex(PROMO_CODE_PATTERN, 'a promo code is 3–32 letters, digits, _ or -')
  .meta({
    id: 'PromoCode',
    description: 'Letters, digits, `_` and `-` (3–32). Case-insensitive: `holiday10` and `HOLIDAY10` are one code.',
    example: 'HOLIDAY10',
  });

/** The one spelling of a code: upper case. */
export function normalizePromoCode(code: string): string {
  return code.toUpperCase();
}

export const PromotionKindSchema = z.enum(['percent', 'fixed_amount', 'free_shipping']).meta({
  id: 'PromotionKind',
  description:
    '`percent`: `percent_off` % of the eligible lines; `fixed_amount`: `amount_off`, at most the eligible lines; `free_shipping`: the shipping price.',
});

const promotionFields = {
  description: z.union([lineText(240), z.null()]).meta({ description: 'For staff; shoppers never see it.' }),
  kind: PromotionKindSchema,
  percent_off: z
    .union([z.int().min(1).max(100), z.null()])
    .meta({ description: 'Percent off the eligible lines (1–100); `percent` only, else null.', example: 10 }),
  amount_off: z
    .union([MoneySchema, z.null()])
    .meta({ description: 'Amount off the eligible lines; `fixed_amount` only, else null.' }),
  minimum_subtotal: z
    .union([MoneySchema, z.null()])
    .meta({ description: "The cart's subtotal (every line, before discounts) must reach it; null: no minimum." }),
  starts_at: Timestamp.meta({ description: 'Valid from this instant (inclusive).' }),
  ends_at: z.union([Timestamp, z.null()]).meta({ description: 'Valid until this instant (exclusive); null: no end.' }),
  usage_limit_total: z
    .union([z.int().min(1).max(10_000_000), z.null()])
    .meta({ description: 'Orders that may use the code in all; null: no limit.', example: 1000 }),
  usage_limit_per_customer: z
    .union([z.int().min(1).max(100), z.null()])
    .meta({ description: 'Orders one customer may use it for; null: no limit.', example: 1 }),
  category_slugs: z
    .array(SlugSchema)
    .max(50)
    .refine((slugs) => new Set(slugs).size === slugs.length, 'category slugs must be unique')
    .meta({ description: 'The discount applies to lines of these categories only; empty: every line.' }),
  active: z.boolean().meta({ description: 'An inactive code is refused like an unknown one.' }),
};

type Kinded = {
  kind?: 'percent' | 'fixed_amount' | 'free_shipping' | undefined;
  percent_off?: number | null | undefined;
  amount_off?: { currency: string } | null | undefined;
  minimum_subtotal?: { currency: string } | null | undefined;
  starts_at?: string | undefined;
  ends_at?: string | null | undefined;
};

/** What is wrong with a promotion's kind, value and window, or null: one rule for bodies and merged updates. */
export function promotionShapeProblem(p: Required<Kinded>): { path: string; message: string } | null {
  if (p.kind === 'percent' && (p.percent_off === null || p.amount_off !== null)) {
    return { path: 'percent_off', message: 'a percent promotion has percent_off and no amount_off' };
  }
  if (p.kind === 'fixed_amount' && (p.amount_off === null || p.percent_off !== null)) {
    return { path: 'amount_off', message: 'a fixed_amount promotion has amount_off and no percent_off' };
  }
  if (p.kind === 'free_shipping' && (p.amount_off !== null || p.percent_off !== null)) {
    return { path: 'kind', message: 'a free_shipping promotion has neither percent_off nor amount_off' };
  }
  if (p.amount_off !== null && p.minimum_subtotal !== null && p.amount_off.currency !== p.minimum_subtotal.currency) {
    return { path: 'minimum_subtotal', message: 'minimum_subtotal must be in the currency of amount_off' };
  }
  if (p.ends_at !== null && Date.parse(p.ends_at) <= Date.parse(p.starts_at)) {
    return { path: 'ends_at', message: 'ends_at must be after starts_at' };
  }
  return null;
}

export const PromotionSchema = z
  .strictObject({
    code: PromoCodeSchema,
    ...promotionFields,
    redemption_count: z.int().min(0).meta({ description: 'Orders that used the code (read-only).' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: 'Promotion',
    description:
      'A promo code. It applies when `active`, now is in [`starts_at`, `ends_at`), the subtotal reaches `minimum_subtotal`, a line is eligible and neither usage limit is reached.',
  });

export const PromotionCreateSchema = z
  .strictObject({
    code: PromoCodeSchema,
    ...promotionFields,
    description: promotionFields.description.default(null),
    percent_off: promotionFields.percent_off.default(null),
    amount_off: promotionFields.amount_off.default(null),
    minimum_subtotal: promotionFields.minimum_subtotal.default(null),
    ends_at: promotionFields.ends_at.default(null),
    usage_limit_total: promotionFields.usage_limit_total.default(null),
    usage_limit_per_customer: promotionFields.usage_limit_per_customer.default(null),
    category_slugs: promotionFields.category_slugs.default([]),
    active: promotionFields.active.default(true),
  })
  .superRefine((body, ctx) => {
    const problem = promotionShapeProblem(body);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  })
  .meta({ id: 'PromotionCreate' });

export const PromotionUpdateSchema = z
  .strictObject({
    description: promotionFields.description.optional(),
    kind: PromotionKindSchema.optional(),
    percent_off: promotionFields.percent_off.optional(),
    amount_off: promotionFields.amount_off.optional(),
    minimum_subtotal: promotionFields.minimum_subtotal.optional(),
    starts_at: Timestamp.optional(),
    ends_at: promotionFields.ends_at.optional(),
    usage_limit_total: promotionFields.usage_limit_total.optional(),
    usage_limit_per_customer: promotionFields.usage_limit_per_customer.optional(),
    category_slugs: promotionFields.category_slugs.optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .refine((patch) => !patch.starts_at || !patch.ends_at || Date.parse(patch.ends_at) > Date.parse(patch.starts_at), {
    message: 'ends_at must be after starts_at',
    path: ['ends_at'],
  })
  .meta({
    id: 'PromotionUpdate',
    description:
      'The fields to change. The result must still be a whole promotion (kind and value agree, the window is not empty), else 422.',
  });

export type Promotion = z.infer<typeof PromotionSchema>;
export type PromotionCreate = z.infer<typeof PromotionCreateSchema>;
export type PromotionUpdate = z.infer<typeof PromotionUpdateSchema>;
export type PromotionKind = z.infer<typeof PromotionKindSchema>;

import * as z from 'zod';
import { eventEnvelope } from './envelope.ts';
import { PromoCodeSchema, PromotionKindSchema } from '../promotions/schemas.ts';

const promotionRef = { code: PromoCodeSchema, kind: PromotionKindSchema, active: z.boolean() };

export const PromotionCreatedSchema = eventEnvelope(
  'PromotionCreated',
  z.strictObject(promotionRef),
  'A promo code was created.',
);
export const PromotionUpdatedSchema = eventEnvelope(
  'PromotionUpdated',
  z.strictObject({ ...promotionRef, changed_fields: z.array(z.string()) }),
  'A promo code changed (its value, window, limits, categories, or turned back on).',
);
export const PromotionDeactivatedSchema = eventEnvelope(
  'PromotionDeactivated',
  z.strictObject(promotionRef),
  'A promo code was deactivated: checkout refuses it from now on.',
);

/**
 * Promotion events travel on a hub of their own, `promotion-events`, partitioned by code: a
 * promotion is an aggregate of its own (not a catalog item), and whoever follows prices and
 * discounts (a cart revalidator, a marketing agent) reads promotions without the catalog's
 * traffic, while the catalog's cache consumer never sees them (no cached read shows a promotion).
 */
export const PROMOTION_EVENTS = {
  PromotionCreated: { topic: 'promotion-events', key: 'code', schema: PromotionCreatedSchema },
  PromotionUpdated: { topic: 'promotion-events', key: 'code', schema: PromotionUpdatedSchema },
  PromotionDeactivated: { topic: 'promotion-events', key: 'code', schema: PromotionDeactivatedSchema },
} as const;

export type PromotionEventType = keyof typeof PROMOTION_EVENTS;

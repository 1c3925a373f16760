import * as z from 'zod';
import { SafeLinkSchema } from '../common/link.ts';
import { lineText, shortText } from '../common/text.ts';
import { BannerIdSchema } from './ids.ts';

const Timestamp = z.iso.datetime();
const Url = SafeLinkSchema;

export const BannerPlacementSchema = z
  .enum(['home-hero', 'home-secondary', 'category-top'])
  .meta({ id: 'BannerPlacement' });

const bannerFields = {
  title: shortText(120),
  subtitle: z.union([lineText(240), z.null()]),
  image_url: Url,
  link_url: Url,
  placement: BannerPlacementSchema,
  priority: z.int().min(0).max(1000).meta({ description: 'Higher shows first.' }),
  starts_at: Timestamp,
  ends_at: z.union([Timestamp, z.null()]),
  enabled: z.boolean(),
};

export const BannerSchema = z
  .strictObject({ id: BannerIdSchema, ...bannerFields, created_at: Timestamp, updated_at: Timestamp })
  .meta({ id: 'Banner', description: 'Active when `enabled` and now is in [`starts_at`, `ends_at`).' });

export const BannerCreateSchema = z
  .strictObject({
    ...bannerFields,
    subtitle: bannerFields.subtitle.default(null),
    priority: bannerFields.priority.default(0),
    ends_at: bannerFields.ends_at.default(null),
    enabled: z.boolean().default(true),
  })
  .refine((b) => b.ends_at === null || b.ends_at > b.starts_at, {
    message: 'ends_at must be after starts_at',
    path: ['ends_at'],
  })
  .meta({ id: 'BannerCreate' });

export const BannerUpdateSchema = z
  .strictObject({
    title: bannerFields.title.optional(),
    subtitle: bannerFields.subtitle.optional(),
    image_url: Url.optional(),
    link_url: Url.optional(),
    placement: BannerPlacementSchema.optional(),
    priority: bannerFields.priority.optional(),
    starts_at: Timestamp.optional(),
    ends_at: bannerFields.ends_at.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .meta({ id: 'BannerUpdate' });

export type Banner = z.infer<typeof BannerSchema>;
export type BannerCreate = z.infer<typeof BannerCreateSchema>;
export type BannerUpdate = z.infer<typeof BannerUpdateSchema>;
export type BannerPlacement = z.infer<typeof BannerPlacementSchema>;

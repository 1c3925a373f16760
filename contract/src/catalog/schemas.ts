import * as z from 'zod';
import { AmountSchema, CurrencySchema } from '../common/money.ts';
import { SafeLinkSchema } from '../common/link.ts';
import { lineText, longText, shortText } from '../common/text.ts';
import { ProductIdSchema, ProductSlugSchema, SlugSchema, VariantIdSchema } from './ids.ts';
import { variantPriceIssues } from './variant-price.ts';

const Timestamp = z.iso.datetime();
const Url = SafeLinkSchema;
const ShortText = shortText;
/** Names that would reach an object's prototype instead of its own keys. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const AttributeName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/)
  .refine(
    (name) => !PROTOTYPE_KEYS.has(name),
    'not an attribute name: __proto__, constructor and prototype are reserved',
  );
const AttributeMap = z
  .preprocess(
    (value, ctx) => {
      // Checked on the raw object: the parsed record silently drops a `__proto__` key.
      if (typeof value === 'object' && value !== null) {
        for (const key of Object.keys(value)) {
          if (PROTOTYPE_KEYS.has(key)) {
            ctx.issues.push({
              code: 'custom',
              path: [key],
              message: 'not an attribute name: __proto__, constructor and prototype are reserved',
              input: value,
            });
          }
        }
      }
      return value;
    },
    z.record(AttributeName, shortText(120)),
  )
  .refine((map) => Object.keys(map).length <= 30, 'at most 30 attributes');

export const ProductStatusSchema = z
  .enum(['draft', 'active', 'archived'])
  .meta({ id: 'ProductStatus', description: 'Only `active` products are visible to shoppers.' });

export const StockStatusSchema = z
  .enum(['in_stock', 'low_stock', 'out_of_stock'])
  .meta({ id: 'StockStatus', description: '`low_stock` at 5 units or fewer (`LOW_STOCK_THRESHOLD`).' });

export const PriceSchema = z
  .strictObject({
    amount: AmountSchema,
    currency: CurrencySchema,
    compare_at: z.union([AmountSchema, z.null()]).meta({ description: 'Former price shown struck through.' }),
    tax_rate: z.number().min(0).max(1).meta({ example: 0.0825 }),
  })
  .meta({ id: 'Price' });

export const ProductImageSchema = z
  .strictObject({ url: Url, alt: ShortText(200), order: z.int().min(0).max(100) })
  .meta({ id: 'ProductImage' });

export const VariantSchema = z
  .strictObject({
    variant_id: VariantIdSchema,
    sku: ShortText(64),
    attributes: AttributeMap.meta({ example: { color: 'Silver', storage: '256GB' } }),
    price_adjustment: z.number().min(-100_000).max(100_000).multipleOf(0.01),
    stock: z.int().min(0).max(1_000_000),
  })
  .meta({ id: 'Variant' });

export const SeoSchema = z
  .strictObject({
    meta_title: lineText(120),
    meta_description: lineText(320),
    canonical_url: Url,
  })
  .meta({ id: 'Seo' });

export const ProductAnalyticsSchema = z
  .strictObject({
    views: z.int().min(0),
    add_to_cart: z.int().min(0),
    purchases: z.int().min(0),
    conversion_rate: z.number().min(0).max(1),
  })
  .meta({ id: 'ProductAnalytics' });

const productFields = {
  id: ProductIdSchema,
  sku: ShortText(64),
  name: ShortText(200),
  slug: SlugSchema,
  category_slug: SlugSchema,
  description: longText(1000),
  long_description: longText(20_000),
  brand: ShortText(80),
  price: PriceSchema,
  images: z.array(ProductImageSchema).max(20),
  variants: z.array(VariantSchema).max(100),
  attributes: AttributeMap,
  seo: SeoSchema,
  featured: z.boolean(),
  stock_status: StockStatusSchema,
  created_at: Timestamp,
  updated_at: Timestamp,
  published_at: z.union([Timestamp, z.null()]),
};

/** A product as shoppers see it (active products only). */
export const ProductSchema = z.strictObject({ ...productFields, status: z.literal('active') }).meta({ id: 'Product' });

/** A product as staff see it: any status, with its analytics. */
export const StaffProductSchema = z
  .strictObject({ ...productFields, status: ProductStatusSchema, analytics: ProductAnalyticsSchema })
  .meta({ id: 'StaffProduct' });

/** The compact form used by listings, search, featured and related products. */
export const ProductSummarySchema = z
  .strictObject({
    id: ProductIdSchema,
    name: productFields.name,
    slug: SlugSchema,
    category_slug: SlugSchema,
    brand: productFields.brand,
    price: PriceSchema,
    image: z.union([ProductImageSchema, z.null()]),
    stock_status: StockStatusSchema,
    featured: z.boolean(),
  })
  .meta({ id: 'ProductSummary' });

const writableProductFields = {
  sku: productFields.sku,
  name: productFields.name,
  slug: ProductSlugSchema,
  description: productFields.description,
  long_description: productFields.long_description.default(''),
  brand: productFields.brand,
  price: PriceSchema,
  images: productFields.images.default([]),
  variants: productFields.variants.min(1),
  attributes: AttributeMap.default({}),
  seo: SeoSchema.optional(),
  featured: z.boolean().default(false),
};

export const ProductCreateSchema = z
  .strictObject({ ...writableProductFields, category_slug: SlugSchema })
  .superRefine((product, ctx) => {
    for (const issue of variantPriceIssues(product.price, product.variants)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .meta({ id: 'ProductCreate', description: 'A new product starts as `draft`; publish it to show it to shoppers.' });

export const ProductUpdateSchema = z
  .strictObject({
    sku: writableProductFields.sku.optional(),
    name: writableProductFields.name.optional(),
    slug: ProductSlugSchema.optional(),
    description: writableProductFields.description.optional(),
    long_description: productFields.long_description.optional(),
    brand: writableProductFields.brand.optional(),
    price: PriceSchema.optional(),
    images: productFields.images.optional(),
    variants: productFields.variants.min(1).optional(),
    attributes: AttributeMap.optional(),
    seo: SeoSchema.optional(),
    featured: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .meta({
    id: 'ProductUpdate',
    description:
      'Fields to replace; absent fields stay as they are. The category is fixed at creation (it is part of the product id).',
  });

export const StockUpdateSchema = z
  .strictObject({ stock: z.int().min(0).max(1_000_000).meta({ description: 'Units on hand, absolute.' }) })
  .meta({ id: 'StockUpdate' });

export const VariantInventorySchema = z
  .strictObject({ variant_id: VariantIdSchema, sku: z.string(), stock: z.int().min(0), status: StockStatusSchema })
  .meta({ id: 'VariantInventory' });

export const InventorySchema = z
  .strictObject({
    product_id: ProductIdSchema,
    status: StockStatusSchema,
    total_stock: z.int().min(0),
    variants: z.array(VariantInventorySchema),
    updated_at: Timestamp,
  })
  .meta({ id: 'Inventory' });

export const FacetValueSchema = z.strictObject({ value: z.string(), count: z.int().min(0) }).meta({ id: 'FacetValue' });

export const ProductFiltersSchema = z
  .strictObject({
    category: z.union([SlugSchema, z.null()]),
    total_products: z.int().min(0),
    price: z.union([z.strictObject({ min: AmountSchema, max: AmountSchema, currency: CurrencySchema }), z.null()]),
    brands: z.array(FacetValueSchema),
    attributes: z.array(z.strictObject({ name: z.string(), values: z.array(FacetValueSchema) })),
    availability: z.strictObject({ in_stock: z.int().min(0), out_of_stock: z.int().min(0) }),
  })
  .meta({ id: 'ProductFilters', description: 'Facets with counts over the active products of a category.' });

export const CategorySchema = z
  .strictObject({
    slug: SlugSchema,
    name: ShortText(120),
    description: longText(2000),
    parent_slug: z.union([SlugSchema, z.null()]),
    image_url: z.union([Url, z.null()]),
    sort_order: z.int().min(0).max(10_000),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Category' });

export const CategoryCreateSchema = z
  .strictObject({
    slug: SlugSchema,
    name: ShortText(120),
    description: longText(2000).default(''),
    parent_slug: z.union([SlugSchema, z.null()]).default(null),
    image_url: z.union([Url, z.null()]).default(null),
    sort_order: z.int().min(0).max(10_000).default(0),
  })
  .meta({ id: 'CategoryCreate' });

export const CategoryUpdateSchema = z
  .strictObject({
    name: ShortText(120).optional(),
    description: longText(2000).optional(),
    parent_slug: z.union([SlugSchema, z.null()]).optional(),
    image_url: z.union([Url, z.null()]).optional(),
    sort_order: z.int().min(0).max(10_000).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .meta({ id: 'CategoryUpdate' });

export type Product = z.infer<typeof ProductSchema>;
export type StaffProduct = z.infer<typeof StaffProductSchema>;
export type ProductSummary = z.infer<typeof ProductSummarySchema>;
export type ProductCreate = z.infer<typeof ProductCreateSchema>;
export type ProductUpdate = z.infer<typeof ProductUpdateSchema>;
export type ProductStatus = z.infer<typeof ProductStatusSchema>;
export type StockStatus = z.infer<typeof StockStatusSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type Inventory = z.infer<typeof InventorySchema>;
export type ProductFilters = z.infer<typeof ProductFiltersSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type CategoryCreate = z.infer<typeof CategoryCreateSchema>;
export type CategoryUpdate = z.infer<typeof CategoryUpdateSchema>;

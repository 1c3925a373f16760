import { describe, expect, it } from 'vitest';
import { CategoryCreateSchema, ProductCreateSchema, ProductUpdateSchema, VariantSchema } from './schemas.ts';
import { BannerCreateSchema } from './banner-schemas.ts';
import { variantPriceIssues } from './variant-price.ts';

const variant = { variant_id: 'v1', sku: 'SKU-1', attributes: {}, price_adjustment: 0, stock: 1 };
const product = {
  sku: 'SKU',
  name: 'Parka',
  slug: 'parka',
  category_slug: 'outerwear',
  description: 'Warm.',
  brand: 'Peak',
  price: { amount: 100, currency: 'USD', compare_at: null, tax_rate: 0.1 },
  variants: [variant],
};

describe('variant price', () => {
  it.each([
    [100, 0, true],
    [100, -100, true],
    [100, -100.01, false],
    [0.3, -0.1, true],
    [0.1, -0.2, false],
    [100, 50, true],
    [0, -0.01, false],
  ])('price %d + adjustment %d → %s', (amount, price_adjustment, ok) => {
    expect(variantPriceIssues({ amount }, [{ price_adjustment }]).length === 0).toBe(ok);
    const result = ProductCreateSchema.safeParse({
      ...product,
      price: { ...product.price, amount },
      variants: [variant, { ...variant, variant_id: 'v2', price_adjustment }],
    });
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error?.issues.map((i) => i.path)).toEqual([['variants', 1, 'price_adjustment']]);
  });
});

describe('attributes', () => {
  const parse = (json: string) => VariantSchema.safeParse({ ...variant, attributes: JSON.parse(json) as unknown });
  it.each([
    ['{"color":"Silver"}', true],
    ['{}', true],
    ['{"__proto__":{"x":1}}', false],
    ['{"__proto__":"x"}', false],
    ['{"constructor":"x"}', false],
    ['{"prototype":"x"}', false],
    ['{"color":"Silver","__proto__":"x"}', false],
    ['{"size":1}', false],
    ['{"size":true}', false],
    ['{"size":null}', false],
    ['{"size":["a"]}', false],
    ['{"size":{"a":"b"}}', false],
    ['{"size":""}', false],
    ['{"size":"a\\u0000"}', false],
    ['{"size":"a\\ud800"}', false],
    ['{"Size":"a"}', false],
  ])('%s → %s', (json, ok) => {
    const result = parse(json);
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error?.issues[0]?.path[0]).toBe('attributes');
  });

  it('is the same rule on products and patches', () => {
    expect(
      ProductCreateSchema.safeParse({ ...product, attributes: JSON.parse('{"__proto__":"x"}') as unknown }).success,
    ).toBe(false);
    expect(ProductUpdateSchema.safeParse({ attributes: JSON.parse('{"__proto__":"x"}') as unknown }).success).toBe(
      false,
    );
  });
});

describe('free text and links in the catalog', () => {
  const banner = {
    title: 'Sale',
    image_url: '/b.jpg',
    link_url: '/sale',
    placement: 'home-hero',
    starts_at: '2025-01-01T00:00:00Z',
  };
  it.each([
    ['title', 'Sale\u0000'],
    ['subtitle', 'Now\u001b'],
    ['image_url', '//evil.example/b.jpg'],
    ['link_url', '/\\evil.example'],
    ['link_url', 'https:///evil.example'],
  ])('banner %s %j is refused with its field', (field, value) => {
    const result = BannerCreateSchema.safeParse({ ...banner, [field]: value });
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it.each([
    ['name', 'Parka\u0000'],
    ['brand', `Peak\uDC00`],
    ['sku', 'SKU\u0085'],
    ['description', 'Warm\u0007'],
    ['long_description', 'Warm\u000b'],
  ])('product %s %j is refused with its field', (field, value) => {
    const result = ProductCreateSchema.safeParse({ ...product, [field]: value });
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('long descriptions keep line breaks and tabs; names do not', () => {
    expect(ProductCreateSchema.safeParse({ ...product, long_description: 'a\n\tb\r\nc' }).success).toBe(true);
    expect(ProductCreateSchema.safeParse({ ...product, name: 'a\nb' }).success).toBe(false);
    expect(CategoryCreateSchema.safeParse({ slug: 'ab', name: 'A', description: 'x\ny' }).success).toBe(true);
    expect(CategoryCreateSchema.safeParse({ slug: 'ab', name: 'A', image_url: '//evil.example/a.png' }).success).toBe(
      false,
    );
  });
});

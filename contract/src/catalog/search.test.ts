import { describe, expect, it } from 'vitest';
import { ProductCreateSchema } from './schemas.ts';
import { productRefKind } from './ids.ts';
import {
  foldText,
  matchesSearch,
  searchNameOf,
  searchRankOf,
  searchTextOf,
  searchWords,
  wordsOf,
  type SearchableProduct,
} from './search.ts';

const product = (fields: Partial<SearchableProduct>): SearchableProduct => ({
  name: 'Plain Thing',
  brand: 'Acme',
  description: '',
  long_description: '',
  sku: 'ACM-00001',
  attributes: {},
  variants: [],
  ...fields,
});

const sweater = product({
  name: 'Holiday Sweater',
  brand: 'J.Crew',
  description: 'A festive knit.',
  long_description: 'Features: material Merino wool.',
  attributes: { fabric_type: 'Merino wool' },
  variants: [
    {
      variant_id: 'v1',
      sku: 'KNI-JCR-1',
      attributes: { color: 'Forest Green' },
      price_adjustment: 0,
      stock: 3,
    },
  ],
});
const cafe = product({ name: 'Café Crème Mug', description: 'For the crème de la crème.' });

describe('folding and words', () => {
  it.each([
    ['Café', 'cafe'],
    ['CRÈME BRÛLÉE', 'creme brulee'],
    ['Ångström Ñandú', 'angstrom nandu'],
    ['İstanbul', 'istanbul'],
    ['Arc’teryx', 'arc’teryx'],
  ])('folds %s to %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('cuts words at anything but letters and digits', () => {
    expect(wordsOf('J.Crew 13-inch, USB‑C (2 pack)')).toEqual(['j', 'crew', '13', 'inch', 'usb', 'c', '2', 'pack']);
  });

  it('search words are distinct, folded, at most 10; none in punctuation', () => {
    expect(searchWords('  Wool  wool WOOL café ')).toEqual(['wool', 'cafe']);
    expect(searchWords('a b c d e f g h i j k l')).toHaveLength(10);
    expect(searchWords('-- !!')).toEqual([]);
  });

  it('a search text is a leading space before each distinct word', () => {
    expect(searchNameOf({ name: 'Wool, wool & Café' })).toBe(' wool cafe');
  });
});

describe('matchesSearch', () => {
  it('looks in name, brand, descriptions, SKU and product and variant attribute values', () => {
    const text = searchTextOf(sweater);
    for (const word of ['holiday', 'j', 'crew', 'festive', 'features', 'merino', 'wool', 'acm', 'forest', 'green']) {
      expect(text).toContain(` ${word}`);
    }
    expect(text).not.toContain(' fabric'); // attribute names are not searched
    expect(text).not.toContain(' color');
  });

  it.each([
    ['wool', sweater, true],
    ['WOOL', sweater, true],
    ['woo', sweater, true],
    ['ool', sweater, false],
    ['woolen', sweater, false],
    ['merino wool', sweater, true],
    ['wool merino', sweater, true],
    ['wool cashmere', sweater, false],
    ['forest', sweater, true],
    ['cafe', cafe, true],
    ['CAFÉ crème', cafe, true],
    ['creme', cafe, true],
    ['--', cafe, false],
  ])('q=%j: %s', (q, candidate, expected) => {
    expect(matchesSearch(candidate, q)).toBe(expected);
  });

  it('a word of q finds the words it starts: wool finds "woolen"', () => {
    expect(matchesSearch(product({ description: 'A woolen blanket' }), 'wool')).toBe(true);
  });
});

describe('searchRankOf', () => {
  it('ranks 0 when every word is in the name', () => {
    expect(searchRankOf(sweater, 'holiday sweat')).toBe(0);
    expect(searchRankOf(sweater, 'holiday wool')).toBe(1);
    expect(searchRankOf(sweater, 'wool')).toBe(1);
    expect(searchRankOf(cafe, 'cafe')).toBe(0);
  });
});

describe('product references', () => {
  it.each([
    ['electronics-laptops.k3j9x2m4q8w1', 'id'],
    ['asus-nordic-gaming-laptop', 'slug'],
    ['Not-A-Slug', 'none'],
    ['a', 'none'],
    ['electronics-laptops.short', 'none'],
    ['../../etc/passwd', 'none'],
    ['x'.repeat(81), 'none'],
  ])('%s is a reference of kind %s', (ref, kind) => {
    expect(productRefKind(ref)).toBe(kind);
  });

  it('product slugs may not be path words of the product reads', () => {
    const body = {
      sku: 'S-1',
      name: 'Search',
      slug: 'search',
      category_slug: 'toys',
      description: '',
      brand: 'B',
      price: { amount: 1, currency: 'USD', compare_at: null, tax_rate: 0 },
      variants: [{ variant_id: 'v', sku: 'S-1-V', attributes: {}, price_adjustment: 0, stock: 1 }],
    };
    expect(ProductCreateSchema.safeParse(body).success).toBe(false);
    expect(ProductCreateSchema.safeParse({ ...body, slug: 'search-lamp' }).success).toBe(true);
  });
});

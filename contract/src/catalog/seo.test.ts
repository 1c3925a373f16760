import { describe, expect, it } from 'vitest';
import { defaultSeo, followSeoDefaults } from './seo.ts';

const product = { name: 'Wool Scarf', description: 'Warm.', slug: 'wool-scarf' };

describe('SEO defaults', () => {
  it('derives title, description and canonical URL', () => {
    expect(defaultSeo(product)).toEqual({
      meta_title: 'Wool Scarf',
      meta_description: 'Warm.',
      canonical_url: '/product/wool-scarf',
    });
  });

  it('follows a rename where the fields were defaulted, keeps what was set by hand', () => {
    const current = { ...product, seo: { ...defaultSeo(product), meta_title: 'Best scarf in town' } };
    const next = { ...product, name: 'Merino Scarf', slug: 'merino-scarf' };
    expect(followSeoDefaults(current, next)).toEqual({
      meta_title: 'Best scarf in town',
      meta_description: 'Warm.',
      canonical_url: '/product/merino-scarf',
    });
  });
});

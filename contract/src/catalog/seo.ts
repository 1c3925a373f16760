import type { StaffProduct } from './schemas.ts';

type Seo = StaffProduct['seo'];
type SeoSource = Pick<StaffProduct, 'name' | 'description' | 'slug'>;

/** The SEO fields a product gets when none are given: from its name, description and slug. */
export function defaultSeo(product: SeoSource): Seo {
  return {
    meta_title: product.name.slice(0, 120),
    meta_description: product.description.slice(0, 320),
    canonical_url: `/product/${product.slug}`,
  };
}

/**
 * The SEO fields after an edit that did not set `seo`: each field still at its default for the old
 * content (never edited by hand) follows the new content, so renaming a product or changing its
 * slug leaves no stale title or canonical URL; a field set by hand stays.
 */
export function followSeoDefaults(current: SeoSource & { seo: Seo }, next: SeoSource): Seo {
  const before = defaultSeo(current);
  const after = defaultSeo(next);
  const pick = (field: keyof Seo) => (current.seo[field] === before[field] ? after[field] : current.seo[field]);
  return {
    meta_title: pick('meta_title'),
    meta_description: pick('meta_description'),
    canonical_url: pick('canonical_url'),
  };
}

/** What the checkout bench's parts share: the rate limits out of the way, the checkout's inputs, discovering the catalog. */
import { ok, type Send } from './load-client.ts';

/** Rate limits out of the way: one client address makes every call here. */
export const ENV = { AUTH_RATE_LIMIT_PER_MINUTE: '100000', AUTH_ACCOUNT_ATTEMPTS_PER_MINUTE: '100000' };
export const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: null,
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
  phone: null,
};
export const SHIPPING = { country: 'US', postal_code: '94102', option_id: 'standard' };

export interface Page<T> {
  items: T[];
}
export interface Product {
  id: string;
  variants: { variant_id: string; stock: number }[];
}
export interface Target {
  product_id: string;
  variant_id: string;
}

export const guestToken = async (send: Send) =>
  ok<{ tokens: { access_token: string } }>(
    await send('POST', '/api/auth/guest', { body: { token_delivery: 'body' } }),
    'guest session',
  ).tokens.access_token;

/** Category slugs with products, product ids, and variants with units to add (20 or more). */
export async function discover(send: Send) {
  const categories = ok<Page<{ slug: string }>>(await send('GET', '/api/categories?limit=100'), 'categories');
  const slugs: string[] = [];
  const ids = new Set<string>();
  for (const { slug } of categories.items) {
    const page = ok<Page<{ id: string }>>(await send('GET', `/api/products?category=${slug}&limit=20`), slug);
    if (page.items.length === 0) continue;
    slugs.push(slug);
    for (const item of page.items) ids.add(item.id);
  }
  const targets: Target[] = [];
  for (const id of ids) {
    const product = ok<Product>(await send('GET', `/api/products/${id}`), id);
    const variant = product.variants.find((v) => v.stock >= 20);
    if (variant) targets.push({ product_id: id, variant_id: variant.variant_id });
  }
  return { slugs, productIds: [...ids], targets };
}

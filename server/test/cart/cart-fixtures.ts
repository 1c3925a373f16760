/** Products made for cart tests through the staff API (stock and prices the tests choose), and cart calls. */
import type { Cart } from '@holiday-peak-hub/contract';
import { api, type Answer } from '../support/identity-client.ts';
import { productBody } from '../support/sample-requests.ts';
import type { TestServer } from '../support/test-server.ts';

export interface MadeProduct {
  id: string;
  variants: string[];
}

/** An active product of `variants` variants, `stock` units each, priced 19.99 + 1.00 per variant index at 8 % (a laptop unless told). */
export async function makeProduct(
  server: TestServer,
  options: { variants?: number; stock?: number; amount?: number; category?: string } = {},
): Promise<MadeProduct> {
  const base = productBody(options.category ?? 'electronics-laptops');
  const variants = Array.from({ length: options.variants ?? 1 }, (_, i) => ({
    variant_id: `var_${i}`,
    sku: `${base.sku}-V${i}`,
    attributes: { size: `S${i}` },
    price_adjustment: i,
    stock: options.stock ?? 10,
  }));
  const body = { ...base, price: { ...base.price, amount: options.amount ?? 19.99 }, variants };
  const created = await api<{ id: string }>(server, 'POST', '/api/staff/products', {
    token: server.tokens.staff,
    body,
  });
  if (created.status !== 201) throw new Error(`createProduct: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await api(server, 'POST', `/api/staff/products/${created.body.id}/publish`, {
    token: server.tokens.staff,
  });
  if (published.status !== 200) throw new Error(`publishProduct: ${published.status}`);
  return { id: created.body.id, variants: variants.map((v) => v.variant_id) };
}

export const getCart = (server: TestServer, token: string): Promise<Answer<Cart>> =>
  api<Cart>(server, 'GET', '/api/cart', { token });

export const addItem = (
  server: TestServer,
  token: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer<Cart>> => api<Cart>(server, 'POST', '/api/cart/items', { token, body, headers });

/** How many answers had each status. */
export const tally = (answers: readonly { status: number }[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

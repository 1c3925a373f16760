import {
  cartMoney,
  DEFAULT_CART_CURRENCY,
  fromMinor,
  pricedLine,
  type Cart,
  type CartLine,
  type PricedLine,
} from '@holiday-peak-hub/contract';
import type { ProductDocument } from '../catalog/documents.ts';
import type { CartDocument, StoredCartLine } from './documents.ts';
import type { CartCatalog } from './ports.ts';

type Variant = ProductDocument['variants'][number];

/** A line's product and variant as the catalog has them now (either may be gone). */
export interface LineSource {
  product: ProductDocument | undefined;
  variant: Variant | undefined;
}

/** The products of some lines, each read once. */
export async function readProducts(
  catalog: CartCatalog,
  lines: readonly { product_id: string }[],
): Promise<Map<string, ProductDocument | undefined>> {
  const ids = [...new Set(lines.map((line) => line.product_id))];
  const products = await Promise.all(ids.map((id) => catalog.get(id)));
  return new Map(ids.map((id, i) => [id, products[i]]));
}

export function sourceOf(products: Map<string, ProductDocument | undefined>, line: StoredCartLine): LineSource {
  const product = products.get(line.product_id);
  return { product, variant: product?.variants.find((v) => v.variant_id === line.variant_id) };
}

/** For sale now: the product is active and still has the variant. */
export function forSale(source: LineSource): source is { product: ProductDocument; variant: Variant } {
  return source.product?.status === 'active' && source.variant !== undefined;
}

const variantName = (variant: Variant) => Object.values(variant.attributes).join(' / ');

/** One line as the caller sees it, and its priced form when it counts in the totals. */
function lineView(line: StoredCartLine, source: LineSource, currency: string): { view: CartLine; priced?: PricedLine } {
  const { product, variant } = source;
  const base = {
    id: line.id,
    product_id: line.product_id,
    variant_id: line.variant_id,
    quantity: line.quantity,
    name: product?.name ?? null,
    variant_name: variant ? variantName(variant) : null,
    sku: variant?.sku ?? null,
    image: product ? ([...product.images].sort((a, b) => a.order - b.order)[0] ?? null) : null,
    added_at: line.added_at,
  };
  if (!forSale(source)) {
    return { view: { ...base, unit_price: null, line_total: null, available_quantity: 0, issues: ['unavailable'] } };
  }
  const available = source.variant.stock;
  if (source.product.price.currency !== currency) {
    return {
      view: {
        ...base,
        unit_price: null,
        line_total: null,
        available_quantity: available,
        issues: ['currency_mismatch'],
      },
    };
  }
  const priced = pricedLine(source.product.price, source.variant.price_adjustment, line.quantity);
  const unit = fromMinor(priced.unitMinor);
  const total = fromMinor(priced.unitMinor * priced.quantity);
  const issues: CartLine['issues'] = available < line.quantity ? ['insufficient_stock'] : [];
  return { view: { ...base, unit_price: unit, line_total: total, available_quantity: available, issues }, priced };
}

/** False for a cart past its TTL that storage has not removed yet: it counts as empty. */
export function isLive(doc: CartDocument, now: Date): boolean {
  return Date.parse(doc.updated_at) + doc.ttl * 1000 > now.getTime();
}

/**
 * The cart as the caller sees it: every stored line, priced from the catalog as it is now, flagged
 * when it cannot be bought as it is; the totals over the priced lines, in minor units (`cartMoney`).
 */
export async function cartView(catalog: CartCatalog, doc: CartDocument | undefined, now: Date): Promise<Cart> {
  const live = doc && isLive(doc, now) ? doc : undefined;
  const lines = live?.lines ?? [];
  const currency = live?.currency ?? DEFAULT_CART_CURRENCY;
  const products = await readProducts(catalog, lines);
  const views = lines.map((line) => lineView(line, sourceOf(products, line), currency));
  const money = cartMoney(views.flatMap((v) => (v.priced ? [v.priced] : [])));
  return {
    items: views.map((v) => v.view),
    item_count: lines.reduce((sum, line) => sum + line.quantity, 0),
    totals: {
      subtotal: fromMinor(money.subtotal),
      tax_estimate: fromMinor(money.tax),
      total_estimate: fromMinor(money.total),
      currency,
    },
    updated_at: live?.updated_at ?? null,
    expires_at: live ? new Date(Date.parse(live.updated_at) + live.ttl * 1000).toISOString() : null,
  };
}

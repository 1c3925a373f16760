import {
  SHIPPING_CURRENCY,
  shippingQuotes,
  type CartShipping,
  type ShippingQuote,
  cartMoney,
  DEFAULT_CART_CURRENCY,
  fromMinor,
  pricedLine,
  type Cart,
  type CartLine,
  type PricedLine,
} from '@holiday-peak-hub/contract';
import type { ProductDocument } from '../catalog/documents.ts';
import type { PromotionCart } from '../promotions/evaluate.ts';
import { REFUSAL_CODES } from '../promotions/refusals.ts';
import type { CartDocument, StoredCartLine } from './documents.ts';
import type { CartCatalog, CartPromotions } from './ports.ts';

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

/** A line that counts in the totals: its money, and what a promotion reads of it. */
interface CountedLine extends PricedLine {
  product_id: string;
  category_slug: string;
}

/** One line as the caller sees it, and its priced form when it counts in the totals. */
function lineView(
  line: StoredCartLine,
  source: LineSource,
  currency: string,
): { view: CartLine; priced?: CountedLine } {
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
  const priced = {
    ...pricedLine(source.product.price, source.variant.price_adjustment, line.quantity),
    product_id: source.product.id,
    category_slug: source.product.category_slug,
  };
  const unit = fromMinor(priced.unitMinor);
  const total = fromMinor(priced.unitMinor * priced.quantity);
  const issues: CartLine['issues'] = available < line.quantity ? ['insufficient_stock'] : [];
  return { view: { ...base, unit_price: unit, line_total: total, available_quantity: available, issues }, priced };
}

/** False for a cart past its TTL that storage has not removed yet: it counts as empty. */
export function isLive(doc: CartDocument, now: Date): boolean {
  return Date.parse(doc.updated_at) + doc.ttl * 1000 > now.getTime();
}

/** A cart priced from the catalog now: each line's view, and the lines that count in the totals. */
export interface PricedCart {
  live: CartDocument | undefined;
  currency: string;
  views: CartLine[];
  counted: CountedLine[];
}

/** Prices every stored line of a live cart from the catalog as it is now. */
export async function priceCart(catalog: CartCatalog, doc: CartDocument | undefined, now: Date): Promise<PricedCart> {
  const live = doc && isLive(doc, now) ? doc : undefined;
  const lines = live?.lines ?? [];
  const currency = live?.currency ?? DEFAULT_CART_CURRENCY;
  const products = await readProducts(catalog, lines);
  const views = lines.map((line) => lineView(line, sourceOf(products, line), currency));
  return {
    live,
    currency,
    views: views.map((v) => v.view),
    counted: views.flatMap((v) => (v.priced ? [v.priced] : [])),
  };
}

/** The cart as a promotion reads it: the counted lines in minor units, their subtotal, the shipping price. */
export function promotionCartOf(priced: PricedCart, shipping: number): PromotionCart {
  const money = cartMoney(priced.counted);
  return {
    lines: priced.counted.map((line) => ({
      product_id: line.product_id,
      category_slug: line.category_slug,
      unit_price: line.unitMinor,
      quantity: line.quantity,
    })),
    subtotal: money.subtotal,
    shipping,
    currency: priced.currency,
  };
}

/** The shipping options of a priced cart to a country at `now`: undefined when not shipped there or not in the rates' currency. */
export function quotesFor(priced: PricedCart, country: string, now: Date): ShippingQuote[] | undefined {
  if (priced.currency !== SHIPPING_CURRENCY) return undefined;
  return shippingQuotes(country, cartMoney(priced.counted).subtotal, now);
}

/** The chosen shipping priced now, or null when none is chosen (or it is no longer offered). */
function shippingOf(priced: PricedCart, now: Date): { view: CartShipping; priceMinor: number } | null {
  const chosen = priced.live?.shipping;
  if (!chosen) return null;
  const quote = quotesFor(priced, chosen.country, now)?.find((q) => q.option.id === chosen.option_id);
  if (!quote) return null;
  return {
    view: { country: chosen.country, postal_code: chosen.postal_code, option: quote.option },
    priceMinor: quote.priceMinor,
  };
}

/**
 * What the applied code does to a priced cart now: the discount on the lines and on the shipping
 * (free shipping), or why it gives none.
 */
async function promoEffect(promotions: CartPromotions, priced: PricedCart, shipping: number, now: Date) {
  const code = priced.live?.promo_code ?? null;
  if (code === null) return { code, lines: 0, shipping: 0, issue: null };
  const evaluation = await promotions.evaluate(code, promotionCartOf(priced, shipping), priced.live!.user_id, now);
  if (!evaluation.ok) return { code, lines: 0, shipping: 0, issue: REFUSAL_CODES[evaluation.refusal.reason] };
  const onLines = evaluation.applies_to === 'lines';
  return {
    code,
    lines: onLines ? evaluation.discount : 0,
    shipping: onLines ? 0 : evaluation.discount,
    issue: null,
  };
}

/**
 * The cart as the caller sees it: every stored line, priced from the catalog as it is now, flagged
 * when it cannot be bought as it is; the applied promo code evaluated again (a refusal now is
 * `promo_issue` and no discount, never a silent removal); the totals over the priced lines, in
 * minor units (`cartMoney`).
 */
export async function cartView(
  catalog: CartCatalog,
  promotions: CartPromotions,
  doc: CartDocument | undefined,
  now: Date,
): Promise<Cart> {
  const priced = await priceCart(catalog, doc, now);
  const { live, currency } = priced;
  const shipping = shippingOf(priced, now);
  const shippingPrice = shipping?.priceMinor ?? 0;
  const promo = await promoEffect(promotions, priced, shippingPrice, now);
  const money = cartMoney(priced.counted, { discount: promo.lines, shipping: shippingPrice - promo.shipping });
  return {
    items: priced.views,
    item_count: (live?.lines ?? []).reduce((sum, line) => sum + line.quantity, 0),
    totals: {
      subtotal: fromMinor(money.subtotal),
      discount: fromMinor(money.discount),
      tax_estimate: fromMinor(money.tax),
      shipping: fromMinor(money.shipping),
      total_estimate: fromMinor(money.total),
      currency,
    },
    promo_code: promo.code,
    promo_issue: promo.issue,
    shipping: shipping?.view ?? null,
    updated_at: live?.updated_at ?? null,
    expires_at: live ? new Date(Date.parse(live.updated_at) + live.ttl * 1000).toISOString() : null,
  };
}

import {
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  normalizePromoCode,
  type Cart,
  type CartItemAdd,
  type ShippingChoice,
  type ShippingOptionList,
} from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { randomToken } from '../platform/random.ts';
import { withConcurrency, type WriteContext } from '../platform/write-context.ts';
import type { ProductDocument } from '../catalog/documents.ts';
import { promotionRefusalError } from '../promotions/refusals.ts';
import { cartView, forSale, priceCart, promotionCartOf, quotesFor, type PricedCart } from './cart-view.ts';
import { checkCartIfMatch, draftOf, ownerOf, renewed, EMPTY_CART_VERSION, type CartDraft } from './cart-writes.ts';
import type { CartDocument, StoredCart } from './documents.ts';
import type { CartCatalog, CartPromotions, CartRepository } from './ports.ts';

export interface CartServiceDeps {
  carts: CartRepository;
  catalog: CartCatalog;
  promotions: CartPromotions;
  clock: () => Date;
}

/** A cart answer: the cart and the version its ETag names. */
export interface CartAnswer {
  cart: Cart;
  /** The stored version (`empty` for a cart never written). */
  version: string;
}

export const newLineId = () => `cli_${randomToken(16)}`;

/** The variant an add names: the one given, or the product's only one. */
function variantFor(product: ProductDocument, variantId: string | undefined) {
  if (variantId === undefined) {
    if (product.variants.length === 1) return product.variants[0]!;
    throw new UnprocessableError('Name the variant to add: this product has several', {
      product_id: product.id,
      reason: 'variant_required',
    });
  }
  const variant = product.variants.find((v) => v.variant_id === variantId);
  if (!variant) {
    throw new UnprocessableError('The product has no such variant', {
      product_id: product.id,
      variant_id: variantId,
      reason: 'unknown_variant',
    });
  }
  return variant;
}

/** What can be bought now of a variant: 422 when it is not for sale, or short of the quantity. */
function checkStock(
  product: ProductDocument | undefined,
  productId: string,
  variantId: string,
  quantity: number,
): void {
  const variant = product?.variants.find((v) => v.variant_id === variantId);
  if (!forSale({ product, variant })) {
    throw new UnprocessableError('This product is not for sale', {
      product_id: productId,
      variant_id: variantId,
      reason: 'unavailable',
    });
  }
  if (variant!.stock < quantity) {
    throw new UnprocessableError(`Only ${variant!.stock} in stock`, {
      product_id: productId,
      variant_id: variantId,
      reason: 'insufficient_stock',
      available_quantity: variant!.stock,
    });
  }
}

/**
 * The cart rules: each write reads the owner's cart, checks `If-Match` against it, applies the
 * change to the lines and writes on the version read; without `If-Match` a concurrent change is
 * retried on a fresh read (`withConcurrency`), so no add is lost and no limit is passed.
 */
export class CartService {
  readonly #deps: CartServiceDeps;

  constructor(deps: CartServiceDeps) {
    this.#deps = deps;
  }

  async get(caller: Caller): Promise<CartAnswer> {
    return this.answer(await this.#deps.carts.get(ownerOf(caller)));
  }

  /** The cart of a stored (or absent) document, priced now. */
  async answer(stored: StoredCart | undefined): Promise<CartAnswer> {
    const cart = await cartView(this.#deps.catalog, this.#deps.promotions, stored, this.#deps.clock());
    return { cart, version: stored?._etag ?? EMPTY_CART_VERSION };
  }

  add(caller: Caller, input: CartItemAdd, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, async (doc) => {
      const product = await this.#deps.catalog.get(input.product_id);
      if (!product) {
        throw new UnprocessableError('No such product', { product_id: input.product_id, reason: 'unknown_product' });
      }
      const variant = variantFor(product, input.variant_id);
      const existing = doc.lines.find((l) => l.product_id === product.id && l.variant_id === variant.variant_id);
      const quantity = (existing?.quantity ?? 0) + input.quantity;
      const ref = { product_id: product.id, variant_id: variant.variant_id };
      if (quantity > MAX_LINE_QUANTITY) {
        throw new UnprocessableError(`A line holds at most ${MAX_LINE_QUANTITY} units`, {
          ...ref,
          reason: 'line_limit',
          max_quantity: MAX_LINE_QUANTITY,
          in_cart: existing?.quantity ?? 0,
        });
      }
      if (!existing && doc.lines.length >= MAX_CART_LINES) {
        throw new UnprocessableError(`A cart holds at most ${MAX_CART_LINES} lines`, {
          reason: 'cart_full',
          max_lines: MAX_CART_LINES,
        });
      }
      checkStock(product, product.id, variant.variant_id, quantity);
      const currency = doc.lines.length === 0 ? product.price.currency : doc.currency;
      if (product.price.currency !== currency) {
        throw new UnprocessableError(`This cart is in ${currency}: the product is priced in another currency`, {
          ...ref,
          reason: 'currency_mismatch',
        });
      }
      const now = this.#deps.clock().toISOString();
      const lines = existing
        ? doc.lines.map((l) => (l === existing ? { ...l, quantity } : l))
        : [...doc.lines, { id: newLineId(), ...ref, quantity, added_at: now }];
      return { ...doc, currency, lines };
    });
  }

  update(caller: Caller, lineId: string, quantity: number, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, async (doc) => {
      const line = this.#line(doc, lineId);
      checkStock(await this.#deps.catalog.get(line.product_id), line.product_id, line.variant_id, quantity);
      return { ...doc, lines: doc.lines.map((l) => (l === line ? { ...l, quantity } : l)) };
    });
  }

  remove(caller: Caller, lineId: string, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, (doc) => {
      const line = this.#line(doc, lineId);
      return Promise.resolve({ ...doc, lines: doc.lines.filter((l) => l !== line) });
    });
  }

  /** Empties the cart (the document stays, so its version goes on). Nothing stored: nothing to do. */
  clear(caller: Caller, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, (doc) => Promise.resolve(doc.lines.length === 0 ? doc : { ...doc, lines: [] }));
  }

  /**
   * Keeps a promo code on the cart when it applies to the cart as priced now (the owner's uses
   * read from the ledger, none counted); else its refusal (422 `PROMO_*`) and nothing changes.
   */
  applyPromo(caller: Caller, code: string, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, async (doc) => {
      const { catalog, promotions, clock } = this.#deps;
      const now = clock();
      const priced = await priceCart(catalog, doc, now);
      const evaluation = await promotions.evaluate(code, promotionCartOf(priced, 0), doc.user_id, now);
      if (!evaluation.ok) throw promotionRefusalError(normalizePromoCode(code), evaluation.refusal);
      return evaluation.code === doc.promo_code ? doc : { ...doc, promo_code: evaluation.code };
    });
  }

  /** Takes the promo code off the cart; a cart without one is left as it is. */
  removePromo(caller: Caller, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, (doc) =>
      Promise.resolve(doc.promo_code == null ? doc : { ...doc, promo_code: null }),
    );
  }

  /** The shipping options for the caller's cart (priced now) to a destination; 422 for a country not shipped to. */
  async shippingOptions(caller: Caller, country: string, postalCode: string): Promise<ShippingOptionList> {
    const { carts, catalog, clock } = this.#deps;
    const now = clock();
    const priced = await priceCart(catalog, await carts.get(ownerOf(caller)), now);
    const destination = country.toUpperCase();
    return { country: destination, postal_code: postalCode, options: this.#quotes(priced, destination, now) };
  }

  /** Keeps a destination and one of its options on the cart (priced again at every read). */
  chooseShipping(caller: Caller, choice: ShippingChoice, ctx: WriteContext): Promise<CartAnswer> {
    return this.#write(caller, ctx, async (doc) => {
      const { catalog, clock } = this.#deps;
      const now = clock();
      const country = choice.country.toUpperCase();
      const options = this.#quotes(await priceCart(catalog, doc, now), country, now);
      if (!options.some((option) => option.id === choice.option_id)) {
        throw new UnprocessableError(`${choice.option_id} shipping is not offered to ${country}`, {
          field: 'option_id',
          reason: 'unknown_option',
          offered: options.map((option) => option.id),
        });
      }
      const shipping = { country, postal_code: choice.postal_code, option_id: choice.option_id };
      const same = JSON.stringify(doc.shipping ?? null) === JSON.stringify(shipping);
      return same ? doc : { ...doc, shipping };
    });
  }

  #quotes(priced: PricedCart, country: string, now: Date) {
    const quotes = quotesFor(priced, country, now);
    if (!quotes) {
      throw new UnprocessableError(`We do not ship to ${country}`, {
        field: 'country',
        reason: 'unsupported_country',
        country,
      });
    }
    return quotes.map((quote) => quote.option);
  }

  /** A line of the caller's own cart: any other id (another cart's line included) is a 404. */
  #line(doc: CartDocument, lineId: string) {
    const line = doc.lines.find((l) => l.id === lineId);
    if (!line) throw new NotFoundError('Cart line', { id: lineId });
    return line;
  }

  /**
   * Read, check `If-Match`, change, write on the version read. A change that gives back the same
   * document writes nothing.
   */
  #write(caller: Caller, ctx: WriteContext, change: (doc: CartDocument) => Promise<CartDocument>) {
    const { carts, clock } = this.#deps;
    return withConcurrency(ctx.ifMatch, async () => {
      const stored = await carts.get(ownerOf(caller));
      const draft: CartDraft = draftOf(caller, stored, clock());
      checkCartIfMatch(ctx.ifMatch, draft);
      const next = await change(draft.doc);
      if (next === draft.doc) return this.answer(stored);
      return this.answer(await carts.save(renewed(next, clock()), draft.etag));
    });
  }
}

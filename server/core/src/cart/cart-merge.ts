import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '@holiday-peak-hub/contract';
import { PreconditionFailedError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { withConcurrency, type WriteContext } from '../platform/write-context.ts';
import { forSale, isLive, readProducts, sourceOf } from './cart-view.ts';
import { checkCartIfMatch, draftOf, ownerOf, renewed } from './cart-writes.ts';
import type { CartAnswer, CartService } from './cart-service.ts';
import type { CartDocument, StoredCartLine } from './documents.ts';
import type { CartCatalog, CartRepository, GuestTokenCheck } from './ports.ts';

export interface CartMergeDeps {
  carts: CartRepository;
  catalog: CartCatalog;
  guestOf: GuestTokenCheck;
  clock: () => Date;
  service: CartService;
}

/** How many merged guest line ids a cart remembers: several guest carts' worth. */
const ABSORBED_KEPT = 4 * MAX_CART_LINES;

/**
 * The lines of a guest cart added to a cart: a variant in both gets the sum, capped by the line
 * limit and by the stock (never below what the cart held, nor below one unit: a line the stock
 * cannot serve is kept and flagged, not dropped); a new variant gets a line of its own while the
 * cart has room. Each guest line is recorded in `absorbed`, and one already recorded is skipped.
 */
async function absorb(
  catalog: CartCatalog,
  doc: CartDocument,
  guestLines: readonly StoredCartLine[],
): Promise<CartDocument> {
  const absorbed = new Set(doc.absorbed);
  const incoming = guestLines.filter((line) => !absorbed.has(line.id));
  if (incoming.length === 0) return doc;
  const products = await readProducts(catalog, incoming);
  const lines = doc.lines.map((line) => ({ ...line }));
  for (const guest of incoming) {
    absorbed.add(guest.id);
    const source = sourceOf(products, guest);
    const stock = forSale(source) ? source.variant.stock : 0;
    const cap = (quantity: number, floor: number) => Math.max(floor, Math.min(quantity, MAX_LINE_QUANTITY, stock));
    const same = lines.find((l) => l.product_id === guest.product_id && l.variant_id === guest.variant_id);
    if (same) same.quantity = cap(same.quantity + guest.quantity, same.quantity);
    else if (lines.length < MAX_CART_LINES) lines.push({ ...guest, quantity: cap(guest.quantity, 1) });
  }
  return { ...doc, lines, absorbed: [...absorbed].slice(-ABSORBED_KEPT) };
}

/**
 * `POST /api/cart/merge`: the guest session proven by its access token gives its cart to the
 * caller. The caller's cart is written first (with the guest lines recorded as absorbed), then the
 * guest cart is deleted on the version read: a merge repeated or racing another finds the lines
 * absorbed or the guest cart gone, so every guest line is counted once.
 */
export class CartMerge {
  readonly #deps: CartMergeDeps;

  constructor(deps: CartMergeDeps) {
    this.#deps = deps;
  }

  async merge(caller: Caller, guestToken: string, ctx: WriteContext): Promise<CartAnswer> {
    const { carts, catalog, clock, service } = this.#deps;
    const guestId = await this.#deps.guestOf(guestToken);
    if (guestId === undefined) {
      throw new UnprocessableError('guest_token is not the access token of a live guest session', {
        field: 'guest_token',
      });
    }
    return withConcurrency(ctx.ifMatch, async () => {
      const [guest, stored] = await Promise.all([carts.get(guestId), carts.get(ownerOf(caller))]);
      const draft = draftOf(caller, stored, clock());
      checkCartIfMatch(ctx.ifMatch, draft);
      const guestLines = guest && isLive(guest, clock()) ? guest.lines : [];
      const start = draft.doc.lines.length === 0 && guest ? { ...draft.doc, currency: guest.currency } : draft.doc;
      const next = await absorb(catalog, start, guestLines);
      const saved = next === start ? stored : await carts.save(renewed(next, clock()), draft.etag);
      if (guest) await this.#dropGuestCart(guestId, guest._etag);
      return service.answer(saved);
    });
  }

  /** Deletes the guest cart as read; one changed since keeps its new lines for a later merge (the merged ones are absorbed). */
  async #dropGuestCart(guestId: string, etag: string): Promise<void> {
    try {
      await this.#deps.carts.remove(guestId, etag);
    } catch (err) {
      if (!(err instanceof PreconditionFailedError)) throw err;
    }
  }
}

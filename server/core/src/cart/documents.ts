/**
 * How a cart is stored, whatever the storage: one document per owner (a guest session's id or an
 * account's), holding only what the owner chose. Names, prices, images and stock are read from the
 * catalog at every answer, never stored here.
 */
export interface StoredCartLine {
  id: string;
  product_id: string;
  variant_id: string;
  quantity: number;
  added_at: string;
}

/** The shipping chosen for a cart: the destination (country upper-case) and the option's id. */
export interface StoredShipping {
  country: string;
  postal_code: string;
  option_id: 'standard' | 'express' | 'overnight';
}

export interface CartDocument {
  /** Always `cart`: the owner's id is the partition key, so the cart is one point read by (id, user_id). */
  id: 'cart';
  user_id: string;
  /** Whose cart: a guest session's lives 14 days after its last change, an account's 90. */
  owner: 'guest' | 'account';
  /** The currency of the lines, fixed by the first line of an empty cart. */
  currency: string;
  lines: StoredCartLine[];
  /**
   * Ids of guest lines already merged into this cart (most recent last, bounded): a merge repeated,
   * or racing another, adds each guest line once.
   */
  absorbed: string[];
  /** The promo code applied (upper-case), evaluated again at every read; absent or null when none. */
  promo_code?: string | null;
  /** The destination and shipping option chosen (priced again at every read); absent or null before. */
  shipping?: StoredShipping | null;
  created_at: string;
  updated_at: string;
  /** Seconds from the last write until storage deletes the document (Cosmos DB per-item TTL). */
  ttl: number;
}

/** The id every cart document has in its owner's partition. */
export const CART_DOCUMENT_ID = 'cart';

/** A cart document as storage answers it, with its version. */
export type StoredCart = CartDocument & { _etag: string };

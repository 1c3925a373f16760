import type { ProductDocument } from '../catalog/documents.ts';
import type { PromotionCart, PromotionEvaluation } from '../promotions/evaluate.ts';
import type { CartDocument, StoredCart } from './documents.ts';

/*
 * What the cart services need from storage. The Cosmos DB adapter (server, container `cart`,
 * partition `/user_id`) and the in-memory one (`memory/`) implement it with the same semantics.
 */

export interface CartRepository {
  /** The owner's cart document, or undefined. */
  get(userId: string): Promise<StoredCart | undefined>;
  /**
   * Writes the cart only if the stored one is still the version `etag` names (`null`: only if there
   * is none); else a `PreconditionFailedError`, for the caller to read again. Answers the new version.
   */
  save(doc: CartDocument, etag: string | null): Promise<StoredCart>;
  /** Deletes the owner's cart if it is still the version `etag` names (else 412); an absent one is fine. */
  remove(userId: string, etag: string): Promise<void>;
}

/** The catalog as the cart reads it: one product by id, in any status (undefined when deleted). */
export interface CartCatalog {
  get(productId: string): Promise<ProductDocument | undefined>;
}

/**
 * Whose guest session a token is: the guest id when it is a live guest session of ours, else
 * undefined (verified by the same authenticator as every request).
 */
export type GuestTokenCheck = (token: string) => Promise<string | undefined>;

/**
 * Promo codes as the cart applies them (the promotions' `PromotionService` is one): whether a code
 * applies to a cart for a customer at `now` (their uses read from the redemption ledger), and for how much.
 */
export interface CartPromotions {
  evaluate(code: string, cart: PromotionCart, customerId: string | null, now: Date): Promise<PromotionEvaluation>;
}

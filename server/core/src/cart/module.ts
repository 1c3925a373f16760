import type { Authenticator } from '../pipeline/authenticate.ts';
import type { HandlersFor } from '../pipeline/handler.ts';
import { CartMerge } from './cart-merge.ts';
import { CartService } from './cart-service.ts';
import { guestTokenCheck } from './guest-token.ts';
import { createCartHandlers, type CartOperationId } from './handlers.ts';
import type { CartCatalog, CartPromotions, CartRepository } from './ports.ts';

export interface CartDeps {
  carts: CartRepository;
  /** The catalog's products (the catalog's `ProductRepository` is one). */
  catalog: CartCatalog;
  /** Promo codes (the promotions' `PromotionService`): evaluated against the cart at every read. */
  promotions: CartPromotions;
  /** The pipeline's authenticator: it checks the guest token of a merge. */
  authenticate: Authenticator;
  clock: () => Date;
}

export interface CartModule {
  handlers: HandlersFor<CartOperationId>;
  service: CartService;
  /** The carts' storage (order placement removes the cart it placed). */
  carts: CartRepository;
}

/** The cart over any storage: the server passes its Cosmos DB repository, the mocks and tests `MemoryCartRepository`. */
export function createCart(deps: CartDeps): CartModule {
  const service = new CartService(deps);
  const merges = new CartMerge({ ...deps, guestOf: guestTokenCheck(deps.authenticate), service });
  return { handlers: createCartHandlers(service, merges), service, carts: deps.carts };
}

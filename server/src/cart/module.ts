import type { Database } from '@azure/cosmos';
import {
  createCart,
  type Authenticator,
  type CartCatalog,
  type CartModule,
  type CartPromotions,
} from '@holiday-peak-hub/core';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { CosmosCartRepository } from './cart-repository.ts';

export interface CartModuleDeps {
  database: Database;
  /** The catalog's product repository: lines are priced from it at every read. */
  catalog: CartCatalog;
  /** The promotions' service: the applied code is evaluated against the cart at every read. */
  promotions: CartPromotions;
  authenticate: Authenticator;
  clock: () => Date;
}

/** The cart on Cosmos DB (container `cart`), reading products from the catalog's repository. */
export function createCartModule(deps: CartModuleDeps): CartModule {
  return createCart({
    carts: new CosmosCartRepository(deps.database.container(CONTAINER.cart)),
    catalog: deps.catalog,
    promotions: deps.promotions,
    authenticate: deps.authenticate,
    clock: deps.clock,
  });
}

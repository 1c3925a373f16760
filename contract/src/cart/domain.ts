import { defineDomain } from '../domain.ts';
import { cartOperations } from './operations.ts';

export const cartDomain = defineDomain({
  name: 'cart',
  tags: [
    {
      name: 'Cart',
      description:
        "A guest's or a customer's cart (page 7), priced from the catalog at every read, merged into the customer's on sign-in.",
    },
  ],
  operations: cartOperations,
});
